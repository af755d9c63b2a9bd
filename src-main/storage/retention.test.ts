import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from './errors.js';
import { applyRetention } from './log-retention.js';
import { PartitionLog } from './partition-log.js';
import { expectedStored, makeBatch } from './test-batches.js';
import { tempDir } from './test-dirs.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const logFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort();

function errCode(fn: () => unknown): string | undefined {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(StorageError); return (e as StorageError).code; }
  return undefined;
}

/** 10 batches of 2 records each, one per segment (segment.bytes is tiny), timestamps t0 + i*1000. */
function tenSegments(cfg: Parameters<typeof PartitionLog.open>[1] = {}, t0 = 1_000_000): PartitionLog {
  const log = PartitionLog.open(dir, { segmentBytes: 150, ...cfg }, { now: () => t0 + 10_000 });
  for (let i = 0; i < 10; i++) log.append(makeBatch({ records: 2, valueSize: 20, seed: i, timestamp: BigInt(t0 + i * 1000) }));
  log.setHighWatermark(log.logEndOffset);
  expect(log.segments.length).toBe(10);
  return log;
}

describe('retention', () => {
  it('deletes whole segments older than retention.ms, never the active one', () => {
    const log = tenSegments({ retentionMs: 5000 });
    const r = applyRetention(log, 1_000_000 + 9_500);
    // cutoff 1_004_500: segments with max ts 1_000_001 .. 1_004_001 (i = 0..4) go.
    expect(r).toMatchObject({ byTime: 5, deletedSegments: 5, logStartOffset: 10n });
    expect(logFiles()[0]).toBe(`${'10'.padStart(20, '0')}.log`);
    expect(errCode(() => log.read(9n, 100))).toBe('TP_STORAGE_OFFSET_OUT_OF_RANGE');
    expect(log.read(10n, 1).bytes.readBigInt64BE(0)).toBe(10n);
    // Far in the future: everything but the active segment.
    applyRetention(log, 10_000_000_000);
    expect(log.segments.length).toBe(1);
    expect(log.logStartOffset).toBe(18n);
    log.close();
    const again = PartitionLog.open(dir, { segmentBytes: 150 });
    expect(again.logStartOffset).toBe(18n);
    again.close();
  });

  it('deletes oldest segments while the log exceeds retention.bytes', () => {
    const log = tenSegments({ retentionMs: -1 });
    const segSize = log.segments[0].size;
    log.config = { ...log.config, retentionBytes: segSize * 3 + 1 };
    const r = applyRetention(log);
    expect(r.bySize).toBe(6);
    expect(log.segments.length).toBe(4);
    expect(log.logStartOffset).toBe(12n);
    log.close();
  });

  it('never deletes past the high watermark', () => {
    const log = tenSegments({ retentionMs: 0 });
    log.setHighWatermark(7n); // inside segment 3 (offsets 6..7): only segments 0..2 end at or below it
    expect(applyRetention(log, 10_000_000_000).byTime).toBe(3);
    expect(log.logStartOffset).toBe(6n);
    log.close();
  });

  it('keeps everything under compact-only policy (except below the log start)', () => {
    const log = tenSegments({ cleanupPolicy: ['compact'], retentionMs: 0 });
    expect(applyRetention(log, 10_000_000_000).deletedSegments).toBe(0);
    log.close();
  });
});

describe('DeleteRecords', () => {
  it('moves the log start, drops whole segments below it and persists across restarts', () => {
    const log = tenSegments();
    expect(log.deleteRecordsBefore(5n)).toBe(5n);
    expect(log.segments[0].baseOffset).toBe(4n); // the segment holding offset 5 stays
    expect(logFiles().length).toBe(8);
    expect(errCode(() => log.read(4n, 100))).toBe('TP_STORAGE_OFFSET_OUT_OF_RANGE');
    // Reading at the log start returns the whole batch that contains it (4..5).
    expect(log.read(5n, 1).bytes.readBigInt64BE(0)).toBe(4n);
    expect(log.deleteRecordsBefore(3n)).toBe(5n); // never moves backwards
    expect(log.deleteRecordsBefore(-1n)).toBe(20n); // -1: up to the high watermark
    expect(log.read(20n, 100).bytes.length).toBe(0);
    log.close();
    const again = PartitionLog.open(dir, { segmentBytes: 150 });
    expect(again.logStartOffset).toBe(20n);
    expect(again.leaderEpochs.list()).toEqual([]);
    again.close();
  });

  it('refuses to delete past the high watermark', () => {
    const log = tenSegments();
    log.setHighWatermark(8n);
    expect(errCode(() => log.deleteRecordsBefore(9n))).toBe('TP_STORAGE_OFFSET_OUT_OF_RANGE');
    expect(errCode(() => log.deleteRecordsBefore(-5n))).toBe('TP_STORAGE_OFFSET_OUT_OF_RANGE');
    expect(log.logStartOffset).toBe(0n);
    log.close();
  });

  it('moves the leader epoch cache start with it', () => {
    const log = PartitionLog.open(dir, { segmentBytes: 150 });
    for (let i = 0; i < 6; i++) log.append(makeBatch({ records: 2 }), { leaderEpoch: i < 3 ? 1 : 2 });
    log.setHighWatermark(12n);
    log.deleteRecordsBefore(3n);
    expect(log.leaderEpochs.list()).toEqual([{ epoch: 1, startOffset: 3n }, { epoch: 2, startOffset: 6n }]);
    log.close();
  });
});

describe('truncation (replication)', () => {
  it('truncates to a batch boundary, across segments, and appends continue from there', () => {
    const log = PartitionLog.open(dir, { segmentBytes: 150 });
    const stored: Buffer[] = [];
    for (let i = 0; i < 10; i++) {
      const b = makeBatch({ records: 2, seed: i });
      const copy = Buffer.from(b);
      stored.push(expectedStored(copy, log.append(b, { leaderEpoch: i < 5 ? 1 : 2 }).baseOffset, i < 5 ? 1 : 2));
    }
    log.setHighWatermark(20n);
    log.truncateTo(13n); // inside batch 6 (12..13): the whole batch goes
    expect(log.logEndOffset).toBe(12n);
    expect(log.highWatermark).toBe(12n);
    expect(logFiles().length).toBe(7); // segments 0..10 plus the now-empty one based at 12
    expect(log.active.size).toBe(0);
    expect(log.leaderEpochs.list()).toEqual([{ epoch: 1, startOffset: 0n }, { epoch: 2, startOffset: 10n }]);
    log.truncateTo(10n);
    expect(log.leaderEpochs.list()).toEqual([{ epoch: 1, startOffset: 0n }]);
    expect(log.leaderEpochs.endOffsetFor(2, log.logEndOffset)).toEqual({ epoch: 1, endOffset: 10n });
    expect(log.append(makeBatch({ records: 2 }), { leaderEpoch: 3 }).baseOffset).toBe(10n);
    expect(log.read(8n, 1).bytes).toEqual(stored[4]);
    log.truncateTo(100n); // past the end: nothing happens
    expect(log.logEndOffset).toBe(12n);
    log.close();
    const again = PartitionLog.open(dir, { segmentBytes: 150 });
    expect(again.logEndOffset).toBe(12n);
    expect(again.read(0n, 1 << 20).bytes.subarray(0, stored[0].length)).toEqual(stored[0]);
    again.close();
  });

  it('forgets producer batches that were truncated away', () => {
    const log = PartitionLog.open(dir);
    log.append(makeBatch({ producerId: 1n, producerEpoch: 0, baseSequence: 0, records: 2 }));
    log.append(makeBatch({ producerId: 1n, producerEpoch: 0, baseSequence: 2, records: 2 }));
    log.truncateTo(2n);
    // The retry of the truncated batch is a fresh append again, not a duplicate.
    expect(log.append(makeBatch({ producerId: 1n, producerEpoch: 0, baseSequence: 2, records: 2 }))).toMatchObject({ duplicate: false, baseOffset: 2n });
    log.close();
  });

  it('truncates fully and restarts at a new offset', () => {
    const log = PartitionLog.open(dir);
    log.append(makeBatch({ records: 3 }), { leaderEpoch: 4 });
    log.truncateFullyAndStartAt(50n);
    expect([log.logStartOffset, log.logEndOffset]).toEqual([50n, 50n]);
    expect(logFiles()).toEqual([`${'50'.padStart(20, '0')}.log`]);
    expect(log.append(makeBatch()).baseOffset).toBe(50n);
    log.close();
    const again = PartitionLog.open(dir);
    expect([again.logStartOffset, again.logEndOffset]).toEqual([50n, 51n]);
    expect(fs.existsSync(join(dir, 'leader-epoch-checkpoint'))).toBe(true);
    again.close();
  });
});
