import { describe, expect, it } from 'vitest';
import { truncationOffset } from './truncation.js';
import { divergingEpoch, endOffsetFor } from './epoch-end-offset.js';

describe('truncationOffset (follower side of a diverging epoch)', () => {
  const local = [{ epoch: 0, startOffset: 0n }, { epoch: 2, startOffset: 10n }, { epoch: 3, startOffset: 15n }];
  it('same epoch known: the smaller end offset, complete', () => {
    expect(truncationOffset(local, 20n, { epoch: 2, endOffset: 12n })).toEqual({ offset: 12n, complete: true });
    expect(truncationOffset(local, 20n, { epoch: 2, endOffset: 18n })).toEqual({ offset: 15n, complete: true }); // own epoch 2 ends at 15
  });
  it('only an older epoch known: its own end offset, not complete', () => {
    expect(truncationOffset(local, 20n, { epoch: 1, endOffset: 7n })).toEqual({ offset: 10n, complete: false });
  });
  it('no epoch at or below: the leader end offset bounded by the log end', () => {
    expect(truncationOffset([{ epoch: 5, startOffset: 3n }], 9n, { epoch: 4, endOffset: 2n })).toEqual({ offset: 2n, complete: true });
    expect(truncationOffset([], 9n, { epoch: 4, endOffset: 20n })).toEqual({ offset: 9n, complete: true });
  });
});

describe('divergingEpoch (leader side of a follower fetch)', () => {
  const leader = [{ epoch: 0, startOffset: 0n }, { epoch: 1, startOffset: 10n }, { epoch: 4, startOffset: 12n }];
  it('no last fetched epoch: no check', () => {
    expect(divergingEpoch(leader, -1, 50n, 20n)).toBeNull();
  });
  it('the follower fetches within its epoch: no divergence', () => {
    expect(divergingEpoch(leader, 1, 12n, 20n)).toBeNull();
    expect(divergingEpoch(leader, 4, 20n, 20n)).toBeNull();
  });
  it('the follower has more of an epoch than the leader: diverging at the leader end of that epoch', () => {
    expect(divergingEpoch(leader, 1, 14n, 20n)).toEqual({ epoch: 1, endOffset: 12n });
  });
  it('an epoch the leader never had: the largest older one', () => {
    expect(divergingEpoch(leader, 3, 14n, 20n)).toEqual({ epoch: 1, endOffset: 12n });
  });
  it('an epoch newer than the leader knows: unknown (OFFSET_OUT_OF_RANGE)', () => {
    expect(divergingEpoch(leader, 7, 14n, 20n)).toBe('unknown');
  });
  it('endOffsetFor answers a too-old epoch with the first start offset', () => {
    expect(endOffsetFor([{ epoch: 3, startOffset: 5n }, { epoch: 4, startOffset: 9n }], 1, 10n)).toEqual({ epoch: 1, endOffset: 5n });
  });
});
