import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from './errors.js';
import { PartitionLog } from './partition-log.js';
import { expectedStored, makeBatch } from './test-batches.js';
import { tempDir } from './test-dirs.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const seg = (base: number, ext: string) => join(dir, `${String(base).padStart(20, '0')}.${ext}`);

function fill(log: PartitionLog, n: number, records = 2): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const b = makeBatch({ records, valueSize: 60, seed: i });
    const stored = Buffer.from(b);
    const r = log.append(b, { leaderEpoch: 1 });
    out.push(expectedStored(stored, r.baseOffset, 1));
  }
  return out;
}

function readAll(log: PartitionLog): Buffer {
  const parts: Buffer[] = [];
  let next = log.logStartOffset;
  while (next < log.logEndOffset) { const r = log.read(next, 1 << 20); parts.push(r.bytes); next = r.nextOffset; }
  return Buffer.concat(parts);
}

describe('recovery on open', () => {
  it('takes the fast path after a clean close and restores offsets, epochs and producer state', () => {
    const log = PartitionLog.open(dir, { segmentBytes: 500 });
    const stored = fill(log, 10);
    log.append(makeBatch({ producerId: 7n, producerEpoch: 0, baseSequence: 0, records: 2 }), { leaderEpoch: 2 });
    log.setHighWatermark(15n);
    log.close();
    expect(fs.existsSync(join(dir, 'clean-shutdown'))).toBe(true);
    const again = PartitionLog.open(dir, { segmentBytes: 500 });
    expect(fs.existsSync(join(dir, 'clean-shutdown'))).toBe(false); // a crash from now on must be seen as unclean
    expect(again.recovery).toMatchObject({ clean: true, truncatedBytes: 0, rebuiltIndexes: [] });
    expect(again.logEndOffset).toBe(22n);
    expect(again.highWatermark).toBe(15n);
    expect(readAll(again).subarray(0, Buffer.concat(stored).length)).toEqual(Buffer.concat(stored));
    expect(again.leaderEpochs.list()).toEqual([{ epoch: 1, startOffset: 0n }, { epoch: 2, startOffset: 20n }]);
    const dup = again.append(makeBatch({ producerId: 7n, producerEpoch: 0, baseSequence: 0, records: 2 }));
    expect(dup).toMatchObject({ duplicate: true, baseOffset: 20n, lastOffset: 21n });
    again.close();
  });

  it('without the marker scans the active segment, cuts a torn tail and serves nothing past it', () => {
    const log = PartitionLog.open(dir);
    const stored = fill(log, 5);
    const sizeBefore = fs.statSync(seg(0, 'log')).size;
    // Simulate a crash mid-write: half of a sixth batch reached the file.
    const torn = expectedStored(makeBatch({ records: 3, valueSize: 60 }), 10n, 1);
    fs.appendFileSync(seg(0, 'log'), torn.subarray(0, 70));
    const again = PartitionLog.open(dir);
    expect(again.recovery.clean).toBe(false);
    expect(again.recovery.truncatedBytes).toBe(70);
    expect(fs.statSync(seg(0, 'log')).size).toBe(sizeBefore);
    expect(again.logEndOffset).toBe(10n);
    expect(readAll(again)).toEqual(Buffer.concat(stored));
    expect(again.append(makeBatch()).baseOffset).toBe(10n);
    again.close();
    log.close();
  });

  it('cuts from the first batch whose CRC fails, and everything after it', () => {
    const log = PartitionLog.open(dir);
    const stored = fill(log, 6);
    log.close();
    const bytes = fs.readFileSync(seg(0, 'log'));
    const at = stored[0].length + stored[1].length + stored[2].length + 70; // inside batch 3's records
    bytes[at] ^= 0x55;
    fs.writeFileSync(seg(0, 'log'), bytes);
    // The marker's size still matches, but the tail check of the active segment finds the bad CRC.
    const third = PartitionLog.open(dir);
    expect(third.recovery.clean).toBe(false);
    expect(third.logEndOffset).toBe(6n);
    expect(readAll(third)).toEqual(Buffer.concat(stored.slice(0, 3)));
    expect(third.leaderEpochs.list()).toEqual([{ epoch: 1, startOffset: 0n }]);
    third.close();
  });

  it('does a full recovery when the marker does not match the active segment', () => {
    const log = PartitionLog.open(dir);
    fill(log, 3);
    log.close();
    fs.appendFileSync(seg(0, 'log'), Buffer.alloc(30, 7));
    const again = PartitionLog.open(dir);
    expect(again.recovery).toMatchObject({ clean: false, truncatedBytes: 30 });
    again.close();
  });

  it('drops leader epochs and producer snapshots that point past the recovered end', () => {
    const log = PartitionLog.open(dir);
    fill(log, 3); // offsets 0..5, epoch 1
    log.close();
    fs.writeFileSync(join(dir, 'leader-epoch-checkpoint'), '0\n2\n1 0\n4 9\n');
    fs.writeFileSync(join(dir, `${'9'.padStart(20, '0')}.snapshot`), '{"version":1,"producers":[]}');
    const again = PartitionLog.open(dir);
    expect(again.leaderEpochs.list()).toEqual([{ epoch: 1, startOffset: 0n }]);
    expect(fs.existsSync(join(dir, `${'9'.padStart(20, '0')}.snapshot`))).toBe(false);
    again.close();
  });

  it('rejects a malformed leader epoch checkpoint with a typed error naming the file', () => {
    PartitionLog.open(dir).close();
    fs.writeFileSync(join(dir, 'leader-epoch-checkpoint'), '0\n3\n1 0\n');
    let err: unknown;
    try { PartitionLog.open(dir); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('TP_STORAGE_CORRUPT');
    expect((err as StorageError).path).toBe(join(dir, 'leader-epoch-checkpoint'));
  });

  it('rebuilds producer state from the log when snapshots are missing (unclean shutdown)', () => {
    const log = PartitionLog.open(dir);
    log.append(makeBatch({ producerId: 3n, producerEpoch: 1, baseSequence: 0, records: 2 }));
    log.append(makeBatch({ producerId: 3n, producerEpoch: 1, baseSequence: 2, records: 2 }));
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.snapshot')) fs.rmSync(join(dir, f));
    const again = PartitionLog.open(dir); // `log` was never closed: no marker
    expect(again.recovery.clean).toBe(false);
    expect(again.append(makeBatch({ producerId: 3n, producerEpoch: 1, baseSequence: 2, records: 2 }))).toMatchObject({ duplicate: true, baseOffset: 2n });
    let err: unknown;
    try { again.append(makeBatch({ producerId: 3n, producerEpoch: 1, baseSequence: 9 })); } catch (e) { err = e; }
    expect((err as StorageError).code).toBe('TP_STORAGE_OUT_OF_ORDER_SEQUENCE');
    again.close();
    log.close();
  });
});

describe('index rebuild', () => {
  function threeSegments(): Buffer[] {
    const log = PartitionLog.open(dir, { segmentBytes: 700, indexIntervalBytes: 100 });
    const stored = fill(log, 15);
    expect(log.segments.length).toBeGreaterThanOrEqual(3);
    log.close();
    return stored;
  }

  const cases: [string, (path: string) => void][] = [
    ['garbage (not a whole number of entries)', (p) => fs.writeFileSync(p, Buffer.from('garbage!!!'))],
    ['an entry pointing past the log end', (p) => { const b = fs.readFileSync(p); b.writeInt32BE(1 << 30, b.length - 4); fs.writeFileSync(p, b); }],
    ['an entry that points at the wrong batch', (p) => { const b = fs.readFileSync(p); b.writeInt32BE(b.readInt32BE(b.length - 8) + 1, b.length - 8); fs.writeFileSync(p, b); }],
    ['a missing file', (p) => fs.rmSync(p)],
  ];
  for (const [name, damage] of cases) {
    it(`rebuilds an offset index with ${name}`, () => {
      const stored = threeSegments();
      damage(seg(0, 'index'));
      const log = PartitionLog.open(dir, { segmentBytes: 700, indexIntervalBytes: 100 });
      expect(log.recovery.rebuiltIndexes.map((r) => r.baseOffset)).toEqual([0n]);
      expect(readAll(log)).toEqual(Buffer.concat(stored));
      for (let off = 0n; off < log.logEndOffset; off++) {
        const i = Number(off / 2n);
        expect(log.read(off, 1).bytes).toEqual(stored[i]);
      }
      log.close();
      // The rebuilt index was written back and is trusted next time.
      const again = PartitionLog.open(dir, { segmentBytes: 700, indexIntervalBytes: 100 });
      expect(again.recovery.rebuiltIndexes).toEqual([]);
      again.close();
    });
  }

  it('rebuilds a corrupt time index', () => {
    const stored = threeSegments();
    fs.writeFileSync(seg(0, 'timeindex'), Buffer.alloc(13));
    const log = PartitionLog.open(dir, { segmentBytes: 700, indexIntervalBytes: 100 });
    expect(log.recovery.rebuiltIndexes[0].reason).toMatch(/time index/);
    expect(readAll(log)).toEqual(Buffer.concat(stored));
    expect(log.offsetForTimestamp(1_700_000_000_001n)?.offset).toBe(1n);
    log.close();
  });

  it('reports a corrupt middle segment with its path, while the rest of the log still reads', () => {
    const stored = threeSegments();
    const log0 = fs.readFileSync(seg(0, 'log'));
    log0[stored[0].length + 16] = 9; // magic of batch 1 in the first segment
    fs.writeFileSync(seg(0, 'log'), log0);
    const log = PartitionLog.open(dir, { segmentBytes: 700, indexIntervalBytes: 100 });
    let err: unknown;
    try { log.read(2n, 1000); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('TP_STORAGE_CORRUPT');
    expect((err as StorageError).path).toBe(seg(0, 'log'));
    const second = log.segments[1].baseOffset;
    expect(log.read(second, 1).bytes).toEqual(stored[Number(second / 2n)]);
    expect(log.append(makeBatch()).baseOffset).toBe(30n);
    log.close();
  });

  it('refuses to open a log whose middle segment has a torn tail, with a typed error', () => {
    threeSegments();
    fs.appendFileSync(seg(0, 'log'), Buffer.alloc(20, 1));
    let err: unknown;
    try { PartitionLog.open(dir, { segmentBytes: 700 }); } catch (e) { err = e; }
    expect((err as StorageError).code).toBe('TP_STORAGE_CORRUPT');
    expect((err as StorageError).path).toBe(seg(0, 'log'));
  });
});
