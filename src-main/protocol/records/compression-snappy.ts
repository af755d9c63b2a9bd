/**
 * Snappy for Kafka: raw blocks via the `snappy` package (napi-rs native prebuilds), plus our own thin
 * reader/writer for the xerial snappy-java framing that the Java client writes (magic, version, then
 * int32-length-prefixed raw blocks). No npm package implements xerial framing, hence the hand-written part;
 * it is only header and length bookkeeping around the library's block codec.
 */
import type * as Snappy from 'snappy';
import { Buffer } from 'node:buffer';
import { corrupt, RecordsError, RecordsErrorCode } from './records-error.js';
import { lazyNative } from './lazy-native.js';

const snappy = lazyNative<typeof Snappy>('snappy');

const XERIAL_MAGIC = Uint8Array.of(0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00);
const XERIAL_HEADER = 16;
/** snappy-java's default block size, so our framed output matches what the Java producer writes. */
const XERIAL_BLOCK = 32 * 1024;

const asBuffer = (d: Uint8Array): Buffer => (Buffer.isBuffer(d) ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength));

export function isXerialFramed(data: Uint8Array): boolean {
  if (data.length < XERIAL_HEADER) return false;
  for (let i = 0; i < XERIAL_MAGIC.length; i++) if (data[i] !== XERIAL_MAGIC[i]) return false;
  return true;
}

/** The uncompressed length a raw snappy block declares in its uvarint preamble. */
function rawLength(block: Uint8Array): number {
  let len = 0;
  for (let i = 0; i < 5; i++) {
    if (i >= block.length) throw corrupt('snappy: truncated length preamble');
    const b = block[i];
    len += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return len;
  }
  throw corrupt('snappy: length preamble longer than 5 bytes');
}

function tooLarge(limit: number): RecordsError {
  return new RecordsError(RecordsErrorCode.MESSAGE_TOO_LARGE, `snappy: decompressed data exceeds the ${limit}-byte limit`);
}

function rawBlock(block: Uint8Array): Buffer {
  try {
    return snappy().uncompressSync(asBuffer(block), { asBuffer: true }) as Buffer;
  } catch (e) {
    throw corrupt(`snappy: ${(e as Error).message}`);
  }
}

/** Decompresses raw or xerial-framed snappy; the declared sizes are checked against `limit` before decoding. */
export function snappyDecompress(data: Uint8Array, limit: number): Uint8Array {
  if (!isXerialFramed(data)) {
    if (rawLength(data) > limit) throw tooLarge(limit);
    return rawBlock(data);
  }
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const blocks: Uint8Array[] = [];
  let total = 0;
  for (let pos = XERIAL_HEADER; pos < data.length;) {
    if (pos + 4 > data.length) throw corrupt('snappy: truncated xerial chunk length');
    const len = v.getInt32(pos);
    pos += 4;
    if (len < 0 || pos + len > data.length) throw corrupt(`snappy: xerial chunk of ${len} bytes overruns the data`);
    const block = data.subarray(pos, pos + len);
    pos += len;
    total += rawLength(block);
    if (total > limit) throw tooLarge(limit);
    blocks.push(block);
  }
  const out = blocks.map(rawBlock);
  return out.length === 1 ? out[0] : Buffer.concat(out, total);
}

export function snappyCompressRaw(data: Uint8Array): Uint8Array {
  return snappy().compressSync(asBuffer(data));
}

/** xerial framing as the Java producer writes it: version 1, compatible version 1, 32 KiB blocks. */
export function snappyCompressXerial(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const head = new Uint8Array(XERIAL_HEADER);
  head.set(XERIAL_MAGIC);
  const hv = new DataView(head.buffer);
  hv.setInt32(8, 1);
  hv.setInt32(12, 1);
  parts.push(head);
  let size = XERIAL_HEADER;
  for (let pos = 0; pos < data.length; pos += XERIAL_BLOCK) {
    const block = snappy().compressSync(asBuffer(data.subarray(pos, pos + XERIAL_BLOCK)));
    const len = new Uint8Array(4);
    new DataView(len.buffer).setInt32(0, block.length);
    parts.push(len, block);
    size += 4 + block.length;
  }
  return Buffer.concat(parts, size);
}
