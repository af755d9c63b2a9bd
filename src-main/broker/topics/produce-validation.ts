/**
 * Broker-side checks of produced records before they reach the log, as Kafka's ProduceRequest and
 * LogValidator make them: Produce v3+ carries exactly one magic-2 batch per partition, whose header,
 * length and CRC are consistent (CORRUPT_MESSAGE otherwise), whose record count matches its offset range
 * and is not a control batch (INVALID_RECORD), whose size is within max.message.bytes (MESSAGE_TOO_LARGE),
 * whose codec the request version allows (zstd needs v7+), and whose timestamps are within the
 * message.timestamp.before/after.max.ms window when one is configured (INVALID_TIMESTAMP).
 */
import { Buffer } from 'node:buffer';
import { KafkaError, type KafkaErrorInfo } from '../../protocol/index.js';
import { BATCH_HEADER_SIZE, BatchAttr, LOG_OVERHEAD, batchCrcValid, readBatchHeader } from '../../protocol/records/batch-header.js';

export type Verdict = { ok: true; bytes: Buffer; producerId: bigint } | { ok: false; error: KafkaErrorInfo; message: string };

export interface BatchLimits {
  produceVersion: number;
  maxMessageBytes: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  /** message.timestamp.before.max.ms / after.max.ms (undefined = unlimited). */
  beforeMaxMs?: number;
  afterMaxMs?: number;
  now: bigint;
}

const bad = (error: KafkaErrorInfo, message: string): Verdict => ({ ok: false, error, message });

/** Views a decoded bytes field as a Buffer without copying (storage patches it in place). */
export function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Validates the records of one partition of a Produce v3+ request (one magic-2 batch). */
export function validateBatch(records: Uint8Array | null, limits: BatchLimits): Verdict {
  if (records === null || records.length === 0) {
    return bad(KafkaError.INVALID_RECORD, 'Produce requests with version 3+ must have exactly one record batch per partition');
  }
  const bytes = asBuffer(records);
  if (bytes.length < LOG_OVERHEAD + 5) return bad(KafkaError.CORRUPT_MESSAGE, `record data of ${bytes.length} bytes is too short for a batch`);
  const magic = bytes.readInt8(16);
  if (magic !== 2) {
    return bad(KafkaError.INVALID_RECORD, `Produce requests with version ${limits.produceVersion} are only allowed to contain record batches with magic version 2`);
  }
  if (bytes.length < BATCH_HEADER_SIZE) return bad(KafkaError.CORRUPT_MESSAGE, 'record batch is shorter than its 61-byte header');
  const size = bytes.readInt32BE(8) + LOG_OVERHEAD;
  if (size < BATCH_HEADER_SIZE || size > bytes.length) return bad(KafkaError.CORRUPT_MESSAGE, `batch length ${size} does not match the ${bytes.length} bytes sent`);
  if (size < bytes.length) {
    return bad(KafkaError.INVALID_RECORD, 'Produce requests with version 3+ must have exactly one record batch per partition');
  }
  if (size > limits.maxMessageBytes) {
    return bad(KafkaError.MESSAGE_TOO_LARGE, `The record batch of ${size} bytes exceeds max.message.bytes (${limits.maxMessageBytes})`);
  }
  if (!batchCrcValid(bytes, 0)) return bad(KafkaError.CORRUPT_MESSAGE, 'record batch CRC mismatch');
  const h = readBatchHeader(bytes, 0);
  if ((h.attributes & BatchAttr.control) !== 0) return bad(KafkaError.INVALID_RECORD, 'clients may not produce control batches');
  if (h.recordCount <= 0) return bad(KafkaError.INVALID_RECORD, 'record batch holds no records');
  if (h.lastOffsetDelta + 1 !== h.recordCount) {
    return bad(KafkaError.INVALID_RECORD, `inconsistent batch: ${h.recordCount} records but lastOffsetDelta ${h.lastOffsetDelta}`);
  }
  const codec = h.attributes & BatchAttr.compressionMask;
  if (codec > 4) return bad(KafkaError.CORRUPT_MESSAGE, `unknown compression codec ${codec}`);
  if (codec === 4 && limits.produceVersion < 7) {
    return bad(KafkaError.UNSUPPORTED_COMPRESSION_TYPE, 'zstd-compressed batches need Produce v7 or later');
  }
  if (limits.timestampType === 'CreateTime') {
    const problem = timestampProblem(h.baseTimestamp, h.maxTimestamp, limits);
    if (problem) return bad(KafkaError.INVALID_TIMESTAMP, problem);
  }
  return { ok: true, bytes, producerId: h.producerId };
}

/**
 * Kafka checks every record; we check the batch's first and max timestamps (the earliest and latest a
 * producer sets in practice). Records with timestamp -1 (none) are not checked, as in Kafka.
 */
function timestampProblem(base: bigint, max: bigint, l: BatchLimits): string | null {
  for (const ts of [base, max]) {
    if (ts < 0n) continue;
    if (l.beforeMaxMs !== undefined && l.now - ts > BigInt(l.beforeMaxMs)) {
      return `timestamp ${ts} is more than message.timestamp.before.max.ms (${l.beforeMaxMs}) before the broker time ${l.now}`;
    }
    if (l.afterMaxMs !== undefined && ts - l.now > BigInt(l.afterMaxMs)) {
      return `timestamp ${ts} is more than message.timestamp.after.max.ms (${l.afterMaxMs}) after the broker time ${l.now}`;
    }
  }
  return null;
}
