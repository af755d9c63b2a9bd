import { describe, expect, it } from 'vitest';
import { IsrTracker } from './isr-tracker.js';

function setup(over: Partial<ConstructorParameters<typeof IsrTracker>[0]> = {}) {
  let now = 1_000;
  const clock = { advance: (ms: number) => { now += ms; } };
  const tracker = new IsrTracker({
    leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3], leaderLogEndOffset: 10n, highWatermark: 10n,
    leaderEpochStartOffset: 10n, replicaLagTimeMaxMs: 30_000, now: () => now, ...over,
  });
  return { tracker, clock };
}

const allLive = () => true;

describe('IsrTracker', () => {
  it('advances the high watermark to the minimum LEO over the ISR, never back', () => {
    const { tracker } = setup();
    expect(tracker.onLeaderAppend(20n)).toBe(10n);
    expect(tracker.onFollowerFetch(2, 15n)).toBe(10n); // 3 has not fetched yet
    expect(tracker.onFollowerFetch(3, 12n)).toBe(12n);
    expect(tracker.onFollowerFetch(3, 20n)).toBe(15n);
    expect(tracker.onFollowerFetch(2, 20n)).toBe(20n);
    expect(tracker.onFollowerFetch(2, 18n)).toBe(20n); // a follower that truncated does not move HW back
    expect(tracker.highWatermark).toBe(20n);
  });

  it('ignores fetches from non-replicas', () => {
    const { tracker } = setup();
    expect(tracker.onFollowerFetch(9, 100n)).toBe(10n);
    expect(tracker.follower(9)).toBeUndefined();
  });

  it('drops a follower that has not caught up within replica.lag.time.max.ms, with the reason', () => {
    const { tracker, clock } = setup();
    tracker.onLeaderAppend(20n);
    tracker.onFollowerFetch(2, 20n);
    tracker.onFollowerFetch(3, 10n);
    clock.advance(30_000);
    tracker.onFollowerFetch(2, 20n);
    expect(tracker.propose(allLive)).toBeNull(); // exactly at the limit is still in sync
    clock.advance(1);
    const p = tracker.propose(allLive)!;
    expect(p.newIsr).toEqual([1, 2]);
    expect(p.added).toEqual([]);
    expect(p.removed).toEqual([{ id: 3, reason: 'replica 3 not caught up for 30001 ms (replica.lag.time.max.ms 30000)' }]);
  });

  it('keeps a follower that is behind by offsets but keeps reaching the log end of its previous fetch', () => {
    const { tracker, clock } = setup();
    let leo = 10n;
    for (let i = 0; i < 10; i++) {
      const seen = leo;
      leo += 5n;
      tracker.onLeaderAppend(leo); // produce never stops, so the follower is always 5 behind
      tracker.onFollowerFetch(2, seen);
      tracker.onFollowerFetch(3, seen);
      clock.advance(10_000);
    }
    expect(tracker.follower(2)!.logEndOffset).toBeLessThan(tracker.leaderLogEndOffset);
    expect(tracker.propose(allLive)).toBeNull();
  });

  it('a follower at the leader\'s log end is never dropped, however long ago it last fetched', () => {
    const { tracker, clock } = setup();
    tracker.onFollowerFetch(2, 10n);
    tracker.onFollowerFetch(3, 10n);
    clock.advance(120_000);
    expect(tracker.propose(allLive)).toBeNull();
  });

  it('adds back a live follower that reached the HW and the leader epoch start, and counts it for HW only once proposed', () => {
    const { tracker, clock } = setup({ isr: [1, 2], leaderEpochStartOffset: 12n });
    tracker.onLeaderAppend(20n);
    tracker.onFollowerFetch(2, 20n);
    expect(tracker.highWatermark).toBe(20n);
    tracker.onFollowerFetch(3, 11n);
    expect(tracker.propose(allLive)).toBeNull(); // below the leader epoch start offset (and HW)
    tracker.onLeaderAppend(25n);
    clock.advance(10);
    tracker.onFollowerFetch(3, 20n);
    expect(tracker.propose((id) => id !== 3)).toBeNull(); // fenced brokers cannot rejoin
    const p = tracker.propose(allLive)!;
    expect(p).toEqual({ newIsr: [1, 2, 3], removed: [], added: [3] });
    // Maximal ISR: the pending member holds the HW back until it catches up.
    tracker.onFollowerFetch(2, 25n);
    expect(tracker.highWatermark).toBe(20n);
    expect(tracker.commitIsr(p.newIsr)).toBe(20n);
    tracker.onFollowerFetch(3, 25n);
    expect(tracker.highWatermark).toBe(25n);
    expect(tracker.isr).toEqual([1, 2, 3]);
  });

  it('keeps a removed follower in the HW until the controller commits the shrink', () => {
    const { tracker, clock } = setup();
    tracker.onLeaderAppend(20n);
    tracker.onFollowerFetch(2, 20n);
    tracker.onFollowerFetch(3, 12n);
    clock.advance(40_000);
    tracker.onFollowerFetch(2, 20n);
    const p = tracker.propose(allLive)!;
    expect(p.newIsr).toEqual([1, 2]);
    expect(tracker.highWatermark).toBe(12n);
    expect(tracker.commitIsr(p.newIsr)).toBe(20n);
  });

  it('treats ISR followers that never fetch as caught up at start, then drops them after the window', () => {
    const { tracker, clock } = setup();
    clock.advance(30_000);
    expect(tracker.propose(allLive)).toBeNull();
    clock.advance(1);
    expect(tracker.propose(allLive)!.removed.map((r) => r.id)).toEqual([2, 3]);
  });
});

describe('IsrTracker.setReplicas (reassignment)', () => {
  it('tracks added replicas from scratch and forgets removed ones', () => {
    const { tracker } = setup({ replicas: [1, 2], isr: [1, 2] });
    tracker.onFollowerFetch(2, 10n);
    tracker.setReplicas([1, 2, 4]);
    expect(tracker.follower(2)?.logEndOffset).toBe(10n); // kept
    expect(tracker.follower(4)).toMatchObject({ logEndOffset: -1n, lastCaughtUpTimeMs: 0 });
    tracker.onFollowerFetch(4, 10n);
    expect(tracker.propose(allLive)).toMatchObject({ added: [4] });
    tracker.setReplicas([1, 4]);
    expect(tracker.follower(2)).toBeUndefined();
  });
});
