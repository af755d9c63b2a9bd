import { describe, expect, it } from 'vitest';
import type { BatchInfo } from './batch-scan.js';
import { LeaderEpochCache } from './leader-epoch-cache.js';
import { ProducerStateManager, addSequence, checkProducerBatch } from './producer-state.js';
import { tempDir } from './test-dirs.js';

const INT32_MAX = 2 ** 31 - 1;

function batch(pid: bigint, epoch: number, seq: number, count: number, offset: bigint): BatchInfo {
  return {
    position: 0, size: 61, baseOffset: offset, lastOffset: offset + BigInt(count - 1), partitionLeaderEpoch: 0, attributes: 0,
    maxTimestamp: 0n, producerId: pid, producerEpoch: epoch, baseSequence: seq, recordCount: count, lastOffsetDelta: count - 1,
  };
}

describe('checkProducerBatch', () => {
  const entry = { producerId: 1n, epoch: 2, batches: [{ firstSeq: 0, lastSeq: 4, firstOffset: 10n, lastOffset: 14n, maxTimestamp: 0n }] };

  it('accepts anything without state (KIP-360) and the next sequence with state', () => {
    expect(checkProducerBatch(undefined, { producerEpoch: 0, firstSeq: 77, lastSeq: 80 })).toEqual({ kind: 'append' });
    expect(checkProducerBatch(entry, { producerEpoch: 2, firstSeq: 5, lastSeq: 6 })).toEqual({ kind: 'append' });
  });
  it('answers a retried batch with its original offsets', () => {
    expect(checkProducerBatch(entry, { producerEpoch: 2, firstSeq: 0, lastSeq: 4 })).toEqual({ kind: 'duplicate', firstOffset: 10n, lastOffset: 14n });
  });
  it('rejects a gap or a rewind as OUT_OF_ORDER_SEQUENCE', () => {
    expect(checkProducerBatch(entry, { producerEpoch: 2, firstSeq: 7, lastSeq: 8 })).toMatchObject({ kind: 'error', code: 'TP_STORAGE_OUT_OF_ORDER_SEQUENCE' });
    expect(checkProducerBatch(entry, { producerEpoch: 2, firstSeq: 2, lastSeq: 3 })).toMatchObject({ kind: 'error', code: 'TP_STORAGE_OUT_OF_ORDER_SEQUENCE' });
  });
  it('rejects an older epoch and requires sequence 0 for a newer one', () => {
    expect(checkProducerBatch(entry, { producerEpoch: 1, firstSeq: 5, lastSeq: 5 })).toMatchObject({ kind: 'error', code: 'TP_STORAGE_INVALID_PRODUCER_EPOCH' });
    expect(checkProducerBatch(entry, { producerEpoch: 3, firstSeq: 5, lastSeq: 5 })).toMatchObject({ kind: 'error', code: 'TP_STORAGE_OUT_OF_ORDER_SEQUENCE' });
    expect(checkProducerBatch(entry, { producerEpoch: 3, firstSeq: 0, lastSeq: 5 })).toEqual({ kind: 'append' });
  });
  it('wraps sequences at Int32.MAX', () => {
    expect(addSequence(INT32_MAX, 1)).toBe(0);
    expect(addSequence(INT32_MAX - 1, 3)).toBe(1);
    const e = { producerId: 1n, epoch: 0, batches: [{ firstSeq: INT32_MAX - 1, lastSeq: INT32_MAX, firstOffset: 0n, lastOffset: 1n, maxTimestamp: 0n }] };
    expect(checkProducerBatch(e, { producerEpoch: 0, firstSeq: 0, lastSeq: 2 })).toEqual({ kind: 'append' });
  });
});

describe('ProducerStateManager', () => {
  it('keeps the last 5 batches per producer and resets on a new epoch', () => {
    const m = new ProducerStateManager();
    for (let i = 0; i < 7; i++) m.update(batch(9n, 0, i * 2, 2, BigInt(i * 2)));
    const e = m.producers.get(9n);
    expect(e?.batches.map((b) => b.firstSeq)).toEqual([4, 6, 8, 10, 12]);
    expect(m.check(batch(9n, 0, 2, 2, 0n))).toMatchObject({ kind: 'error' }); // too old to be recognised as a duplicate
    expect(m.check(batch(9n, 0, 12, 2, 0n))).toEqual({ kind: 'duplicate', firstOffset: 12n, lastOffset: 13n });
    m.update(batch(9n, 1, 0, 1, 14n));
    expect(m.producers.get(9n)).toMatchObject({ epoch: 1, batches: [{ firstSeq: 0, lastSeq: 0 }] });
  });
  it('round-trips through a snapshot and rejects a damaged one', () => {
    const m = new ProducerStateManager();
    m.update(batch(2n ** 62n, 3, 100, 4, 2n ** 60n));
    const back = ProducerStateManager.parse(m.serialize());
    expect(back?.producers.get(2n ** 62n)).toEqual(m.producers.get(2n ** 62n));
    expect(ProducerStateManager.parse('{"version":1,"producers":[{"id":"1","epoch":"x","batches":[]}]}')).toBeUndefined();
    expect(ProducerStateManager.parse('not json')).toBeUndefined();
  });
  it('drops producers below a new log start and batches past a truncation point', () => {
    const m = new ProducerStateManager();
    m.update(batch(1n, 0, 0, 2, 0n));
    m.update(batch(2n, 0, 0, 2, 10n));
    m.removeBefore(5n);
    expect([...m.producers.keys()]).toEqual([2n]);
    m.truncateTo(10n);
    expect(m.producers.size).toBe(0);
  });
});

describe('LeaderEpochCache', () => {
  it('assigns only newer epochs, answers endOffsetFor, and persists in Kafka text format', () => {
    const { dir, cleanup } = tempDir();
    const c = LeaderEpochCache.load(dir);
    expect(c.assign(1, 0n)).toBe(true);
    expect(c.assign(1, 5n)).toBe(false);
    expect(c.assign(0, 5n)).toBe(false);
    c.assign(3, 10n);
    expect(c.endOffsetFor(0, 20n)).toEqual({ epoch: -1, endOffset: -1n });
    expect(c.endOffsetFor(1, 20n)).toEqual({ epoch: 1, endOffset: 10n });
    expect(c.endOffsetFor(2, 20n)).toEqual({ epoch: 1, endOffset: 10n });
    expect(c.endOffsetFor(3, 20n)).toEqual({ epoch: 3, endOffset: 20n });
    expect(LeaderEpochCache.load(dir).list()).toEqual([{ epoch: 1, startOffset: 0n }, { epoch: 3, startOffset: 10n }]);
    c.truncateFromStart(12n);
    expect(c.list()).toEqual([{ epoch: 3, startOffset: 12n }]);
    cleanup();
  });
});
