/**
 * Reads a whole log in order, for replaying internal topics (__consumer_offsets, the cluster metadata log):
 * every data batch from the log start to the log end, decoded, control batches skipped. A read may begin inside
 * a batch, so records below the scan position are dropped. A batch that does not decode is yielded with its
 * error: whether that is skippable or fatal is the caller's decision.
 */
import { decodeRecordBatch, isControl, iterateBatches, type BatchHeader, type DecodedRecord } from '../protocol/records/index.js';

export interface ScannableLog {
  readonly logStartOffset: bigint;
  readonly logEndOffset: bigint;
  read(offset: bigint, maxBytes: number): { bytes: Uint8Array; nextOffset: bigint };
}

export type ScannedBatch =
  | { header: BatchHeader; records: DecodedRecord[]; error?: undefined }
  | { header: BatchHeader; records?: undefined; error: Error };

const CHUNK_BYTES = 1 << 20;

export function* scanLogBatches(log: ScannableLog, chunkBytes = CHUNK_BYTES): Generator<ScannedBatch> {
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const chunk = log.read(offset, chunkBytes);
    if (chunk.bytes.length === 0 || chunk.nextOffset <= offset) return;
    const from = offset;
    for (const { at, header } of iterateBatches(chunk.bytes)) {
      if (isControl(header)) continue;
      let records: DecodedRecord[];
      try {
        records = decodeRecordBatch(chunk.bytes, at).records;
      } catch (err) {
        yield { header, error: err as Error };
        continue;
      }
      yield { header, records: records.filter((r) => r.offset >= from) };
    }
    offset = chunk.nextOffset;
  }
}
