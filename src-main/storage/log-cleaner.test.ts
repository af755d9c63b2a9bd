import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanBatches } from './batch-scan.js';
import { compactLog } from './log-cleaner.js';
import { PartitionLog } from './partition-log.js';
import { decodeBatch } from './records-adapter.js';
import { makeBatch } from './test-batches.js';
import { tempDir } from './test-dirs.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const DAY = 86_400_000;
let clock = 1_000_000_000;
const cfg = { cleanupPolicy: ['compact' as const], segmentBytes: 400, deleteRetentionMs: DAY, minCleanableDirtyRatio: 0 };

function openLog() {
  // The log's clock runs a little ahead of the record timestamps, as a broker's does.
  return PartitionLog.open(dir, cfg, { now: () => clock + 1000 });
}

/** Every record in the log as [offset, key, value|null]. */
function contents(log: PartitionLog): [bigint, string, string | null][] {
  const out: [bigint, string, string | null][] = [];
  let next = log.logStartOffset;
  while (next < log.logEndOffset) {
    const r = log.read(next, 1 << 20);
    if (r.bytes.length === 0) break;
    for (const b of scanBatches(r.bytes, { checkCrc: true }).batches) {
      for (const rec of decodeBatch(r.bytes, b.position, dir).records) {
        out.push([rec.offset, Buffer.from(rec.key as Uint8Array).toString(), rec.value && Buffer.from(rec.value).toString()]);
      }
    }
    next = r.nextOffset;
  }
  return out;
}

function put(log: PartitionLog, key: string, value: string | null, extra: Parameters<typeof makeBatch>[0] = {}) {
  return log.append(makeBatch({ keys: [key], values: [value], timestamp: BigInt(clock), ...extra }));
}

describe('compaction', () => {
  it('keeps the latest value per key with offsets preserved, never touching the active segment', async () => {
    const log = openLog();
    for (let i = 0; i < 30; i++) put(log, `k${i % 3}`, `v${i}`);
    log.setHighWatermark(log.logEndOffset);
    const activeBefore = fs.readFileSync(log.active.logPath);
    const activeBase = log.active.baseOffset;
    const r = await compactLog(log);
    expect(r.cleanedSegments).toBe(log.segments.length - 1);
    expect(r.removedRecords).toBeGreaterThan(20);
    expect(r.bytesAfter).toBeLessThan(r.bytesBefore);
    const recs = contents(log);
    const cleanedPart = recs.filter(([o]) => o < activeBase);
    // In the cleaned range each key appears at most once, with its latest value in that range.
    const keys = cleanedPart.map(([, k]) => k);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [o, k, v] of cleanedPart) expect(v).toBe(`v${o}`); // value i was written at offset i
    expect(recs.filter(([o]) => o >= activeBase).length).toBe(30 - Number(activeBase));
    expect(fs.readFileSync(log.active.logPath)).toEqual(activeBefore);
    expect(log.logEndOffset).toBe(30n);
    // Reads in a gap return the next surviving batch; offsets stay increasing.
    const offs = recs.map(([o]) => o);
    expect([...offs].sort((a, b) => (a < b ? -1 : 1))).toEqual(offs);
    log.close();
    // Reopen: the swapped segments and their rebuilt indexes are consistent.
    const again = openLog();
    expect(contents(again)).toEqual(recs);
    again.close();
  });

  it('keeps tombstones for delete.retention.ms, then removes them', async () => {
    const log = openLog();
    put(log, 'a', '1');
    put(log, 'b', '1');
    put(log, 'a', null); // tombstone for a
    for (let i = 0; i < 10; i++) put(log, `pad${i}`, 'x');
    log.setHighWatermark(log.logEndOffset);
    await compactLog(log);
    let recs = contents(log);
    expect(recs.filter(([, k]) => k === 'a')).toEqual([[2n, 'a', null]]);
    expect(recs.filter(([, k]) => k === 'b')).toEqual([[1n, 'b', '1']]);
    clock += DAY - 1;
    await compactLog(log, { force: true });
    expect(contents(log).filter(([, k]) => k === 'a')).toEqual([[2n, 'a', null]]);
    clock += 2;
    await compactLog(log, { force: true });
    recs = contents(log);
    expect(recs.filter(([, k]) => k === 'a')).toEqual([]);
    expect(recs.filter(([, k]) => k === 'b')).toEqual([[1n, 'b', '1']]);
    log.close();
  });

  it('keeps producer sequence bounds: an idempotent batch that loses every record stays as an empty batch', async () => {
    const log = openLog();
    log.append(makeBatch({ keys: ['x', 'y'], values: ['1', '1'], producerId: 5n, producerEpoch: 0, baseSequence: 0, timestamp: BigInt(clock) }));
    log.append(makeBatch({ keys: ['x', 'y'], values: ['2', '2'], producerId: 5n, producerEpoch: 0, baseSequence: 2, timestamp: BigInt(clock) }));
    for (let i = 0; i < 10; i++) put(log, `pad${i}`, 'x');
    log.setHighWatermark(log.logEndOffset);
    await compactLog(log);
    const first = log.read(0n, 1);
    const b = scanBatches(first.bytes, { checkCrc: true }).batches[0];
    expect(b).toMatchObject({ baseOffset: 0n, lastOffset: 1n, recordCount: 0, producerId: 5n, baseSequence: 0 });
    log.close();
  });

  it('re-encodes compressed batches with their codec', async () => {
    const log = openLog();
    log.append(makeBatch({ keys: ['a', 'b', 'a'], values: ['1', '2', '3'], compression: 3, timestamp: BigInt(clock) }));
    for (let i = 0; i < 10; i++) put(log, `pad${i}`, 'x');
    log.setHighWatermark(log.logEndOffset);
    await compactLog(log);
    const bytes = log.read(0n, 1).bytes;
    expect(bytes.readInt16BE(21) & 7).toBe(3);
    expect(decodeBatch(bytes, 0, dir).records.map((r) => [r.offset, Buffer.from(r.key as Uint8Array).toString()])).toEqual([[1n, 'b'], [2n, 'a']]);
    log.close();
  });

  it('respects the HW, min.compaction.lag.ms and the dirty ratio, and skips non-compacted logs', async () => {
    const log = openLog();
    for (let i = 0; i < 20; i++) put(log, 'same', `v${i}`);
    expect((await compactLog(log)).skipped).toBe('nothing-cleanable'); // HW is 0
    log.setHighWatermark(log.logEndOffset);
    log.config = { ...log.config, minCompactionLagMs: DAY };
    expect((await compactLog(log)).skipped).toBe('nothing-cleanable');
    log.config = { ...log.config, minCompactionLagMs: 0, minCleanableDirtyRatio: 0.5 };
    expect((await compactLog(log)).cleanedSegments).toBeGreaterThan(0);
    expect((await compactLog(log)).skipped).toBe('dirty-ratio'); // all clean now
    log.close();
    const plain = PartitionLog.open(join(dir, 'plain'));
    expect((await compactLog(plain)).skipped).toBe('not-compacted');
    plain.close();
  });

  it('runs without blocking appends, and abandons its work if the log is truncated meanwhile', async () => {
    const log = openLog();
    for (let i = 0; i < 400; i++) put(log, `k${i % 7}`, `v${i}`);
    log.setHighWatermark(log.logEndOffset);
    let done = false;
    const running = compactLog(log).finally(() => { done = true; });
    let appendedWhileCleaning = 0;
    for (let i = 0; i < 5; i++) {
      put(log, 'live', `${i}`);
      if (!done) appendedWhileCleaning++;
      await new Promise((r) => setImmediate(r));
    }
    const r = await running;
    expect(r.cleanedSegments).toBeGreaterThan(0);
    expect(appendedWhileCleaning).toBe(5); // every append went through while the compaction was still running
    expect(log.logEndOffset).toBe(405n);
    for (let i = 0; i < 400; i++) put(log, `k${i % 7}`, `w${i}`);
    log.setHighWatermark(log.logEndOffset);
    const second = compactLog(log);
    log.truncateTo(700n);
    expect((await second).skipped).toBe('log-changed');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.cleaned'))).toEqual([]);
    log.close();
  });

  it('removes leftover .cleaned files of an interrupted compaction on open', () => {
    const log = openLog();
    for (let i = 0; i < 10; i++) put(log, 'k', `${i}`);
    log.close();
    fs.writeFileSync(join(dir, `${'0'.padStart(20, '0')}.log.cleaned`), 'partial');
    const again = openLog();
    expect(fs.existsSync(join(dir, `${'0'.padStart(20, '0')}.log.cleaned`))).toBe(false);
    expect(contents(again).length).toBe(10);
    again.close();
  });
});
