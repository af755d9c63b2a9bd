import { describe, expect, it } from 'vitest';
import { addedPartitions } from './message-tail.js';

const pos = (partition: number, next: bigint) => ({ partition, start: next, next, end: next, logStart: 0n });

describe('addedPartitions', () => {
  it('returns the partitions not yet tailed, sorted, each from offset 0', () => {
    const leaders = new Map([[2, 1], [0, 1], [4, 2], [1, 1], [3, 2]]);
    expect(addedPartitions([pos(0, 7n), pos(1, 3n)], leaders)).toEqual([
      { partition: 2, start: 0n, next: 0n, end: 0n, logStart: 0n },
      { partition: 3, start: 0n, next: 0n, end: 0n, logStart: 0n },
      { partition: 4, start: 0n, next: 0n, end: 0n, logStart: 0n },
    ]);
  });
  it('returns nothing when the partition count did not change', () => {
    expect(addedPartitions([pos(0, 7n), pos(1, 3n)], new Map([[0, 1], [1, 1]]))).toEqual([]);
  });
});
