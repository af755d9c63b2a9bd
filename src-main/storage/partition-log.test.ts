import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchCrcValid, readBatchHeader } from '../protocol/records/batch-header.js';
import { scanBatches } from './batch-scan.js';
import { StorageError } from './errors.js';
import { PartitionLog } from './partition-log.js';
import { decodeBatch } from './records-adapter.js';
import { expectedStored, makeBatch } from './test-batches.js';
import { tempDir } from './test-dirs.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function expectCode(fn: () => unknown, code: string): StorageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe(code);
    return err as StorageError;
  }
  throw new Error(`expected ${code}`);
}

describe('PartitionLog append and read', () => {
  it('assigns dense offsets, patches only base offset and leader epoch, and reads back whole batches', () => {
    const log = PartitionLog.open(dir);
    const a = makeBatch({ records: 3, seed: 1 });
    const b = makeBatch({ records: 2, seed: 2 });
    const ra = log.append(Buffer.from(a), { leaderEpoch: 5 });
    const rb = log.append(Buffer.from(b), { leaderEpoch: 5 });
    expect(ra).toMatchObject({ baseOffset: 0n, lastOffset: 2n, duplicate: false, logAppendTime: -1n, recordCount: 3 });
    expect(rb).toMatchObject({ baseOffset: 3n, lastOffset: 4n });
    expect(log.logEndOffset).toBe(5n);
    const all = log.read(0n, 1 << 20);
    expect(all.bytes).toEqual(Buffer.concat([expectedStored(a, 0n, 5), expectedStored(b, 3n, 5)]));
    expect(batchCrcValid(all.bytes, 0)).toBe(true);
    expect(all.nextOffset).toBe(5n);
    // An offset inside the second batch returns that whole batch.
    expect(log.read(4n, 1 << 20).bytes).toEqual(expectedStored(b, 3n, 5));
    // At the log end: empty, not an error.
    expect(log.read(5n, 100).bytes.length).toBe(0);
    log.close();
  });

  it('treats maxBytes as soft for the first batch only and stops at maxOffset (the HW)', () => {
    const log = PartitionLog.open(dir);
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) { const b = makeBatch({ records: 2, valueSize: 100, seed: i }); sizes.push(b.length); log.append(b); }
    expect(log.read(0n, 1).bytes.length).toBe(sizes[0]);
    expect(log.read(0n, sizes[0] + sizes[1] + 10).bytes.length).toBe(sizes[0] + sizes[1]);
    const r = log.read(0n, 1 << 20, { maxOffset: 4n });
    expect(r.bytes.length).toBe(sizes[0] + sizes[1]);
    expect(r.nextOffset).toBe(4n);
    // Between HW and LEO: empty.
    expect(log.read(5n, 1 << 20, { maxOffset: 4n }).bytes.length).toBe(0);
    log.close();
  });

  it('rejects offsets outside [logStart, logEnd] with a typed error', () => {
    const log = PartitionLog.open(dir);
    log.append(makeBatch());
    const e = expectCode(() => log.read(2n, 100), 'TP_STORAGE_OFFSET_OUT_OF_RANGE');
    expect(e.path).toBe(dir);
    expectCode(() => log.read(-1n, 100), 'TP_STORAGE_OFFSET_OUT_OF_RANGE');
    log.close();
  });

  it('rejects bad input: bad CRC, truncated batch, wrong magic, empty, and refuses use after close', () => {
    const log = PartitionLog.open(dir);
    const bad = makeBatch({ records: 2 });
    bad[bad.length - 1] ^= 0xff;
    expect(expectCode(() => log.append(bad), 'TP_STORAGE_INVALID_BATCH').details).toMatchObject({ kind: 'bad-crc' });
    expect(expectCode(() => log.append(makeBatch().subarray(0, 40)), 'TP_STORAGE_INVALID_BATCH').details).toMatchObject({ kind: 'truncated-header' });
    const magic = makeBatch();
    magic[16] = 1;
    expect(expectCode(() => log.append(magic), 'TP_STORAGE_INVALID_BATCH').details).toMatchObject({ kind: 'bad-magic' });
    expectCode(() => log.append(Buffer.alloc(0)), 'TP_STORAGE_INVALID_BATCH');
    const tooLong = makeBatch();
    tooLong.writeInt32BE(tooLong.readInt32BE(8) + 100, 8);
    expectCode(() => log.append(tooLong), 'TP_STORAGE_INVALID_BATCH');
    expect(log.logEndOffset).toBe(0n);
    expect(fs.statSync(join(dir, '00000000000000000000.log')).size).toBe(0);
    log.close();
    expectCode(() => log.append(makeBatch()), 'TP_STORAGE_CLOSED');
    expectCode(() => log.read(0n, 1), 'TP_STORAGE_CLOSED');
  });

  it('follower appends keep the leader offsets (gaps allowed) and reject offsets going backwards', () => {
    const log = PartitionLog.open(dir);
    const b1 = expectedStored(makeBatch({ records: 2 }), 10n, 3);
    const r = log.append(Buffer.from(b1), { assignOffsets: false });
    expect(r).toMatchObject({ baseOffset: 10n, lastOffset: 11n });
    expect(log.logEndOffset).toBe(12n);
    expect(fs.existsSync(join(dir, '00000000000000000010.log'))).toBe(true);
    expect(log.read(10n, 1000).bytes).toEqual(b1);
    expectCode(() => log.append(expectedStored(makeBatch(), 11n, 3), { assignOffsets: false }), 'TP_STORAGE_NON_MONOTONIC_OFFSET');
    expect(log.leaderEpochs.list()).toEqual([{ epoch: 3, startOffset: 10n }]);
    log.close();
  });

  it('writes LogAppendTime into maxTimestamp with a fresh CRC', () => {
    const log = PartitionLog.open(dir, { messageTimestampType: 'LogAppendTime' }, { now: () => 1_800_000_000_123 });
    const r = log.append(makeBatch({ records: 2 }));
    expect(r.logAppendTime).toBe(1_800_000_000_123n);
    const bytes = log.read(0n, 1000).bytes;
    const h = readBatchHeader(bytes);
    expect(h.maxTimestamp).toBe(1_800_000_000_123n);
    expect(h.attributes & 0x08).toBe(0x08);
    expect(batchCrcValid(bytes)).toBe(true);
    log.close();
  });
});

describe('segments and indexes', () => {
  it('rolls on segment.bytes, names segments by base offset and reads across them', () => {
    const log = PartitionLog.open(dir, { segmentBytes: 1000, indexIntervalBytes: 100 });
    const batches: Buffer[] = [];
    for (let i = 0; i < 40; i++) { const b = makeBatch({ records: 3, valueSize: 50, seed: i }); batches.push(Buffer.from(b)); log.append(b); }
    expect(log.segments.length).toBeGreaterThan(5);
    for (const s of log.segments) expect(s.size).toBeLessThanOrEqual(1000);
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.log')).sort();
    expect(names[0]).toBe('00000000000000000000.log');
    expect(names.map((n) => BigInt(n.slice(0, 20)))).toEqual(log.segments.map((s) => s.baseOffset));
    // Every offset maps to its containing batch, in whichever segment.
    for (let off = 0; off < 120; off++) {
      const r = log.read(BigInt(off), 1);
      const i = Math.floor(off / 3);
      expect(r.bytes).toEqual(expectedStored(batches[i], BigInt(i * 3)));
    }
    // A big read stops at the segment end; the next read continues in the next segment.
    let next = 0n;
    const seen: Buffer[] = [];
    while (next < log.logEndOffset) { const r = log.read(next, 1 << 20); seen.push(r.bytes); next = r.nextOffset; }
    expect(Buffer.concat(seen)).toEqual(Buffer.concat(batches.map((b, i) => expectedStored(b, BigInt(i * 3)))));
    log.close();
  });

  it('rolls on segment.ms using the clock', () => {
    let t = 1_000_000;
    const log = PartitionLog.open(dir, { segmentMs: 1000 }, { now: () => t });
    log.append(makeBatch({ timestamp: BigInt(t) }));
    t += 500;
    log.append(makeBatch({ timestamp: BigInt(t) }));
    expect(log.segments.length).toBe(1);
    t += 600;
    log.append(makeBatch({ timestamp: BigInt(t) }));
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0n, 2n]);
    log.roll();
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0n, 2n, 3n]);
    log.roll(); // rolling an empty active segment is a no-op
    expect(log.segments.length).toBe(3);
    log.close();
  });

  it('finds offsets by timestamp, per record, using the time index', () => {
    const log = PartitionLog.open(dir, { segmentBytes: 600, indexIntervalBytes: 64 });
    for (let i = 0; i < 30; i++) log.append(makeBatch({ records: 4, timestamp: 1000n + BigInt(i * 10) })); // record ts = base + j
    expect(log.segments.length).toBeGreaterThan(2);
    expect(log.offsetForTimestamp(0n)).toEqual({ offset: 0n, timestamp: 1000n });
    expect(log.offsetForTimestamp(1000n)).toEqual({ offset: 0n, timestamp: 1000n });
    expect(log.offsetForTimestamp(1002n)).toEqual({ offset: 2n, timestamp: 1002n });
    expect(log.offsetForTimestamp(1005n)).toEqual({ offset: 4n, timestamp: 1010n });
    expect(log.offsetForTimestamp(1153n)).toEqual({ offset: 63n, timestamp: 1153n });
    expect(log.offsetForTimestamp(1293n)).toEqual({ offset: 119n, timestamp: 1293n });
    expect(log.offsetForTimestamp(1294n)).toBeUndefined();
    expect(log.maxTimestamp()).toBe(1293n);
    log.close();
  });

  it('writes .index and .timeindex in Kafka layout that match the log', () => {
    const log = PartitionLog.open(dir, { indexIntervalBytes: 1 });
    for (let i = 0; i < 5; i++) log.append(makeBatch({ records: 2, timestamp: 100n * BigInt(i + 1) }));
    log.close();
    const idx = fs.readFileSync(join(dir, '00000000000000000000.index'));
    const tidx = fs.readFileSync(join(dir, '00000000000000000000.timeindex'));
    const logBytes = fs.readFileSync(join(dir, '00000000000000000000.log'));
    const batches = scanBatches(logBytes, { checkCrc: true }).batches;
    expect(idx.length).toBe(4 * 8); // every batch but the first (position 0 needs no entry)
    for (let i = 0; i < 4; i++) {
      expect(BigInt(idx.readInt32BE(i * 8))).toBe(batches[i + 1].baseOffset);
      expect(idx.readInt32BE(i * 8 + 4)).toBe(batches[i + 1].position);
      expect(tidx.readBigInt64BE(i * 12)).toBe(batches[i + 1].maxTimestamp);
      expect(BigInt(tidx.readInt32BE(i * 12 + 8))).toBe(batches[i + 1].baseOffset);
    }
  });
});

describe('record-level checks', () => {
  it('rejects keyless records on compacted logs with INVALID_RECORD, also inside compressed batches', () => {
    const log = PartitionLog.open(dir, { cleanupPolicy: ['compact'] });
    expectCode(() => log.append(makeBatch({ keys: ['a', null] })), 'TP_STORAGE_INVALID_RECORD');
    expectCode(() => log.append(makeBatch({ keys: [null], compression: 1 })), 'TP_STORAGE_INVALID_RECORD');
    expect(log.append(makeBatch({ keys: ['a', 'b'], compression: 1 })).lastOffset).toBe(1n);
    log.close();
  });

  it('answers timestamp lookups per record inside compressed batches', () => {
    const log = PartitionLog.open(dir);
    log.append(makeBatch({ records: 5, timestamp: 100n, compression: 4 }));
    expect(log.offsetForTimestamp(103n)).toEqual({ offset: 3n, timestamp: 103n });
    const { records } = decodeBatch(log.read(0n, 1000).bytes, 0, dir);
    expect(records.map((r) => r.offset)).toEqual([0n, 1n, 2n, 3n, 4n]);
    log.close();
  });
});
