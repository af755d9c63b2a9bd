/**
 * zstd via `zstd-napi` (Node-API bindings to libzstd; Node 20 has no zstd in zlib). Compression uses the
 * package's high-level API; decompression drives the low-level streaming context ourselves so that the
 * output is capped at `limit` bytes: the package's one-shot decompress trusts the frame's declared size.
 */
import type * as ZstdApi from 'zstd-napi';
import type * as ZstdBinding from 'zstd-napi/binding.js';
import { Buffer } from 'node:buffer';
import { corrupt, RecordsError, RecordsErrorCode } from './records-error.js';
import { lazyNative } from './lazy-native.js';

const zstdApi = lazyNative<typeof ZstdApi>('zstd-napi');
const zstd = lazyNative<typeof ZstdBinding>('zstd-napi/binding.js');

const CHUNK = 256 * 1024;
let dctx: ZstdBinding.DCtx | undefined;

const asBuffer = (d: Uint8Array): Buffer => (Buffer.isBuffer(d) ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength));

export function zstdCompress(data: Uint8Array): Uint8Array {
  return zstdApi().compress(asBuffer(data));
}

function declaredSize(data: Uint8Array): number | null {
  try {
    return zstd().getFrameContentSize(data);
  } catch {
    throw corrupt('zstd: not a zstd frame');
  }
}

/** Decompresses one or more zstd frames into at most `limit` bytes. */
export function zstdDecompress(data: Uint8Array, limit: number): Uint8Array {
  const declared = declaredSize(data);
  const tooLarge = () => new RecordsError(RecordsErrorCode.MESSAGE_TOO_LARGE, `zstd: decompressed data exceeds the ${limit}-byte limit`);
  if (declared !== null && declared > limit) throw tooLarge();
  dctx ??= new (zstd().DCtx)();
  dctx.reset(zstd().ResetDirective.sessionOnly); // a previous call may have failed mid-frame
  const chunks: Buffer[] = [];
  let total = 0;
  let input = asBuffer(data);
  // One extra byte of room lets us tell "exactly at the limit" from "over it".
  let size = Math.min(limit - total + 1, declared !== null ? declared + 1 : CHUNK);
  for (;;) {
    const out = Buffer.allocUnsafe(size);
    let hint: number, produced: number, consumed: number;
    try {
      [hint, produced, consumed] = dctx.decompressStream(out, input);
    } catch (e) {
      throw corrupt(`zstd: ${(e as Error).message}`);
    }
    total += produced;
    if (total > limit) throw tooLarge();
    if (produced > 0) chunks.push(out.subarray(0, produced));
    input = input.subarray(consumed);
    if (input.length === 0 && (hint === 0 || produced < out.length)) {
      if (hint !== 0) throw corrupt('zstd: truncated frame');
      break;
    }
    if (produced === 0 && consumed === 0) throw corrupt('zstd: decoder made no progress');
    size = Math.min(limit - total + 1, CHUNK);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
