import { describe, expect, it } from 'vitest';
import { Err } from './errors.js';
import { commitReq, flush, joinReq, setup, stablePair } from './test-helpers.js';

const D = { initialRebalanceDelayMs: 10 };
const codes = (r: { partitions: { errorCode: number }[] }[]) => r.flatMap((t) => t.partitions.map((p) => p.errorCode));

describe('OffsetCommit', () => {
  it('a simple consumer (generation -1, no member) commits to a group that does not exist yet', async () => {
    const { gc } = setup();
    expect(codes(await gc.commitOffsets(commitReq({ offsets: [['t', 0, 5n], ['t', 1, 7n]] })))).toEqual([Err.NONE, Err.NONE]);
    expect(gc.groupState('g')).toBe('Empty');
    expect(gc.fetchOffsets('g', [{ name: 't', partitionIndexes: [0, 1, 2] }]).topics[0].partitions).toEqual([
      { partitionIndex: 0, committedOffset: 5n, committedLeaderEpoch: -1, metadata: '', errorCode: Err.NONE },
      { partitionIndex: 1, committedOffset: 7n, committedLeaderEpoch: -1, metadata: '', errorCode: Err.NONE },
      { partitionIndex: 2, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: Err.NONE },
    ]);
  });

  it('round-trips metadata and leader epoch, and offsets beyond 2^53', async () => {
    const { gc } = setup();
    const req = commitReq({ offsets: [['t', 0, 2n ** 60n]] });
    req.topics[0].partitions[0].committedMetadata = 'ü meta';
    req.topics[0].partitions[0].committedLeaderEpoch = 4;
    await gc.commitOffsets(req);
    expect(gc.fetchOffsets('g', null).topics[0].partitions[0]).toMatchObject({ committedOffset: 2n ** 60n, metadata: 'ü meta', committedLeaderEpoch: 4 });
  });

  it('members of a stable group commit with their generation', async () => {
    const { gc, clock } = setup(D);
    const { a } = await stablePair(gc, clock);
    expect(codes(await gc.commitOffsets(commitReq({ generationId: 1, memberId: a })))).toEqual([Err.NONE]);
    expect(gc.fetchOffsets('g', [{ name: 't', partitionIndexes: [0] }]).topics[0].partitions[0].committedOffset).toBe(10n);
  });

  it('answers every error path', async () => {
    const { gc, clock } = setup(D, (t, p) => t !== 'nope' && p < 3);
    expect(codes(await gc.commitOffsets(commitReq({ generationId: 3, memberId: 'x' })))).toEqual([Err.ILLEGAL_GENERATION]);
    const { a } = await stablePair(gc, clock, ['ia', 'ib']);
    expect(codes(await gc.commitOffsets(commitReq()))).toEqual([Err.UNKNOWN_MEMBER_ID]); // simple commit, live group
    expect(codes(await gc.commitOffsets(commitReq({ generationId: 1, memberId: 'x' })))).toEqual([Err.UNKNOWN_MEMBER_ID]);
    expect(codes(await gc.commitOffsets(commitReq({ generationId: 2, memberId: a })))).toEqual([Err.ILLEGAL_GENERATION]);
    expect(codes(await gc.commitOffsets(commitReq({ generationId: 1, memberId: 'old', groupInstanceId: 'ia' })))).toEqual([Err.FENCED_INSTANCE_ID]);
    expect(codes(await gc.commitOffsets(commitReq({ generationId: 1, memberId: a, offsets: [['nope', 0, 1n], ['t', 5, 1n], ['t', 0, 1n]] }))))
      .toEqual([Err.UNKNOWN_TOPIC_OR_PARTITION, Err.UNKNOWN_TOPIC_OR_PARTITION, Err.NONE]);
    const big = commitReq({ generationId: 1, memberId: a });
    big.topics[0].partitions[0].committedMetadata = 'x'.repeat(4097);
    expect(codes(await gc.commitOffsets(big))).toEqual([Err.OFFSET_METADATA_TOO_LARGE]);
    gc.beginLoading();
    expect(codes(await gc.commitOffsets(commitReq({ offsets: [['t', 0, 1n], ['nope', 0, 1n]] }))))
      .toEqual([Err.COORDINATOR_LOAD_IN_PROGRESS, Err.UNKNOWN_TOPIC_OR_PARTITION]);
  });

  it('answers REBALANCE_IN_PROGRESS during CompletingRebalance but accepts commits while preparing', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock);
    void gc.join(joinReq({ memberId: a })); // PreparingRebalance
    expect(codes(await gc.commitOffsets(commitReq({ generationId: 1, memberId: b })))).toEqual([Err.NONE]);
    void gc.join(joinReq({ memberId: b }));
    expect(gc.groupState('g')).toBe('CompletingRebalance');
    expect(codes(await gc.commitOffsets(commitReq({ generationId: 2, memberId: b })))).toEqual([Err.REBALANCE_IN_PROGRESS]);
  });

  it('a failed log write answers COORDINATOR_NOT_AVAILABLE and the offset is not visible', async () => {
    const { gc, log } = setup();
    log.failWith = new Error('disk full');
    expect(codes(await gc.commitOffsets(commitReq()))).toEqual([Err.COORDINATOR_NOT_AVAILABLE]);
    expect(gc.fetchOffsets('g', null).topics).toEqual([]);
  });

  it('commits in flight are invisible, and require_stable fetches answer UNSTABLE_OFFSET_COMMIT for them', async () => {
    const { gc, log } = setup();
    await gc.commitOffsets(commitReq({ offsets: [['t', 0, 1n]] }));
    log.hold = true;
    const pending = gc.commitOffsets(commitReq({ offsets: [['t', 0, 2n]] }));
    await flush();
    const tp = [{ name: 't', partitionIndexes: [0] }];
    expect(gc.fetchOffsets('g', tp).topics[0].partitions[0].committedOffset).toBe(1n);
    expect(gc.fetchOffsets('g', tp, true).topics[0].partitions[0]).toMatchObject({ committedOffset: -1n, errorCode: Err.UNSTABLE_OFFSET_COMMIT });
    log.release();
    expect(codes(await pending)).toEqual([Err.NONE]);
    expect(gc.fetchOffsets('g', tp, true).topics[0].partitions[0]).toMatchObject({ committedOffset: 2n, errorCode: Err.NONE });
  });
});

describe('OffsetFetch', () => {
  it('an unknown group has no offsets: -1 per asked partition, nothing for "all"', () => {
    const { gc } = setup();
    expect(gc.fetchOffsets('nobody', [{ name: 't', partitionIndexes: [3] }])).toEqual({
      errorCode: Err.NONE, topics: [{ name: 't', partitions: [{ partitionIndex: 3, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: Err.NONE }] }],
    });
    expect(gc.fetchOffsets('nobody', null)).toEqual({ errorCode: Err.NONE, topics: [] });
  });

  it('null topics returns every committed partition, sorted', async () => {
    const { gc } = setup();
    await gc.commitOffsets(commitReq({ offsets: [['b', 1, 1n], ['a', 2, 2n], ['b', 0, 3n]] }));
    expect(gc.fetchOffsets('g', null).topics.map((t) => [t.name, t.partitions.map((p) => p.partitionIndex)])).toEqual([['a', [2]], ['b', [0, 1]]]);
  });

  it('answers COORDINATOR_LOAD_IN_PROGRESS while loading', () => {
    const { gc } = setup();
    gc.beginLoading();
    expect(gc.fetchOffsets('g', null).errorCode).toBe(Err.COORDINATOR_LOAD_IN_PROGRESS);
  });
});

describe('OffsetDelete', () => {
  it('deletes offsets of an Empty group, writing tombstones; the group dies with its last offset', async () => {
    const { gc, log } = setup();
    await gc.commitOffsets(commitReq({ offsets: [['t', 0, 1n], ['u', 0, 1n]] }));
    const r = await gc.deleteOffsets('g', [{ name: 't', partitions: [0, 1] }]);
    expect(r).toEqual({ errorCode: Err.NONE, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: Err.NONE }, { partitionIndex: 1, errorCode: Err.NONE }] }] });
    expect(log.records.at(-1)).toEqual({ kind: 'offset', groupId: 'g', topic: 't', partition: 0, value: null });
    expect(gc.groupState('g')).toBe('Empty');
    await gc.deleteOffsets('g', [{ name: 'u', partitions: [0] }]);
    expect(gc.groupState('g')).toBe('Dead');
    expect(log.records.at(-1)).toEqual({ kind: 'group', groupId: 'g', value: null });
  });

  it('refuses topics a live consumer group is subscribed to, deleting the others', async () => {
    const { gc, clock } = setup(D);
    const { a } = await stablePair(gc, clock); // subscribed to 't'
    await gc.commitOffsets(commitReq({ generationId: 1, memberId: a, offsets: [['t', 0, 1n], ['old', 0, 1n]] }));
    const r = await gc.deleteOffsets('g', [{ name: 't', partitions: [0] }, { name: 'old', partitions: [0] }]);
    expect(r.topics.map((t) => t.partitions[0].errorCode)).toEqual([Err.GROUP_SUBSCRIBED_TO_TOPIC, Err.NONE]);
    expect(gc.fetchOffsets('g', null).topics.map((t) => t.name)).toEqual(['t']);
  });

  it('answers GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, UNKNOWN_TOPIC_OR_PARTITION and INVALID_GROUP_ID', async () => {
    const { gc, clock } = setup(D, (t) => t !== 'nope');
    expect((await gc.deleteOffsets('nobody', [])).errorCode).toBe(Err.GROUP_ID_NOT_FOUND);
    expect((await gc.deleteOffsets('', [])).errorCode).toBe(Err.INVALID_GROUP_ID);
    const pa = gc.join(joinReq({ groupId: 'conn', protocolType: 'connect' }));
    clock.advance(100);
    await pa;
    expect((await gc.deleteOffsets('conn', [{ name: 't', partitions: [0] }])).errorCode).toBe(Err.NON_EMPTY_GROUP);
    await gc.commitOffsets(commitReq());
    const r = await gc.deleteOffsets('g', [{ name: 'nope', partitions: [0] }]);
    expect(r.topics[0].partitions[0].errorCode).toBe(Err.UNKNOWN_TOPIC_OR_PARTITION);
  });
});

describe('offset retention (offsets.retention.minutes)', () => {
  const retention = { offsetsRetentionMs: 60_000, offsetsRetentionCheckIntervalMs: 10_000 };

  it("a simple consumer's offsets expire retention after their commit, then the group goes", async () => {
    const { gc, clock, log } = setup(retention);
    await gc.commitOffsets(commitReq({ offsets: [['t', 0, 1n]] }));
    clock.advance(30_000);
    await gc.commitOffsets(commitReq({ offsets: [['t', 1, 1n]] }));
    clock.advance(30_000);
    expect(await gc.expireOffsets()).toBe(1);
    expect(gc.fetchOffsets('g', null).topics[0].partitions.map((p) => p.partitionIndex)).toEqual([1]);
    expect(log.records.at(-1)).toEqual({ kind: 'offset', groupId: 'g', topic: 't', partition: 0, value: null });
    clock.advance(30_000);
    expect(await gc.expireOffsets()).toBe(1);
    expect(gc.groupState('g')).toBe('Dead');
  });

  it('an Empty consumer group keeps its offsets for the retention counted from when it became Empty (KIP-211)', async () => {
    const { gc, clock } = setup({ ...retention, ...D });
    const { a, b } = await stablePair(gc, clock);
    await gc.commitOffsets(commitReq({ generationId: 1, memberId: a }));
    for (let i = 0; i < 15; i++) {
      clock.advance(8000);
      for (const m of [a, b]) gc.heartbeat({ groupId: 'g', generationId: 1, memberId: m, groupInstanceId: null });
    }
    expect(await gc.expireOffsets()).toBe(0); // stable and subscribed to 't': kept however old
    gc.leave('g', [{ memberId: a, groupInstanceId: null }, { memberId: b, groupInstanceId: null }]);
    expect(gc.groupState('g')).toBe('Empty');
    clock.advance(59_000);
    expect(await gc.expireOffsets()).toBe(0);
    clock.advance(1000);
    expect(await gc.expireOffsets()).toBe(1);
    expect(gc.groupState('g')).toBe('Dead');
  });

  it("a stable consumer group's offsets of topics it no longer reads expire after their commit", async () => {
    const { gc, clock } = setup({ ...retention, ...D });
    const { a, b } = await stablePair(gc, clock);
    await gc.commitOffsets(commitReq({ generationId: 1, memberId: a, offsets: [['t', 0, 1n], ['gone', 0, 1n]] }));
    clock.advance(9000);
    for (const m of [a, b]) gc.heartbeat({ groupId: 'g', generationId: 1, memberId: m, groupInstanceId: null });
    clock.advance(9000);
    for (const m of [a, b]) gc.heartbeat({ groupId: 'g', generationId: 1, memberId: m, groupInstanceId: null });
    expect(await gc.expireOffsets()).toBe(0);
    for (let i = 0; i < 5; i++) {
      clock.advance(9000);
      for (const m of [a, b]) gc.heartbeat({ groupId: 'g', generationId: 1, memberId: m, groupInstanceId: null });
    }
    expect(await gc.expireOffsets()).toBe(1);
    expect(gc.fetchOffsets('g', null).topics.map((t) => t.name)).toEqual(['t']);
  });

  it('OffsetCommit v2-4 retention_time sets a per-offset expiry', async () => {
    const { gc, clock } = setup(retention);
    await gc.commitOffsets(commitReq({ retentionTimeMs: 5000n }));
    clock.advance(4999);
    expect(await gc.expireOffsets()).toBe(0);
    clock.advance(1);
    expect(await gc.expireOffsets()).toBe(1);
  });

  it('start() runs the check every offsets.retention.check.interval.ms', async () => {
    const { gc, clock } = setup(retention);
    gc.start();
    await gc.commitOffsets(commitReq());
    clock.advance(60_000);
    await flush();
    expect(gc.fetchOffsets('g', null).topics).toEqual([]);
    gc.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
