/**
 * CRC-32C (Castagnoli), the checksum of RecordBatch v2. Node has no CRC-32C (zlib.crc32 is IEEE), so this
 * wraps @node-rs/crc32, a maintained native (SSE4.2 / ARMv8 CRC) implementation shipped as npm prebuilds.
 */
import { Buffer } from 'node:buffer';
import { lazyNative } from './lazy-native.js';

// Loaded on the first checksum, not at import: a cold `tidepool cluster` start computes none (issue 7's
// 150 ms start budget), and loading the addon costs ~10-15 ms of CPU.
const native = lazyNative<typeof import('@node-rs/crc32')>('@node-rs/crc32');

/** CRC-32C of `data` (optionally continuing from `initial`), as an unsigned 32-bit number. */
export function crc32c(data: Uint8Array, initial = 0): number {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return native().crc32c(buf, initial) >>> 0;
}
