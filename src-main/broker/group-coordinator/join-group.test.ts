import { describe, expect, it } from 'vitest';
import { Err } from './errors.js';
import { flush, joinReq, setup, subscription } from './test-helpers.js';

const meta = subscription(['t']);

describe('JoinGroup: validation', () => {
  it('rejects an empty group id with INVALID_GROUP_ID', async () => {
    const { gc } = setup();
    expect((await gc.join(joinReq({ groupId: '' }))).errorCode).toBe(Err.INVALID_GROUP_ID);
  });

  it('rejects session timeouts outside group.min/max.session.timeout.ms', async () => {
    const { gc } = setup({ minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 60_000 });
    expect((await gc.join(joinReq({ sessionTimeoutMs: 5999 }))).errorCode).toBe(Err.INVALID_SESSION_TIMEOUT);
    expect((await gc.join(joinReq({ sessionTimeoutMs: 60_001 }))).errorCode).toBe(Err.INVALID_SESSION_TIMEOUT);
    expect((await gc.join(joinReq({ sessionTimeoutMs: 6000 }))).errorCode).toBe(Err.NONE);
  });

  it('answers UNKNOWN_MEMBER_ID to a member id for a group that does not exist', async () => {
    const { gc } = setup();
    expect((await gc.join(joinReq({ memberId: 'ghost' }))).errorCode).toBe(Err.UNKNOWN_MEMBER_ID);
    expect(gc.groupState('g')).toBe('Dead');
  });

  it('answers COORDINATOR_LOAD_IN_PROGRESS while loading', async () => {
    const { gc } = setup();
    gc.beginLoading();
    expect((await gc.join(joinReq())).errorCode).toBe(Err.COORDINATOR_LOAD_IN_PROGRESS);
    gc.load([]);
    expect((await gc.join(joinReq())).errorCode).toBe(Err.NONE);
  });

  it('answers INCONSISTENT_GROUP_PROTOCOL for no protocols, another protocol type, or no common protocol', async () => {
    const { gc } = setup();
    expect((await gc.join(joinReq({ protocols: [] }))).errorCode).toBe(Err.INCONSISTENT_GROUP_PROTOCOL);
    expect((await gc.join(joinReq({ protocolType: '' }))).errorCode).toBe(Err.INCONSISTENT_GROUP_PROTOCOL);
    expect((await gc.join(joinReq())).errorCode).toBe(Err.NONE);
    expect((await gc.join(joinReq({ protocolType: 'connect' }))).errorCode).toBe(Err.INCONSISTENT_GROUP_PROTOCOL);
    expect((await gc.join(joinReq({ protocols: [{ name: 'sticky', metadata: meta }] }))).errorCode)
      .toBe(Err.INCONSISTENT_GROUP_PROTOCOL);
  });

  it('enforces group.max.size with GROUP_MAX_SIZE_REACHED', async () => {
    const { gc } = setup({ maxGroupSize: 1 });
    const a = await gc.join(joinReq({ clientId: 'a' }));
    expect(a.errorCode).toBe(Err.NONE);
    expect((await gc.join(joinReq({ clientId: 'b' }))).errorCode).toBe(Err.GROUP_MAX_SIZE_REACHED);
  });
});

describe('JoinGroup: new members', () => {
  it('v4+: MEMBER_ID_REQUIRED hands out an id, and the rejoin with it completes the join', async () => {
    const { gc } = setup();
    const first = await gc.join(joinReq({ requireKnownMemberId: true }));
    expect(first.errorCode).toBe(Err.MEMBER_ID_REQUIRED);
    expect(first.memberId).toBe('c-m1');
    const second = await gc.join(joinReq({ requireKnownMemberId: true, memberId: first.memberId }));
    expect(second).toMatchObject({
      errorCode: Err.NONE, memberId: 'c-m1', leader: 'c-m1', generationId: 1, protocolType: 'consumer', protocolName: 'range',
    });
    expect(second.members).toEqual([{ memberId: 'c-m1', groupInstanceId: null, metadata: meta }]);
    expect(gc.groupState('g')).toBe('CompletingRebalance');
  });

  it('a pending member id that never comes back expires after the session timeout', async () => {
    const { gc, clock } = setup();
    const first = await gc.join(joinReq({ requireKnownMemberId: true }));
    clock.advance(10_000);
    const again = await gc.join(joinReq({ requireKnownMemberId: true, memberId: first.memberId }));
    expect(again.errorCode).toBe(Err.UNKNOWN_MEMBER_ID);
  });

  it('before v4 a new member joins directly, and the first member is the leader', async () => {
    const { gc } = setup();
    const r = await gc.join(joinReq());
    expect(r).toMatchObject({ errorCode: Err.NONE, memberId: 'c-m1', leader: 'c-m1', generationId: 1 });
  });

  it('waits group.initial.rebalance.delay.ms for an empty group, extending it while members keep arriving', async () => {
    const { gc, clock } = setup({ initialRebalanceDelayMs: 3000 });
    let doneA = false;
    const pa = gc.join(joinReq({ clientId: 'a' })).then((r) => { doneA = true; return r; });
    clock.advance(2000);
    const pb = gc.join(joinReq({ clientId: 'b' }));
    clock.advance(1000); // first delay over, but b arrived meanwhile: wait another delay
    await flush();
    expect(doneA).toBe(false);
    clock.advance(3000);
    const [a, b] = await Promise.all([pa, pb]);
    expect(a.generationId).toBe(1);
    expect(b.generationId).toBe(1);
    expect(a.leader).toBe('a-m1');
    expect(a.members.map((m) => m.memberId)).toEqual(['a-m1', 'b-m2']);
    expect(b.members).toEqual([]);
  });

  it('the initial delay never runs past the rebalance timeout', async () => {
    const { gc, clock } = setup({ initialRebalanceDelayMs: 3000 });
    const pa = gc.join(joinReq({ clientId: 'a', rebalanceTimeoutMs: 4000 }));
    const pb = gc.join(joinReq({ clientId: 'b', rebalanceTimeoutMs: 4000 }));
    // remaining = 4000 - 3000 = 1000: one extension of min(3000, 1000) ms, then complete
    clock.advance(3999);
    await flush();
    let settled = false;
    void pa.then(() => { settled = true; });
    await flush();
    expect(settled).toBe(false);
    clock.advance(1);
    expect((await pa).generationId).toBe(1);
    expect((await pb).generationId).toBe(1);
  });
});

describe('JoinGroup: protocol selection', () => {
  async function select(prefs: string[][]): Promise<string | null> {
    const { gc, clock } = setup({ initialRebalanceDelayMs: 10 });
    const ps = prefs.map((names, i) =>
      gc.join(joinReq({ clientId: `c${i}`, protocols: names.map((name) => ({ name, metadata: meta })) })));
    clock.advance(100);
    const rs = await Promise.all(ps);
    for (const r of rs) expect(r.errorCode).toBe(Err.NONE);
    return rs[0].protocolName;
  }

  it('picks the protocol with the most first-choice votes', async () => {
    expect(await select([['range', 'roundrobin'], ['range', 'roundrobin'], ['roundrobin', 'range']])).toBe('range');
    expect(await select([['range', 'roundrobin'], ['roundrobin', 'range'], ['roundrobin', 'range']])).toBe('roundrobin');
  });

  it('only counts protocols every member supports', async () => {
    // "range" is everyone's... except the third member, which only speaks roundrobin.
    expect(await select([['range', 'roundrobin'], ['range', 'roundrobin'], ['roundrobin']])).toBe('roundrobin');
  });
});

describe('JoinGroup: rebalances of a running group', () => {
  async function stablePair() {
    const ctx = setup({ initialRebalanceDelayMs: 10 });
    const pa = ctx.gc.join(joinReq({ clientId: 'a' }));
    const pb = ctx.gc.join(joinReq({ clientId: 'b' }));
    ctx.clock.advance(100);
    const [a, b] = await Promise.all([pa, pb]);
    const sa = ctx.gc.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, protocolType: null, protocolName: null,
      assignments: [{ memberId: a.memberId, assignment: new Uint8Array([1]) }, { memberId: b.memberId, assignment: new Uint8Array([2]) }] });
    const sb = ctx.gc.sync({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] });
    await Promise.all([sa, sb]);
    expect(ctx.gc.groupState('g')).toBe('Stable');
    return { ...ctx, a: a.memberId, b: b.memberId };
  }

  it('a follower rejoining a stable group unchanged just gets the current generation', async () => {
    const { gc, b } = await stablePair();
    const r = await gc.join(joinReq({ memberId: b }));
    expect(r).toMatchObject({ errorCode: Err.NONE, generationId: 1, leader: 'a-m1', members: [] });
    expect(gc.groupState('g')).toBe('Stable');
  });

  it('the leader rejoining starts a rebalance; members that do not rejoin in time are removed', async () => {
    const { gc, clock, a, b } = await stablePair();
    const pa = gc.join(joinReq({ memberId: a }));
    expect(gc.groupState('g')).toBe('PreparingRebalance');
    expect(gc.heartbeat({ groupId: 'g', generationId: 1, memberId: b, groupInstanceId: null })).toBe(Err.REBALANCE_IN_PROGRESS);
    clock.advance(30_000); // rebalance timeout; b never rejoined
    const r = await pa;
    expect(r).toMatchObject({ errorCode: Err.NONE, generationId: 2, leader: a });
    expect(r.members.map((m) => m.memberId)).toEqual([a]);
    expect(gc.heartbeat({ groupId: 'g', generationId: 2, memberId: b, groupInstanceId: null })).toBe(Err.UNKNOWN_MEMBER_ID);
  });

  it('a changed subscription from a follower starts a rebalance that completes when everyone rejoined', async () => {
    const { gc, a, b } = await stablePair();
    const pb = gc.join(joinReq({ memberId: b, protocols: [{ name: 'range', metadata: subscription(['t', 'u']) }] }));
    expect(gc.groupState('g')).toBe('PreparingRebalance');
    const ra = await gc.join(joinReq({ memberId: a }));
    const rb = await pb;
    expect(ra.generationId).toBe(2);
    expect(rb.generationId).toBe(2);
    expect(ra.members.find((m) => m.memberId === b)?.metadata).toEqual(subscription(['t', 'u']));
  });

  it('elects a new leader when the old one does not rejoin', async () => {
    const { gc, clock, a, b } = await stablePair();
    const pb = gc.join(joinReq({ memberId: b, protocols: [{ name: 'range', metadata: subscription(['x']) }] }));
    clock.advance(30_000);
    const rb = await pb;
    expect(rb.leader).toBe(b);
    expect(rb.members.map((m) => m.memberId)).toEqual([b]);
    expect(gc.heartbeat({ groupId: 'g', generationId: 2, memberId: a, groupInstanceId: null })).toBe(Err.UNKNOWN_MEMBER_ID);
  });

  it('repeats the join answer to a member asking again during CompletingRebalance', async () => {
    const { gc, clock } = setup({ initialRebalanceDelayMs: 10 });
    const pa = gc.join(joinReq({ clientId: 'a' }));
    clock.advance(100);
    const a = await pa;
    const again = await gc.join(joinReq({ memberId: a.memberId }));
    expect(again).toEqual(a);
  });

  it('a second JoinGroup from a waiting member answers the first with REBALANCE_IN_PROGRESS', async () => {
    const { gc, clock, a } = await stablePair();
    const p1 = gc.join(joinReq({ memberId: a }));
    const p2 = gc.join(joinReq({ memberId: a }));
    expect((await p1).errorCode).toBe(Err.REBALANCE_IN_PROGRESS);
    clock.advance(30_000);
    expect((await p2).errorCode).toBe(Err.NONE);
  });

  it('a member of an Empty group is unknown', async () => {
    const { gc, a, b } = await stablePair();
    gc.leave('g', [{ memberId: a, groupInstanceId: null }, { memberId: b, groupInstanceId: null }]);
    expect(gc.groupState('g')).toBe('Empty');
    expect((await gc.join(joinReq({ memberId: a }))).errorCode).toBe(Err.UNKNOWN_MEMBER_ID);
  });
});
