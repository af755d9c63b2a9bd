/**
 * Storage's view of record-level decoding (needed only by timestamp lookups, the keyless-record check and
 * compaction): the records module's decoder, with its RecordsError turned into a StorageError that names the
 * file, so a bad batch on disk reaches the caller as TP_STORAGE_CORRUPT with a path.
 */
import { BatchAttr } from '../protocol/records/batch-header.js';
import { type DecodedBatch, RecordsError, RecordsErrorCode, decodeRecordBatch } from '../protocol/records/index.js';
import { StorageError } from './errors.js';

export { encodeRecordBatch } from '../protocol/records/index.js';
export type { DecodedBatch, DecodedRecord, RawRecord } from '../protocol/records/index.js';

export function isCompressed(attributes: number): boolean {
  return (attributes & BatchAttr.compressionMask) !== 0;
}

/** Decodes (and decompresses) the batch at `at`; `path` names where the bytes came from for errors. */
export function decodeBatch(buf: Uint8Array, at: number, path: string): DecodedBatch {
  try {
    return decodeRecordBatch(buf, at);
  } catch (err) {
    if (!(err instanceof RecordsError)) throw err;
    const code = err.kafkaCode === RecordsErrorCode.INVALID_RECORD ? 'TP_STORAGE_INVALID_RECORD' : 'TP_STORAGE_CORRUPT';
    throw new StorageError(code, `cannot decode batch: ${err.message}`, { path, cause: err, details: { kafkaCode: err.kafkaCode } });
  }
}
