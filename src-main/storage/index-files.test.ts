/** Offset and time index files: lookups, round trips through the Kafka file layout, and untrusted files. */
import { describe, expect, it } from 'vitest';
import { OffsetIndex } from './offset-index.js';
import { TimeIndex } from './time-index.js';

function offsetEntries(...pairs: [number, number][]): Buffer {
  const b = Buffer.alloc(pairs.length * 8);
  pairs.forEach(([r, p], i) => { b.writeInt32BE(r, i * 8); b.writeInt32BE(p, i * 8 + 4); });
  return b;
}
function timeEntries(...pairs: [bigint, number][]): Buffer {
  const b = Buffer.alloc(pairs.length * 12);
  pairs.forEach(([t, r], i) => { b.writeBigInt64BE(t, i * 12); b.writeInt32BE(r, i * 12 + 8); });
  return b;
}

describe('OffsetIndex', () => {
  it('looks up the floor entry and round-trips through its file format', () => {
    const idx = new OffsetIndex(100n);
    idx.append(110n, 500);
    idx.append(120n, 900);
    idx.append(120n, 950); // not increasing: ignored
    expect(idx.lookup(99n)).toEqual({ offset: 100n, position: 0 });
    expect(idx.lookup(115n)).toEqual({ offset: 110n, position: 500 });
    expect(idx.lookup(1000n)).toEqual({ offset: 120n, position: 900 });
    const back = OffsetIndex.parse(idx.serialize(), 100n, 1000);
    expect(back).toBeInstanceOf(OffsetIndex);
    expect((back as OffsetIndex).lookup(119n)).toEqual({ offset: 110n, position: 500 });
    idx.truncateToPosition(900);
    expect(idx.last()).toEqual({ offset: 110n, position: 500 });
  });
  it('refuses files it cannot trust, saying why', () => {
    expect(OffsetIndex.parse(Buffer.alloc(7), 0n, 100)).toMatch(/multiple of 8/);
    expect(OffsetIndex.parse(offsetEntries([-1, 5]), 0n, 100)).toMatch(/negative/);
    expect(OffsetIndex.parse(offsetEntries([1, 100]), 0n, 100)).toMatch(/past the log end/);
    expect(OffsetIndex.parse(offsetEntries([5, 10], [4, 20]), 0n, 100)).toMatch(/out of order/);
    expect(OffsetIndex.parse(offsetEntries([5, 10], [6, 10]), 0n, 100)).toMatch(/out of order/);
  });
});

describe('TimeIndex', () => {
  it('gives the scan start for a timestamp and round-trips', () => {
    const t = new TimeIndex(0n);
    t.maybeAppend(100n, 10n);
    t.maybeAppend(100n, 20n); // timestamp did not grow: ignored
    t.maybeAppend(200n, 30n);
    expect(t.entries).toBe(2);
    expect(t.scanStart(50n)).toBe(0n);
    expect(t.scanStart(100n)).toBe(0n); // strictly older only: a batch at exactly 100 may precede offset 10
    expect(t.scanStart(150n)).toBe(10n);
    expect(t.scanStart(500n)).toBe(30n);
    const back = TimeIndex.parse(t.serialize(), 0n, 31n) as TimeIndex;
    expect(back.scanStart(150n)).toBe(10n);
    t.truncateToOffset(30n);
    expect(t.lastTimestamp()).toBe(100n);
  });
  it('refuses files it cannot trust', () => {
    expect(TimeIndex.parse(Buffer.alloc(13), 0n, 10n)).toMatch(/multiple of 12/);
    expect(TimeIndex.parse(timeEntries([5n, 10]), 0n, 10n)).toMatch(/past the log end/);
    expect(TimeIndex.parse(timeEntries([5n, 1], [4n, 2]), 0n, 10n)).toMatch(/out of order/);
  });
});
