/**
 * CRC-32C (Castagnoli), the checksum of RecordBatch v2. Node has no CRC-32C (zlib.crc32 is IEEE), so this
 * wraps @node-rs/crc32, a maintained native (SSE4.2 / ARMv8 CRC) implementation shipped as npm prebuilds.
 */
import { crc32c as nativeCrc32c } from '@node-rs/crc32';
import { Buffer } from 'node:buffer';

/** CRC-32C of `data` (optionally continuing from `initial`), as an unsigned 32-bit number. */
export function crc32c(data: Uint8Array, initial = 0): number {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return nativeCrc32c(buf, initial) >>> 0;
}
