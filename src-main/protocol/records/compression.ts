/**
 * Kafka's record compression codecs behind one synchronous API. gzip is node:zlib; snappy, lz4 and zstd
 * use native npm packages through one small adapter each (compression-*.ts). Decompression accepts every
 * form real clients send (raw or xerial snappy, LZ4 with correct or legacy header checksum, concatenated
 * gzip members / zstd frames) and never produces more than `limit` bytes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { corrupt, RecordsError, RecordsErrorCode } from './records-error.js';
import { snappyCompressXerial, snappyDecompress } from './compression-snappy.js';
import { lz4Compress, lz4Decompress } from './compression-lz4.js';
import { zstdCompress, zstdDecompress } from './compression-zstd.js';

export const Compression = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CompressionCodec = 0 | 1 | 2 | 3 | 4;
export const CODEC_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

/**
 * Default cap on decompressed size: far above any real batch (Kafka's default max.message.bytes is 1 MiB
 * compressed) yet small enough that a crafted "zip bomb" cannot take the process down.
 */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

export interface CompressOptions {
  /** LZ4 only: write the pre-KIP-57 header checksum that magic-0 readers expect. */
  lz4LegacyChecksum?: boolean;
}

export function isCompressionCodec(n: number): n is CompressionCodec {
  return Number.isInteger(n) && n >= 0 && n <= 4;
}

function unsupported(codec: number): RecordsError {
  return new RecordsError(RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `unknown compression codec ${codec}`);
}

export function compress(codec: CompressionCodec, data: Uint8Array, opts: CompressOptions = {}): Uint8Array {
  switch (codec) {
    case 0: return data;
    case 1: return gzipSync(data);
    // xerial framing is what the Java client writes and what every reader accepts.
    case 2: return snappyCompressXerial(data);
    case 3: return lz4Compress(data, opts.lz4LegacyChecksum);
    case 4: return zstdCompress(data);
    default: throw unsupported(codec);
  }
}

export function decompress(codec: CompressionCodec, data: Uint8Array, limit = DEFAULT_MAX_DECOMPRESSED_BYTES): Uint8Array {
  switch (codec) {
    case 0:
      if (data.length > limit) throw new RecordsError(RecordsErrorCode.MESSAGE_TOO_LARGE, `data exceeds the ${limit}-byte limit`);
      return data;
    case 1: return gunzip(data, limit);
    case 2: return snappyDecompress(data, limit);
    case 3: return lz4Decompress(data, limit);
    case 4: return zstdDecompress(data, limit);
    default: throw unsupported(codec);
  }
}

function gunzip(data: Uint8Array, limit: number): Uint8Array {
  try {
    return gunzipSync(data, { maxOutputLength: Math.max(1, limit) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new RecordsError(RecordsErrorCode.MESSAGE_TOO_LARGE, `gzip: decompressed data exceeds the ${limit}-byte limit`);
    }
    throw corrupt(`gzip: ${err.message}`);
  }
}
