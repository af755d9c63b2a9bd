import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from './errors.js';
import { LogManager } from './log-manager.js';
import { PartitionLog } from './partition-log.js';
import { makeBatch } from './test-batches.js';
import { tempDir } from './test-dirs.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('LogManager', () => {
  it('creates partitions as <topic>-<partition>, reopens them all cleanly, and deletes them', async () => {
    const m = LogManager.open({ dataDir: dir });
    m.getOrCreate('orders', 0).append(makeBatch({ records: 3 }));
    m.getOrCreate('orders', 1).append(makeBatch());
    m.getOrCreate('my-topic.v2', 10).append(makeBatch());
    expect(m.getOrCreate('orders', 0)).toBe(m.get('orders', 0));
    await m.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['my-topic.v2-10', 'orders-0', 'orders-1']);
    const again = LogManager.open({ dataDir: dir });
    expect(again.partitions().map((p) => `${p.topic}/${p.partition}`).sort()).toEqual(['my-topic.v2/10', 'orders/0', 'orders/1']);
    expect(again.get('orders', 0)?.logEndOffset).toBe(3n);
    expect(again.get('orders', 0)?.recovery.clean).toBe(true);
    again.delete('orders', 1);
    expect(fs.existsSync(join(dir, 'orders-1'))).toBe(false);
    expect(again.get('orders', 1)).toBeUndefined();
    expect(() => again.getOrCreate('../evil', 0)).toThrow(StorageError);
    await again.close();
    expect(() => again.getOrCreate('orders', 0)).toThrow(StorageError);
  });

  it('runs retention with per-topic configs', () => {
    let now = 10_000_000;
    const m = LogManager.open({ dataDir: dir, now: () => now, configFor: (t) => (t === 'short' ? { retentionMs: 1000, segmentBytes: 150 } : { segmentBytes: 150 }) });
    for (const t of ['short', 'long']) {
      const log = m.getOrCreate(t, 0);
      for (let i = 0; i < 4; i++) log.append(makeBatch({ records: 2, valueSize: 20, timestamp: BigInt(now) }));
      log.setHighWatermark(log.logEndOffset);
    }
    now += 5000;
    expect(m.runRetention()).toBe(3);
    expect(m.get('short', 0)?.logStartOffset).toBe(6n);
    expect(m.get('long', 0)?.logStartOffset).toBe(0n);
  });

  it('fsyncs logs when their flush.ms deadline passes, and per flush.messages on append', async () => {
    let now = 0;
    const m = LogManager.open({ dataDir: dir, now: () => now, configFor: (t) => (t === 'timed' ? { flushMs: 100 } : {}) });
    const timed = m.getOrCreate('timed', 0);
    m.getOrCreate('never', 0);
    timed.append(makeBatch());
    expect(await m.runFlush(50)).toBe(0);
    expect(await m.runFlush(100)).toBe(1);
    expect(timed.fsyncCount).toBe(1);
    expect(m.get('never', 0)?.fsyncCount).toBe(0);
    now = 100;
    const counted = PartitionLog.open(join(dir, 'standalone'), { flushMessages: 3 });
    counted.append(makeBatch({ records: 2 }));
    expect(counted.fsyncCount).toBe(0);
    counted.append(makeBatch({ records: 1 }));
    expect(counted.fsyncCount).toBe(1);
    counted.close();
    await m.close();
  });

  it('runs the cleaner on compacted topics only, and reports background errors with the partition', async () => {
    const errors: string[] = [];
    const m = LogManager.open({ dataDir: dir, configFor: (t) => ({ segmentBytes: 200, cleanupPolicy: t === 'c' ? ['compact'] : ['delete'], minCleanableDirtyRatio: 0 }),
      onError: (tp, e) => errors.push(`${tp.topic}-${tp.partition}:${e.code}`) });
    for (const t of ['c', 'd']) {
      const log = m.getOrCreate(t, 0);
      for (let i = 0; i < 12; i++) log.append(makeBatch({ keys: ['same'], values: [`${i}`], timestamp: 0n }));
      log.setHighWatermark(log.logEndOffset);
    }
    const sizeD = m.get('d', 0)?.sizeInBytes;
    const sizeC = m.get('c', 0)?.sizeInBytes as number;
    await m.runCleaner();
    expect(m.get('d', 0)?.sizeInBytes).toBe(sizeD);
    expect(m.get('c', 0)?.sizeInBytes).toBeLessThan(sizeC);
    // Damage a compacted segment: the cleaner's error is reported, not thrown, and names the partition.
    const c = m.get('c', 0) as PartitionLog;
    m.getOrCreate('c', 0).append(makeBatch({ keys: ['other'], values: ['1'], timestamp: 0n }));
    c.roll();
    c.setHighWatermark(c.logEndOffset);
    const seg = c.segments[c.segments.length - 2];
    const bytes = fs.readFileSync(seg.logPath);
    bytes[bytes.length - 1] ^= 0xff;
    fs.writeFileSync(seg.logPath, bytes);
    await m.runCleaner();
    expect(errors).toEqual(['c-0:TP_STORAGE_CORRUPT']);
    await m.close();
  });

  it('starts unref-ed timers and stops them on close', async () => {
    const m = LogManager.open({ dataDir: dir, schedulerTickMs: 5, retentionCheckMs: 5 });
    m.getOrCreate('t', 0).append(makeBatch());
    m.start();
    await new Promise((r) => setTimeout(r, 30));
    await m.close();
    expect(fs.existsSync(join(dir, 't-0', 'clean-shutdown'))).toBe(true);
  });
});
