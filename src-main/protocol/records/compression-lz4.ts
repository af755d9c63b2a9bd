/**
 * LZ4 frame format for Kafka. Block (de)compression is `lz4-napi` (napi-rs prebuilds of lz4_flex); the
 * frame layer around it is ours, for three reasons: (1) magic-0 Kafka wrote a legacy header checksum
 * (pre-KIP-57 it hashed the 4 magic bytes too) that lz4_flex rejects, so we must check both forms and
 * write either; (2) the output must be bounded from the block sizes before anything is decompressed, so
 * a crafted frame cannot exhaust memory; (3) lz4-napi's frame decoder measured 2.4x slower (CPU time)
 * than this block-by-block path (BENCHMARKS.md, "Record batches and compression"). Frames with linked blocks (rare: no Kafka client writes them)
 * go to lz4-napi's frame decoder after the same checks. xxHash32 comes from @node-rs/xxhash.
 */
import type * as Lz4 from 'lz4-napi';
import type * as XxHash from '@node-rs/xxhash';
import { Buffer } from 'node:buffer';
import { corrupt, RecordsError, RecordsErrorCode } from './records-error.js';
import { lazyNative } from './lazy-native.js';

const lz4 = lazyNative<typeof Lz4>('lz4-napi');
const xxhash = lazyNative<typeof XxHash>('@node-rs/xxhash');

const MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];
/** What the Java producer writes: 64 KiB blocks (BD 0x40), independent blocks, no checksums (FLG 0x60). */
const WRITE_BLOCK = 64 << 10;
const WRITE_FLG = 0x60;
const WRITE_BD = 0x40;

const asBuffer = (d: Uint8Array): Buffer => (Buffer.isBuffer(d) ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength));
const xxh = (d: Uint8Array): number => xxhash().xxh32(asBuffer(d), 0) >>> 0;

/** Header checksum byte: xxh32 of the descriptor (FLG..before HC), or of magic+descriptor for legacy. */
function headerChecksum(frame: Uint8Array, start: number, hcAt: number, legacy: boolean): number {
  return (xxh(frame.subarray(legacy ? start : start + 4, hcAt)) >>> 8) & 0xff;
}

interface Block { at: number; size: number; stored: boolean; bound: number }
interface Frame {
  hcAt: number;
  /** The correct header checksum, when the frame carries the legacy one. */
  fixHc?: number;
  linked: boolean;
  blockChecksum: boolean;
  /** Position of the content checksum, or -1. */
  contentChecksumAt: number;
  blocks: Block[];
}

function scanFrames(data: Uint8Array): { frames: Frame[]; bound: number } {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const frames: Frame[] = [];
  let bound = 0;
  let pos = 0;
  do {
    const start = pos;
    if (pos + 7 > data.length) throw corrupt('lz4: truncated frame header');
    if (v.getUint32(pos, true) !== MAGIC) throw corrupt('lz4: bad frame magic');
    const flg = data[pos + 4];
    const bd = data[pos + 5];
    if ((flg >> 6) !== 1) throw corrupt(`lz4: unsupported frame version ${flg >> 6}`);
    if (flg & 0x02 || bd & 0x8f) throw corrupt('lz4: reserved descriptor bits set');
    if (flg & 0x01) throw corrupt('lz4: dictionary frames are not used by Kafka');
    const blockMax = BLOCK_MAX[(bd >> 4) & 7];
    if (!blockMax) throw corrupt(`lz4: invalid block size id ${(bd >> 4) & 7}`);
    const hcAt = pos + 6 + (flg & 0x08 ? 8 : 0);
    if (hcAt >= data.length) throw corrupt('lz4: truncated frame header');
    const frame: Frame = { hcAt, linked: (flg & 0x20) === 0, blockChecksum: (flg & 0x10) !== 0, contentChecksumAt: -1, blocks: [] };
    const hc = data[hcAt];
    const correct = headerChecksum(data, start, hcAt, false);
    if (hc !== correct) {
      if (hc !== headerChecksum(data, start, hcAt, true)) throw corrupt('lz4: frame header checksum mismatch');
      frame.fixHc = correct;
    }
    pos = hcAt + 1;
    for (;;) {
      if (pos + 4 > data.length) throw corrupt('lz4: truncated block size');
      const word = v.getUint32(pos, true);
      pos += 4;
      if (word === 0) break;
      const size = word & 0x7fffffff;
      const stored = word !== size;
      if (size > blockMax) throw corrupt(`lz4: block of ${size} bytes exceeds the frame's ${blockMax}-byte maximum`);
      if (pos + size + (frame.blockChecksum ? 4 : 0) > data.length) throw corrupt('lz4: truncated block');
      // A stored block is exactly its size; a compressed one at most blockMax (and LZ4's ratio is below 255).
      const b = stored ? size : Math.min(blockMax, size * 255 + 16);
      frame.blocks.push({ at: pos, size, stored, bound: b });
      bound += b;
      pos += size + (frame.blockChecksum ? 4 : 0);
    }
    if (flg & 0x04) {
      if (pos + 4 > data.length) throw corrupt('lz4: truncated content checksum');
      frame.contentChecksumAt = pos;
      pos += 4;
    }
    frames.push(frame);
  } while (pos < data.length);
  return { frames, bound };
}

function decodeBlocks(data: Uint8Array, v: DataView, frame: Frame, out: Buffer[]): number {
  let total = 0;
  const first = out.length;
  for (const b of frame.blocks) {
    const block = data.subarray(b.at, b.at + b.size);
    if (frame.blockChecksum && xxh(block) !== v.getUint32(b.at + b.size, true)) throw corrupt('lz4: block checksum mismatch');
    let plain: Buffer;
    if (b.stored) {
      plain = asBuffer(block);
    } else {
      // lz4-napi's block API takes a little-endian size prefix: give it our bound as the capacity.
      const prefixed = Buffer.allocUnsafe(4 + b.size);
      prefixed.writeUInt32LE(b.bound, 0);
      prefixed.set(block, 4);
      try {
        plain = lz4().uncompressSync(prefixed);
      } catch (e) {
        throw corrupt(`lz4: ${(e as Error).message}`);
      }
    }
    out.push(plain);
    total += plain.length;
  }
  if (frame.contentChecksumAt >= 0) {
    const content = Buffer.concat(out.slice(first), total);
    if (xxh(content) !== v.getUint32(frame.contentChecksumAt, true)) throw corrupt('lz4: content checksum mismatch');
  }
  return total;
}

/** Decompresses one or more LZ4 frames, accepting both the correct and the legacy header checksum. */
export function lz4Decompress(data: Uint8Array, limit: number): Uint8Array {
  const { frames, bound } = scanFrames(data);
  if (bound > limit) {
    throw new RecordsError(RecordsErrorCode.MESSAGE_TOO_LARGE, `lz4: frame may decompress to ${bound} bytes, over the ${limit}-byte limit`);
  }
  if (frames.some((f) => f.linked)) {
    let input = asBuffer(data);
    if (frames.some((f) => f.fixHc !== undefined)) {
      input = Buffer.from(input); // never patch the caller's bytes
      for (const f of frames) if (f.fixHc !== undefined) input[f.hcAt] = f.fixHc;
    }
    try {
      return lz4().decompressFrameSync(input);
    } catch (e) {
      throw corrupt(`lz4: ${(e as Error).message}`);
    }
  }
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: Buffer[] = [];
  let total = 0;
  for (const f of frames) total += decodeBlocks(data, v, f, out);
  return out.length === 1 ? out[0] : Buffer.concat(out, total);
}

/**
 * One LZ4 frame as the Java producer writes it (64 KiB independent blocks, no checksums, a block that does
 * not shrink is stored raw); `legacyChecksum` writes the pre-KIP-57 header checksum for magic-0 readers.
 */
export function lz4Compress(data: Uint8Array, legacyChecksum = false): Uint8Array {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(7);
  head.writeUInt32LE(MAGIC, 0);
  head[4] = WRITE_FLG;
  head[5] = WRITE_BD;
  head[6] = headerChecksum(head, 0, 6, legacyChecksum);
  parts.push(head);
  let size = 7;
  const src = asBuffer(data);
  for (let pos = 0; pos < src.length; pos += WRITE_BLOCK) {
    const chunk = src.subarray(pos, pos + WRITE_BLOCK);
    const packed = lz4().compressSync(chunk).subarray(4); // drop lz4-napi's size prefix
    const stored = packed.length >= chunk.length;
    const word = Buffer.allocUnsafe(4);
    word.writeUInt32LE(stored ? (0x80000000 | chunk.length) >>> 0 : packed.length, 0);
    parts.push(word, stored ? chunk : packed);
    size += 4 + (stored ? chunk.length : packed.length);
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts, size + 4);
}
