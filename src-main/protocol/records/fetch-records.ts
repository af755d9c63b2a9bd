/**
 * The record-format rules of a Fetch response's per-partition `records` field, in one call for the fetch
 * handler: Fetch v4+ gets the stored v2 batches as they are (zstd only from v10, KIP-110), Fetch v0-3 gets
 * them down-converted to magic 0 (v0-1) or magic 1 (v2-3), where zstd is refused.
 */
import { compressionOf, iterateBatches } from './record-batch.js';
import { downConvert, magicForFetchVersion } from './convert.js';
import { RecordsError, RecordsErrorCode } from './records-error.js';

export interface FetchRecordsOptions {
  /** The fetch position: down-conversion drops records below it, as Kafka does. */
  firstOffset?: bigint;
  maxDecompressedBytes?: number;
}

/** Stored v2 data (a partial trailing batch allowed) in the form a Fetch of `fetchVersion` reads. */
export function recordsForFetchVersion(data: Uint8Array, fetchVersion: number, opts: FetchRecordsOptions = {}): Uint8Array {
  const magic = magicForFetchVersion(fetchVersion);
  if (magic !== 2) return downConvert(data, magic, opts);
  if (fetchVersion < 10) {
    for (const { header } of iterateBatches(data)) {
      if (compressionOf(header) === 4) {
        throw new RecordsError(RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `batch at offset ${header.baseOffset} is zstd-compressed; Fetch v${fetchVersion} cannot read zstd (needs v10+)`);
      }
    }
  }
  return data;
}
