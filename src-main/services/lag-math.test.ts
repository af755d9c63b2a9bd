import { describe, expect, it } from 'vitest';
import { clampOffset, groupLag, partitionLag } from './lag-math.js';

const end = (topic: string, partition: number, low: bigint, high: bigint) => ({ topic, partition, low, high });

describe('lag math', () => {
  it('lag = end - committed, never negative, null without a commit', () => {
    expect(partitionLag(3n, 10n)).toBe(7n);
    expect(partitionLag(10n, 10n)).toBe(0n);
    // A commit past the end (reset to a future offset, truncated log) clamps to 0.
    expect(partitionLag(12n, 10n)).toBe(0n);
    expect(partitionLag(null, 10n)).toBeNull();
    expect(partitionLag(-1n, 10n)).toBeNull(); // OffsetFetch's "no commit"
  });

  it('keeps offsets above 2^53 exact', () => {
    const big = 2n ** 60n;
    expect(partitionLag(big + 1n, big + 4n)).toBe(3n);
    const g = groupLag([{ topic: 't', partition: 0, offset: 9_007_199_254_740_993n }], [end('t', 0, 0n, 9_007_199_254_740_999n)]);
    expect(g.totalLag).toBe(6n);
  });

  it('sums committed partitions, counts uncommitted ones apart and lists every partition of the group\'s topics', () => {
    const g = groupLag(
      [{ topic: 'b', partition: 1, offset: 5n }, { topic: 'a', partition: 0, offset: 2n }, { topic: 'b', partition: 0, offset: -1n }],
      [end('a', 0, 0n, 4n), end('a', 1, 0n, 9n), end('b', 0, 0n, 3n), end('b', 1, 0n, 8n), end('other', 0, 0n, 100n)],
    );
    expect(g.topics).toEqual(['a', 'b']);
    expect(g.partitions.map((p) => [p.topic, p.partition, p.committed, p.lag])).toEqual([
      ['a', 0, 2n, 2n], ['a', 1, null, null], ['b', 0, null, null], ['b', 1, 5n, 3n],
    ]);
    expect(g.totalLag).toBe(5n);
    expect(g.uncommitted).toBe(2);
  });

  it('includes topics the members are assigned but never committed to', () => {
    const g = groupLag([], [end('fresh', 0, 0n, 7n), end('fresh', 1, 0n, 0n)], ['fresh']);
    expect(g).toMatchObject({ totalLag: 0n, uncommitted: 2, topics: ['fresh'] });
  });

  it('leaves out a committed partition whose topic no longer has an end offset (deleted topic)', () => {
    const g = groupLag([{ topic: 'gone', partition: 0, offset: 4n }], []);
    expect(g).toMatchObject({ partitions: [], totalLag: 0n, topics: ['gone'] });
  });

  it('transaction markers: lag counts the marker offsets, not records', () => {
    // Offsets 0-2: three records of a committed transaction, offset 3: its COMMIT marker. A consumer that read
    // all three records commits 3 (the next offset it fetched), leaving lag 1 with nothing left to deliver.
    expect(partitionLag(3n, 4n)).toBe(1n);
    // Once it fetched past the marker it commits 4: lag 0.
    expect(partitionLag(4n, 4n)).toBe(0n);
  });

  it('compacted gaps: lag counts offsets even where compaction removed the records', () => {
    // Offsets 10..19 compacted down to three surviving records (12, 15, 19): still lag 10 from offset 10.
    expect(partitionLag(10n, 20n)).toBe(10n);
  });

  it('flags a commit below the log start (records deleted) and still counts offsets from the commit', () => {
    const g = groupLag([{ topic: 't', partition: 0, offset: 5n }], [end('t', 0, 50n, 60n)]);
    expect(g.partitions[0]).toMatchObject({ lag: 55n, behindLogStart: true, logStart: 50n });
    const ok = groupLag([{ topic: 't', partition: 0, offset: 55n }], [end('t', 0, 50n, 60n)]);
    expect(ok.partitions[0]!.behindLogStart).toBe(false);
  });

  it('clamps reset targets into [logStart, end]', () => {
    expect(clampOffset(-5n, 2n, 9n)).toBe(2n);
    expect(clampOffset(5n, 2n, 9n)).toBe(5n);
    expect(clampOffset(99n, 2n, 9n)).toBe(9n);
  });
});
