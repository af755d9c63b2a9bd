/**
 * LZ4 frame format for Kafka via `lz4-napi` (napi-rs prebuilds of lz4_flex). Our part is a small frame
 * walker that (1) accepts the legacy header checksum of magic-0 Kafka (pre-KIP-57 it hashed the 4 magic
 * bytes too; lz4_flex rejects that, so we patch the byte to the correct value on a copy before handing the
 * frame over), (2) bounds the output from the block sizes before anything is decompressed, so a crafted
 * frame cannot exhaust memory, and (3) writes the legacy checksum when asked (magic-0 wrappers).
 * xxHash32 for the header checksum comes from @node-rs/xxhash.
 */
import { compressFrameSync, decompressFrameSync } from 'lz4-napi';
import { xxh32 } from '@node-rs/xxhash';
import { Buffer } from 'node:buffer';
import { corrupt, RecordsError, RecordsErrorCode } from './records-error.js';

const MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];

const asBuffer = (d: Uint8Array): Buffer => (Buffer.isBuffer(d) ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength));

/** Header checksum byte: xxh32 of the descriptor (FLG..before HC), or of magic+descriptor for legacy. */
function headerChecksum(frame: Uint8Array, start: number, hcAt: number, legacy: boolean): number {
  return (xxh32(asBuffer(frame.subarray(legacy ? start : start + 4, hcAt)), 0) >>> 8) & 0xff;
}

interface FrameScan {
  /** Upper bound on the decompressed size of all frames. */
  bound: number;
  /** Positions of header checksum bytes that hold the legacy value and need patching. */
  legacyHc: { at: number; value: number }[];
}

function scanFrames(data: Uint8Array): FrameScan {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const scan: FrameScan = { bound: 0, legacyHc: [] };
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
    const blockChecksum = (flg & 0x10) !== 0;
    const contentChecksum = (flg & 0x04) !== 0;
    const hcAt = pos + 6 + (flg & 0x08 ? 8 : 0);
    if (hcAt >= data.length) throw corrupt('lz4: truncated frame header');
    const hc = data[hcAt];
    if (hc !== headerChecksum(data, start, hcAt, false)) {
      const legacy = headerChecksum(data, start, hcAt, true);
      if (hc !== legacy) throw corrupt('lz4: frame header checksum mismatch');
      scan.legacyHc.push({ at: hcAt, value: headerChecksum(data, start, hcAt, false) });
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
      pos += size + (blockChecksum ? 4 : 0);
      if (pos > data.length) throw corrupt('lz4: truncated block');
      // A stored block is exactly its size; a compressed one at most blockMax (LZ4's ratio limit is ~255).
      scan.bound += stored ? size : Math.min(blockMax, size * 255 + 16);
    }
    pos += contentChecksum ? 4 : 0;
    if (pos > data.length) throw corrupt('lz4: truncated content checksum');
  } while (pos < data.length);
  return scan;
}

/** Decompresses one or more LZ4 frames, accepting both the correct and the legacy header checksum. */
export function lz4Decompress(data: Uint8Array, limit: number): Uint8Array {
  const scan = scanFrames(data);
  if (scan.bound > limit) {
    throw new RecordsError(RecordsErrorCode.MESSAGE_TOO_LARGE, `lz4: frame may decompress to ${scan.bound} bytes, over the ${limit}-byte limit`);
  }
  let input = asBuffer(data);
  if (scan.legacyHc.length > 0) {
    input = Buffer.from(input); // never patch the caller's bytes
    for (const { at, value } of scan.legacyHc) input[at] = value;
  }
  try {
    return decompressFrameSync(input);
  } catch (e) {
    throw corrupt(`lz4: ${(e as Error).message}`);
  }
}

/** One LZ4 frame, independent blocks, no checksums; `legacyChecksum` writes the pre-KIP-57 header checksum. */
export function lz4Compress(data: Uint8Array, legacyChecksum = false): Uint8Array {
  const frame = compressFrameSync(asBuffer(data));
  if (legacyChecksum) {
    const hcAt = 6 + (frame[4] & 0x08 ? 8 : 0);
    frame[hcAt] = headerChecksum(frame, 0, hcAt, true);
  }
  return frame;
}
