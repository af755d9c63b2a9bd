/**
 * Idempotent-producer state of one partition: per producer id its epoch and the metadata of its last 5
 * batches (first/last sequence and offset). `checkProducerBatch` is the pure validation the broker relies on
 * (duplicate -> original offsets, sequence gap -> OUT_OF_ORDER_SEQUENCE, old epoch -> INVALID_PRODUCER_EPOCH);
 * the manager applies appended batches and serialises itself as a snapshot file beside the log.
 */
import type { BatchInfo } from './batch-scan.js';

/** Kafka keeps this many batches per producer (hence max.in.flight <= 5). */
export const BATCHES_TO_RETAIN = 5;
const INT32_MAX = 2 ** 31 - 1;

export interface ProducerBatchMeta {
  firstSeq: number;
  lastSeq: number;
  firstOffset: bigint;
  lastOffset: bigint;
  maxTimestamp: bigint;
}

export interface ProducerEntry {
  producerId: bigint;
  epoch: number;
  batches: ProducerBatchMeta[];
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; firstOffset: bigint; lastOffset: bigint }
  | { kind: 'error'; code: 'TP_STORAGE_OUT_OF_ORDER_SEQUENCE' | 'TP_STORAGE_INVALID_PRODUCER_EPOCH'; message: string };

/** Sequence numbers wrap from Int32.MAX to 0. */
export function addSequence(seq: number, delta: number): number {
  const s = seq + delta;
  return s > INT32_MAX ? s - INT32_MAX - 1 : s;
}

export function lastSequenceOf(b: Pick<BatchInfo, 'baseSequence' | 'lastOffsetDelta'>): number {
  return addSequence(b.baseSequence, b.lastOffsetDelta);
}

/** Pure check of an incoming idempotent batch against the producer's current entry (if any). */
export function checkProducerBatch(entry: ProducerEntry | undefined, batch: { producerEpoch: number; firstSeq: number; lastSeq: number }): SequenceCheck {
  if (!entry) return { kind: 'append' }; // no state (new, or expired / removed by retention): KIP-360 accepts any sequence
  if (batch.producerEpoch < entry.epoch) {
    return { kind: 'error', code: 'TP_STORAGE_INVALID_PRODUCER_EPOCH', message: `producer epoch ${batch.producerEpoch} is older than ${entry.epoch}` };
  }
  if (batch.producerEpoch > entry.epoch) {
    if (batch.firstSeq !== 0) {
      return { kind: 'error', code: 'TP_STORAGE_OUT_OF_ORDER_SEQUENCE', message: `new epoch ${batch.producerEpoch} must start at sequence 0, got ${batch.firstSeq}` };
    }
    return { kind: 'append' };
  }
  const dup = entry.batches.find((b) => b.firstSeq === batch.firstSeq && b.lastSeq === batch.lastSeq);
  if (dup) return { kind: 'duplicate', firstOffset: dup.firstOffset, lastOffset: dup.lastOffset };
  const last = entry.batches.at(-1);
  if (last && batch.firstSeq !== addSequence(last.lastSeq, 1)) {
    return { kind: 'error', code: 'TP_STORAGE_OUT_OF_ORDER_SEQUENCE', message: `expected sequence ${addSequence(last.lastSeq, 1)}, got ${batch.firstSeq}` };
  }
  return { kind: 'append' };
}

export class ProducerStateManager {
  readonly producers = new Map<bigint, ProducerEntry>();

  check(b: BatchInfo): SequenceCheck {
    if (b.producerId < 0n) return { kind: 'append' };
    return checkProducerBatch(this.producers.get(b.producerId), { producerEpoch: b.producerEpoch, firstSeq: b.baseSequence, lastSeq: lastSequenceOf(b) });
  }

  /** Records an appended batch (leader append, follower append or replay on recovery). */
  update(b: BatchInfo): void {
    if (b.producerId < 0n) return;
    let entry = this.producers.get(b.producerId);
    if (!entry || b.producerEpoch > entry.epoch) {
      entry = { producerId: b.producerId, epoch: b.producerEpoch, batches: [] };
      this.producers.set(b.producerId, entry);
    }
    if (b.baseSequence < 0) return; // transactional markers / non-idempotent batches carry no sequence
    entry.batches.push({ firstSeq: b.baseSequence, lastSeq: lastSequenceOf(b), firstOffset: b.baseOffset, lastOffset: b.lastOffset, maxTimestamp: b.maxTimestamp });
    if (entry.batches.length > BATCHES_TO_RETAIN) entry.batches.shift();
  }

  /** Forgets batches at or after `offset` (log truncation); producers left with nothing are removed. */
  truncateTo(offset: bigint): void {
    for (const [id, e] of this.producers) {
      e.batches = e.batches.filter((b) => b.lastOffset < offset);
      if (e.batches.length === 0) this.producers.delete(id);
    }
  }

  /** Removes producers whose last batch is below the new log start (as Kafka does on log-start moves). */
  removeBefore(logStartOffset: bigint): void {
    for (const [id, e] of this.producers) {
      const last = e.batches.at(-1);
      if (last && last.lastOffset < logStartOffset) this.producers.delete(id);
    }
  }

  serialize(): string {
    const rows = [...this.producers.values()].map((e) => ({
      id: e.producerId.toString(), epoch: e.epoch,
      batches: e.batches.map((b) => [b.firstSeq, b.lastSeq, b.firstOffset.toString(), b.lastOffset.toString(), b.maxTimestamp.toString()]),
    }));
    return JSON.stringify({ version: 1, producers: rows });
  }

  /** Parses a snapshot; returns undefined if it is not a valid one (the caller then replays the log). */
  static parse(text: string): ProducerStateManager | undefined {
    try {
      const data = JSON.parse(text) as { version: number; producers: { id: string; epoch: number; batches: [number, number, string, string, string][] }[] };
      if (data.version !== 1 || !Array.isArray(data.producers)) return undefined;
      const m = new ProducerStateManager();
      for (const p of data.producers) {
        const batches = p.batches.map(([firstSeq, lastSeq, fo, lo, ts]) => ({ firstSeq, lastSeq, firstOffset: BigInt(fo), lastOffset: BigInt(lo), maxTimestamp: BigInt(ts) }));
        if (!Number.isInteger(p.epoch) || batches.some((b) => !Number.isInteger(b.firstSeq) || !Number.isInteger(b.lastSeq))) return undefined;
        m.producers.set(BigInt(p.id), { producerId: BigInt(p.id), epoch: p.epoch, batches });
      }
      return m;
    } catch {
      return undefined;
    }
  }
}
