/**
 * The idempotent-producer checks on the produce path, as one function for the Produce handler to call
 * instead of `log.append`. The sequence/epoch state itself lives in storage (PartitionLog's
 * ProducerStateManager: last 5 batches per producer, persisted in snapshots); this adds what Kafka 3.9 checks
 * around it and maps the outcome to Kafka error codes:
 * - a retried duplicate of one of the last 5 batches -> its original offsets, NONE, nothing written;
 * - sequence gap, or a new epoch not starting at 0 -> OUT_OF_ORDER_SEQUENCE_NUMBER;
 * - an epoch older than the producer's latest -> INVALID_PRODUCER_EPOCH;
 * - a producer id with a negative base sequence -> INVALID_RECORD (LogValidator);
 * - a transactional or control batch -> INVALID_TXN_STATE (no transaction is ongoing: transactions are a
 *   later issue, and Kafka 3.9's partition verification answers the same for a transaction it does not know).
 * No state for a producer (new, or expired by retention) accepts any sequence (KIP-360), so Kafka 3.9 never
 * returns UNKNOWN_PRODUCER_ID on Produce, and neither do we.
 */
import { KafkaError } from '../../protocol/index.js';
import { BATCH_HEADER_SIZE, BatchAttr, readBatchHeader, batchSize } from '../../protocol/records/batch-header.js';
import { StorageError } from '../../storage/errors.js';
import type { AppendOptions, AppendResult } from '../../storage/partition-log.js';

/** What this needs from a partition log (PartitionLog satisfies it). */
export interface ProducerAppendTarget {
  append(bytes: Buffer, opts?: AppendOptions): AppendResult;
}

export type ProducerAppendOutcome =
  | { errorCode: 0; result: AppendResult }
  | { errorCode: number; errorMessage: string };

function reject(name: string, message: string): ProducerAppendOutcome {
  return { errorCode: KafkaError[name]!.code, errorMessage: message };
}

/** Checks the batches' producer fields before the log sees them; undefined when they are acceptable. */
export function precheckProducerBatches(records: Uint8Array): ProducerAppendOutcome | undefined {
  let at = 0;
  while (at + BATCH_HEADER_SIZE <= records.length) {
    const h = readBatchHeader(records, at);
    if (h.magic !== 2) return undefined; // legacy formats carry no producer state; the log rejects them anyway
    if ((h.attributes & (BatchAttr.transactional | BatchAttr.control)) !== 0) {
      return reject('INVALID_TXN_STATE', 'transactional and control batches are not supported yet (no ongoing transaction)');
    }
    if (h.producerId >= 0n && h.baseSequence < 0) {
      return reject('INVALID_RECORD', `invalid sequence number ${h.baseSequence} in a batch with producer id ${h.producerId}`);
    }
    const size = batchSize(records, at);
    if (size <= 0) return undefined; // malformed framing: left to the log's own checks
    at += size;
  }
  return undefined;
}

/**
 * Appends `records` as the partition leader with Kafka's idempotent-producer semantics. Returns the
 * append result (check `result.duplicate`) or a Kafka error code with a message. Storage errors other than
 * the producer ones are rethrown for the caller's general mapping.
 */
export function appendWithProducerChecks(
  log: ProducerAppendTarget, records: Buffer, opts: AppendOptions = {},
): ProducerAppendOutcome {
  const pre = precheckProducerBatches(records);
  if (pre !== undefined) return pre;
  try {
    return { errorCode: 0, result: log.append(records, opts) };
  } catch (err) {
    if (err instanceof StorageError) {
      if (err.code === 'TP_STORAGE_OUT_OF_ORDER_SEQUENCE') return reject('OUT_OF_ORDER_SEQUENCE_NUMBER', err.message);
      if (err.code === 'TP_STORAGE_INVALID_PRODUCER_EPOCH') return reject('INVALID_PRODUCER_EPOCH', err.message);
    }
    throw err;
  }
}
