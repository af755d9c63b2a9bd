import { describe, expect, it } from 'vitest';
import { Err } from './errors.js';
import { flush, joinReq, setup, stablePair } from './test-helpers.js';

const D = { initialRebalanceDelayMs: 10 };
const hb = (memberId: string, generationId = 1, groupInstanceId: string | null = null, groupId = 'g') =>
  ({ groupId, generationId, memberId, groupInstanceId });
const syncReq = (memberId: string, generationId = 1, over: Record<string, unknown> = {}) =>
  ({ groupId: 'g', generationId, memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [], ...over });

describe('SyncGroup', () => {
  it("delivers the leader's assignment to every member, followers waiting until it arrives", async () => {
    const { gc, clock } = setup({ initialRebalanceDelayMs: 10 });
    const pa = gc.join(joinReq({ clientId: 'a' }));
    const pb = gc.join(joinReq({ clientId: 'b' }));
    clock.advance(100);
    const [a, b] = await Promise.all([pa, pb]);
    let followerDone = false;
    const sb = gc.sync(syncReq(b.memberId)).then((r) => { followerDone = true; return r; });
    await flush();
    expect(followerDone).toBe(false);
    const sa = gc.sync(syncReq(a.memberId, 1, {
      assignments: [{ memberId: a.memberId, assignment: new Uint8Array([1]) }, { memberId: b.memberId, assignment: new Uint8Array([2]) },
        { memberId: 'stranger', assignment: new Uint8Array([9]) }],
    }));
    expect(await sa).toEqual({ errorCode: Err.NONE, protocolType: 'consumer', protocolName: 'range', assignment: new Uint8Array([1]) });
    expect(await sb).toEqual({ errorCode: Err.NONE, protocolType: 'consumer', protocolName: 'range', assignment: new Uint8Array([2]) });
    expect(gc.groupState('g')).toBe('Stable');
  });

  it('gives a member missing from the assignment an empty one, and answers SyncGroup in Stable at once', async () => {
    const { gc, clock } = setup({ initialRebalanceDelayMs: 10 });
    const pa = gc.join(joinReq({ clientId: 'a' }));
    const pb = gc.join(joinReq({ clientId: 'b' }));
    clock.advance(100);
    const [a, b] = await Promise.all([pa, pb]);
    await gc.sync(syncReq(a.memberId, 1, { assignments: [{ memberId: a.memberId, assignment: new Uint8Array([1]) }] }));
    expect((await gc.sync(syncReq(b.memberId))).assignment).toEqual(new Uint8Array(0));
    expect((await gc.sync(syncReq(a.memberId))).assignment).toEqual(new Uint8Array([1]));
  });

  it('persists the group with its assignment before answering', async () => {
    const { gc, clock, log } = setup(D);
    const { a } = await stablePair(gc, clock);
    const rec = log.records.filter((r) => r.kind === 'group').at(-1);
    expect(rec?.kind === 'group' && rec.value?.members.find((m) => m.memberId === a)?.assignment).toEqual(new Uint8Array([1]));
    expect(rec?.kind === 'group' && rec.value?.generationId).toBe(1);
  });

  it('answers every error path', async () => {
    const { gc, clock } = setup(D);
    expect((await gc.sync({ ...syncReq('x'), groupId: '' })).errorCode).toBe(Err.INVALID_GROUP_ID);
    expect((await gc.sync(syncReq('x'))).errorCode).toBe(Err.UNKNOWN_MEMBER_ID); // no group
    const { a, b } = await stablePair(gc, clock);
    expect((await gc.sync(syncReq('x'))).errorCode).toBe(Err.UNKNOWN_MEMBER_ID);
    expect((await gc.sync(syncReq(a, 7))).errorCode).toBe(Err.ILLEGAL_GENERATION);
    expect((await gc.sync(syncReq(a, 1, { protocolType: 'connect' }))).errorCode).toBe(Err.INCONSISTENT_GROUP_PROTOCOL);
    expect((await gc.sync(syncReq(a, 1, { protocolName: 'roundrobin' }))).errorCode).toBe(Err.INCONSISTENT_GROUP_PROTOCOL);
    expect((await gc.sync(syncReq(a, 1, { protocolType: 'consumer', protocolName: 'range' }))).errorCode).toBe(Err.NONE);
    void gc.join(joinReq({ memberId: a })); // leader rejoins: PreparingRebalance
    expect((await gc.sync(syncReq(b))).errorCode).toBe(Err.REBALANCE_IN_PROGRESS);
  });

  it('a failed write of the assignment fails the sync with COORDINATOR_NOT_AVAILABLE and rebalances', async () => {
    const { gc, clock, log } = setup({ initialRebalanceDelayMs: 10 });
    const pa = gc.join(joinReq({ clientId: 'a' }));
    clock.advance(100);
    const a = await pa;
    log.failWith = new Error('disk full');
    const r = await gc.sync(syncReq(a.memberId, 1, { assignments: [{ memberId: a.memberId, assignment: new Uint8Array([1]) }] }));
    expect(r.errorCode).toBe(Err.COORDINATOR_NOT_AVAILABLE);
    expect(gc.groupState('g')).toBe('PreparingRebalance');
  });

  it('a rebalance while members wait in SyncGroup answers them REBALANCE_IN_PROGRESS', async () => {
    const { gc, clock } = setup({ initialRebalanceDelayMs: 10 });
    const pa = gc.join(joinReq({ clientId: 'a' }));
    const pb = gc.join(joinReq({ clientId: 'b' }));
    clock.advance(100);
    const [, b] = await Promise.all([pa, pb]);
    const sb = gc.sync(syncReq(b.memberId));
    void gc.join(joinReq({ clientId: 'c' })); // a newcomer during CompletingRebalance
    expect((await sb).errorCode).toBe(Err.REBALANCE_IN_PROGRESS);
  });

  it('members that never send SyncGroup are removed after the rebalance timeout', async () => {
    const { gc, clock } = setup({ initialRebalanceDelayMs: 10 });
    const pa = gc.join(joinReq({ clientId: 'a', rebalanceTimeoutMs: 20_000, sessionTimeoutMs: 60_000 }));
    const pb = gc.join(joinReq({ clientId: 'b', rebalanceTimeoutMs: 20_000, sessionTimeoutMs: 60_000 }));
    clock.advance(100);
    const [a, b] = await Promise.all([pa, pb]);
    const sb = gc.sync(syncReq(b.memberId));
    clock.advance(20_000); // the leader a never syncs, so b never gets an assignment
    expect((await sb).errorCode).toBe(Err.REBALANCE_IN_PROGRESS);
    expect(gc.groupState('g')).toBe('PreparingRebalance');
    expect(gc.heartbeat(hb(a.memberId))).toBe(Err.UNKNOWN_MEMBER_ID);
    const rb = await gc.join(joinReq({ memberId: b.memberId }));
    expect(rb).toMatchObject({ errorCode: Err.NONE, generationId: 2, leader: b.memberId });
  });
});

describe('Heartbeat', () => {
  it('keeps a member alive past its session timeout and answers NONE while stable', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock);
    for (let i = 0; i < 5; i++) {
      clock.advance(8000);
      expect(gc.heartbeat(hb(a))).toBe(Err.NONE);
      expect(gc.heartbeat(hb(b))).toBe(Err.NONE);
    }
    expect(gc.groupState('g')).toBe('Stable');
  });

  it('a member that stops heartbeating is removed after session.timeout.ms and the others rebalance', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock);
    clock.advance(6000);
    expect(gc.heartbeat(hb(a))).toBe(Err.NONE);
    clock.advance(4000); // b's 10 s session is over
    expect(gc.heartbeat(hb(b))).toBe(Err.UNKNOWN_MEMBER_ID);
    expect(gc.heartbeat(hb(a))).toBe(Err.REBALANCE_IN_PROGRESS);
    const r = await gc.join(joinReq({ memberId: a }));
    expect(r).toMatchObject({ errorCode: Err.NONE, generationId: 2, leader: a });
  });

  it('answers every error path', async () => {
    const { gc, clock } = setup(D);
    expect(gc.heartbeat(hb('x', 1, null, ''))).toBe(Err.INVALID_GROUP_ID);
    expect(gc.heartbeat(hb('x'))).toBe(Err.UNKNOWN_MEMBER_ID);
    const { a } = await stablePair(gc, clock, ['ia', 'ib']);
    expect(gc.heartbeat(hb('x'))).toBe(Err.UNKNOWN_MEMBER_ID);
    expect(gc.heartbeat(hb(a, 0, 'ia'))).toBe(Err.ILLEGAL_GENERATION);
    expect(gc.heartbeat(hb('impostor', 1, 'ia'))).toBe(Err.FENCED_INSTANCE_ID);
    expect(gc.heartbeat(hb(a, 1, 'ia'))).toBe(Err.NONE);
    gc.beginLoading();
    expect(gc.heartbeat(hb(a, 1, 'ia'))).toBe(Err.COORDINATOR_LOAD_IN_PROGRESS);
  });

  it('is accepted between JoinGroup and SyncGroup', async () => {
    const { gc } = setup();
    const a = await gc.join(joinReq());
    expect(gc.groupState('g')).toBe('CompletingRebalance');
    expect(gc.heartbeat(hb(a.memberId))).toBe(Err.NONE);
  });
});

describe('LeaveGroup', () => {
  it('a leaving member makes the others rebalance; the last one leaving empties the group', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock);
    expect(gc.leave('g', [{ memberId: b, groupInstanceId: null }])).toEqual({
      errorCode: Err.NONE, members: [{ memberId: b, groupInstanceId: null, errorCode: Err.NONE }],
    });
    expect(gc.heartbeat(hb(a))).toBe(Err.REBALANCE_IN_PROGRESS);
    const r = await gc.join(joinReq({ memberId: a }));
    expect(r).toMatchObject({ generationId: 2, members: [{ memberId: a }] });
    gc.leave('g', [{ memberId: a, groupInstanceId: null }]);
    expect(gc.groupState('g')).toBe('Empty');
  });

  it('removes a batch of members, by member id or by group instance id alone (v3+)', async () => {
    const { gc, clock } = setup(D);
    const { b } = await stablePair(gc, clock, ['ia', 'ib']);
    const r = gc.leave('g', [
      { memberId: '', groupInstanceId: 'ia' },
      { memberId: b, groupInstanceId: 'ib' },
      { memberId: '', groupInstanceId: 'nobody' },
      { memberId: 'ghost', groupInstanceId: null },
    ]);
    expect(r.members.map((m) => m.errorCode)).toEqual([Err.NONE, Err.NONE, Err.UNKNOWN_MEMBER_ID, Err.UNKNOWN_MEMBER_ID]);
    expect(gc.describeGroups(['g'])[0].members).toEqual([]);
  });

  it('answers FENCED_INSTANCE_ID, UNKNOWN_MEMBER_ID for a missing group, and INVALID_GROUP_ID', async () => {
    const { gc, clock } = setup(D);
    expect(gc.leave('', [{ memberId: 'x', groupInstanceId: null }]).errorCode).toBe(Err.INVALID_GROUP_ID);
    expect(gc.leave('g', [{ memberId: 'x', groupInstanceId: null }])).toEqual({
      errorCode: Err.NONE, members: [{ memberId: 'x', groupInstanceId: null, errorCode: Err.UNKNOWN_MEMBER_ID }],
    });
    await stablePair(gc, clock, ['ia', 'ib']);
    expect(gc.leave('g', [{ memberId: 'old-id', groupInstanceId: 'ia' }]).members[0].errorCode).toBe(Err.FENCED_INSTANCE_ID);
  });

  it('a pending member (MEMBER_ID_REQUIRED) may leave, which lets a waiting join complete', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock);
    const pending = await gc.join(joinReq({ clientId: 'n', requireKnownMemberId: true }));
    expect(pending.errorCode).toBe(Err.MEMBER_ID_REQUIRED);
    const pa = gc.join(joinReq({ memberId: a }));
    const pb = gc.join(joinReq({ memberId: b }));
    let done = false;
    void pa.then(() => { done = true; });
    await flush();
    expect(done).toBe(false); // waiting for the pending member too
    expect(gc.leave('g', [{ memberId: pending.memberId, groupInstanceId: null }]).members[0].errorCode).toBe(Err.NONE);
    expect((await pa).generationId).toBe(2);
    expect((await pb).generationId).toBe(2);
  });

  it('a member leaving while it waits in JoinGroup gets UNKNOWN_MEMBER_ID there', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock);
    const pa = gc.join(joinReq({ memberId: a }));
    gc.leave('g', [{ memberId: a, groupInstanceId: null }]);
    expect((await pa).errorCode).toBe(Err.UNKNOWN_MEMBER_ID);
    const rb = await gc.join(joinReq({ memberId: b }));
    expect(rb).toMatchObject({ errorCode: Err.NONE, leader: b });
  });
});
