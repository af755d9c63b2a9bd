/**
 * The record-format rules of a Produce request's per-partition `records` field, in one call for the
 * produce handler (Kafka's ProduceRequest / KafkaApis validation): v3+ must carry exactly one magic-2
 * batch; older versions may carry a legacy message set, which is up-converted to one v2 batch; zstd needs
 * Produce v7+. The result is a v2 batch ready for the log (base offset still the client's, normally 0).
 */
import { BATCH_HEADER_SIZE, BatchField, LOG_OVERHEAD } from './batch-header.js';
import { checkProducedBatch, compressionOf, decodeRecordBatch, type DecodedBatch } from './record-batch.js';
import { upConvert } from './convert.js';
import { invalidRecord, RecordsError, RecordsErrorCode } from './records-error.js';

export interface ProducedRecords {
  /** One v2 batch: the client's bytes when they were already v2, else the up-converted set. */
  batch: Uint8Array;
  decoded: DecodedBatch;
  /** The format the client sent. */
  sourceMagic: 0 | 1 | 2;
}

const ZSTD = 4;

export function normalizeProducedRecords(records: Uint8Array | null, produceVersion: number, opts: { maxDecompressedBytes?: number } = {}): ProducedRecords {
  if (records === null || records.length === 0) throw invalidRecord('produce request carries no records for the partition');
  if (records.length <= BatchField.magic) throw new RecordsError(RecordsErrorCode.CORRUPT_MESSAGE, `records field of ${records.length} bytes is too short`);
  const magic = records[BatchField.magic];
  if (magic === 0 || magic === 1) {
    if (produceVersion >= 3) throw invalidRecord(`Produce v${produceVersion} must carry magic-2 record batches, got magic ${magic}`);
    const batch = upConvert(records, { assignOffsets: 0n, maxDecompressedBytes: opts.maxDecompressedBytes });
    return { batch, decoded: decodeRecordBatch(batch, 0, opts), sourceMagic: magic };
  }
  const decoded = decodeRecordBatch(records, 0, opts); // CORRUPT_MESSAGE for a wrong magic, a cut or a bad CRC
  const size = LOG_OVERHEAD + decoded.header.batchLength;
  if (size !== records.length) {
    const more = records.length - size >= BATCH_HEADER_SIZE ? 'more than one record batch' : `${records.length - size} trailing bytes`;
    throw invalidRecord(`Produce must carry exactly one record batch per partition, found ${more}`);
  }
  if (compressionOf(decoded.header) === ZSTD && produceVersion < 7) {
    throw new RecordsError(RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `zstd needs Produce v7 or later, got v${produceVersion}`);
  }
  checkProducedBatch(decoded);
  return { batch: records, decoded, sourceMagic: 2 };
}
