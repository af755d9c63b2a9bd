import { describe, expect, it } from 'vitest';
import { Err } from './errors.js';
import { flush, joinReq, setup, stablePair, subscription } from './test-helpers.js';

const D = { initialRebalanceDelayMs: 10 };
const hb = (memberId: string, groupInstanceId: string | null, generationId = 1) =>
  ({ groupId: 'g', generationId, memberId, groupInstanceId });

describe('static membership (group.instance.id)', () => {
  it('a restarted static follower gets a new member id, keeps its assignment, and no rebalance happens', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock, ['ia', 'ib']);
    const r = await gc.join(joinReq({ clientId: 'b2', groupInstanceId: 'ib' }));
    expect(r).toMatchObject({ errorCode: Err.NONE, generationId: 1, leader: a, skipAssignment: false, members: [] });
    expect(r.memberId).not.toBe(b);
    expect(gc.groupState('g')).toBe('Stable');
    const s = await gc.sync({ groupId: 'g', generationId: 1, memberId: r.memberId, groupInstanceId: 'ib', protocolType: null, protocolName: null, assignments: [] });
    expect(s.assignment).toEqual(new Uint8Array([2]));
    // The old incarnation is fenced everywhere.
    expect(gc.heartbeat(hb(b, 'ib'))).toBe(Err.FENCED_INSTANCE_ID);
    expect((await gc.join(joinReq({ memberId: b, groupInstanceId: 'ib' }))).errorCode).toBe(Err.FENCED_INSTANCE_ID);
    expect(gc.heartbeat(hb(r.memberId, 'ib'))).toBe(Err.NONE);
  });

  it('persists the replaced member id', async () => {
    const { gc, clock, log } = setup(D);
    await stablePair(gc, clock, ['ia', 'ib']);
    const r = await gc.join(joinReq({ clientId: 'b2', groupInstanceId: 'ib' }));
    const last = log.records.at(-1);
    expect(last?.kind === 'group' && last.value?.members.map((m) => m.memberId)).toContain(r.memberId);
  });

  it('a restarted static member with a changed subscription triggers a rebalance', async () => {
    const { gc, clock } = setup(D);
    const { a } = await stablePair(gc, clock, ['ia', 'ib']);
    const pb = gc.join(joinReq({ clientId: 'b2', groupInstanceId: 'ib', protocols: [{ name: 'range', metadata: subscription(['t', 'u']) }] }));
    expect(gc.groupState('g')).toBe('PreparingRebalance');
    const ra = await gc.join(joinReq({ memberId: a, groupInstanceId: 'ia' }));
    const rb = await pb;
    expect(ra.generationId).toBe(2);
    expect(rb.generationId).toBe(2);
  });

  it('v9: a restarted static leader is told it leads but may skip the assignment (KIP-814)', async () => {
    const { gc, clock } = setup(D);
    const { b } = await stablePair(gc, clock, ['ia', 'ib']);
    const r = await gc.join(joinReq({ clientId: 'a2', groupInstanceId: 'ia', supportSkippingAssignment: true }));
    expect(r).toMatchObject({ errorCode: Err.NONE, generationId: 1, leader: r.memberId, skipAssignment: true });
    expect(r.members.map((m) => m.memberId).sort()).toEqual([r.memberId, b].sort());
    expect(gc.groupState('g')).toBe('Stable');
  });

  it('before v9 a restarted static leader is given the old leader id so it does not assign', async () => {
    const { gc, clock } = setup(D);
    const { a } = await stablePair(gc, clock, ['ia', 'ib']);
    const r = await gc.join(joinReq({ clientId: 'a2', groupInstanceId: 'ia' }));
    expect(r).toMatchObject({ errorCode: Err.NONE, leader: a, skipAssignment: false, members: [] });
    expect(r.memberId).not.toBe(a);
  });

  it('a static member restarting during CompletingRebalance fences its old sync and rebalances', async () => {
    const { gc, clock } = setup(D);
    const pa = gc.join(joinReq({ clientId: 'a', groupInstanceId: 'ia' }));
    const pb = gc.join(joinReq({ clientId: 'b', groupInstanceId: 'ib' }));
    clock.advance(100);
    const [a, b] = await Promise.all([pa, pb]);
    const oldSync = gc.sync({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: 'ib', protocolType: null, protocolName: null, assignments: [] });
    const pb2 = gc.join(joinReq({ clientId: 'b2', groupInstanceId: 'ib' }));
    expect((await oldSync).errorCode).toBe(Err.FENCED_INSTANCE_ID);
    expect(gc.groupState('g')).toBe('PreparingRebalance');
    const ra = await gc.join(joinReq({ memberId: a.memberId, groupInstanceId: 'ia' }));
    expect(ra.generationId).toBe(2);
    expect((await pb2).generationId).toBe(2);
  });

  it("a static member's old JoinGroup still waiting is answered FENCED_INSTANCE_ID", async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock, ['ia', 'ib']);
    const oldJoin = gc.join(joinReq({ memberId: b, groupInstanceId: 'ib', protocols: [{ name: 'range', metadata: subscription(['z']) }] }));
    const newJoin = gc.join(joinReq({ clientId: 'b2', groupInstanceId: 'ib', protocols: [{ name: 'range', metadata: subscription(['z']) }] }));
    expect((await oldJoin).errorCode).toBe(Err.FENCED_INSTANCE_ID);
    const ra = gc.join(joinReq({ memberId: a, groupInstanceId: 'ia' }));
    expect((await newJoin).generationId).toBe(2);
    expect((await ra).generationId).toBe(2);
  });

  it('static members that miss a rebalance stay members until their session expires', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock, ['ia', 'ib']);
    const pa = gc.join(joinReq({ memberId: a, groupInstanceId: 'ia', sessionTimeoutMs: 60_000 }));
    gc.heartbeat(hb(b, 'ib'));
    clock.advance(9_000); // not yet b's session (10 s); a's rebalance timeout (30 s) not reached either
    await flush();
    gc.heartbeat(hb(b, 'ib'));
    clock.advance(30_000);
    // b's session ran out: it was removed, which completed a's join alone.
    const r = await pa;
    expect(r.members.map((m) => m.memberId)).toEqual([a]);
  });

  it('a failed write of the replaced member undoes the replacement', async () => {
    const { gc, clock, log } = setup(D);
    const { b } = await stablePair(gc, clock, ['ia', 'ib']);
    log.failWith = new Error('io');
    const r = await gc.join(joinReq({ clientId: 'b2', groupInstanceId: 'ib' }));
    expect(r.errorCode).toBe(Err.COORDINATOR_NOT_AVAILABLE);
    log.failWith = null;
    expect(gc.heartbeat(hb(b, 'ib'))).toBe(Err.NONE);
  });
});
