import { describe, expect, it } from 'vitest';
import type { ClassicGroup } from './classic-group.js';
import { Err } from './errors.js';
import { commitReq, flush, joinReq, setup, subscription } from './test-helpers.js';

// Random interleavings of every operation (seeded, so a failure reproduces), checking after each step that
// nothing throws and the group's bookkeeping stays consistent, and at the end that no request is left
// waiting forever once time moves on.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

function checkInvariants(g: ClassicGroup): void {
  const awaiting = [...g.members.values()].filter((m) => m.awaitingJoin !== null).length;
  expect(g.numMembersAwaitingJoin, `${g.groupId} awaiting count`).toBe(awaiting);
  expect(g.leaderId === null, `${g.groupId} leader iff members`).toBe(g.members.size === 0);
  if (g.is('Stable') || g.is('CompletingRebalance')) {
    expect(g.members.size, `${g.groupId} ${g.state} has members`).toBeGreaterThan(0);
    expect(g.protocolName).not.toBeNull();
    for (const m of g.members.values()) expect(() => m.metadataFor(g.protocolName as string)).not.toThrow();
  }
  if (!g.is('CompletingRebalance')) {
    for (const m of g.members.values()) expect(m.awaitingSync, `${g.groupId} ${g.state}: nobody waits in SyncGroup`).toBeNull();
  }
  for (const [instance, id] of g.staticMembers) expect(g.members.get(id)?.groupInstanceId).toBe(instance);
}

describe('random operation sequences', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: no throw, consistent groups, nothing waits forever`, async () => {
      const r = rng(seed);
      const { gc, clock, log } = setup({ initialRebalanceDelayMs: 50, maxGroupSize: 4 });
      const reg = (gc as unknown as { reg: { groups: Map<string, ClassicGroup> } }).reg;
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
      const groups = ['g1', 'g2'];
      const instances = [null, null, 'i1', 'i2'];
      const known = new Map<string, { memberId: string; generation: number; instance: string | null }[]>();
      const pending: Promise<unknown>[] = [];
      const remember = (groupId: string, memberId: string, generation: number, instance: string | null) => {
        const list = known.get(groupId) ?? [];
        list.push({ memberId, generation, instance });
        known.set(groupId, list.slice(-8));
      };
      const someMember = (groupId: string) => pick(known.get(groupId) ?? [{ memberId: 'nobody', generation: 0, instance: null }]);

      for (let step = 0; step < 600; step++) {
        const groupId = pick(groups);
        const op = Math.floor(r() * 9);
        log.failWith = r() < 0.05 ? new Error('io') : null;
        if (op === 0 || op === 1) {
          const known1 = op === 1 ? someMember(groupId) : null;
          const instance = known1?.instance ?? pick(instances);
          const topics = r() < 0.8 ? ['t'] : ['t', 'u'];
          const p = gc.join(joinReq({
            groupId, memberId: known1?.memberId ?? '', groupInstanceId: instance, clientId: `c${step}`,
            requireKnownMemberId: r() < 0.5, supportSkippingAssignment: r() < 0.5,
            rebalanceTimeoutMs: 1000 + Math.floor(r() * 5000), sessionTimeoutMs: 6000 + Math.floor(r() * 4000),
            protocols: r() < 0.9 ? [{ name: 'range', metadata: subscription(topics) }] : [{ name: 'rr', metadata: subscription(topics) }],
          })).then((res) => {
            if (res.errorCode === Err.NONE || res.errorCode === Err.MEMBER_ID_REQUIRED) remember(groupId, res.memberId, res.generationId, instance);
          });
          pending.push(p);
        } else if (op === 2) {
          const m = someMember(groupId);
          pending.push(gc.sync({ groupId, generationId: m.generation, memberId: m.memberId, groupInstanceId: m.instance, protocolType: null, protocolName: null,
            assignments: (known.get(groupId) ?? []).map((k) => ({ memberId: k.memberId, assignment: new Uint8Array([step & 0xff]) })) }));
        } else if (op === 3) {
          const m = someMember(groupId);
          gc.heartbeat({ groupId, generationId: m.generation, memberId: m.memberId, groupInstanceId: m.instance });
        } else if (op === 4) {
          const m = someMember(groupId);
          gc.leave(groupId, [{ memberId: r() < 0.2 ? '' : m.memberId, groupInstanceId: m.instance }]);
        } else if (op === 5) {
          const m = someMember(groupId);
          pending.push(gc.commitOffsets(commitReq({ groupId, generationId: r() < 0.3 ? -1 : m.generation, memberId: r() < 0.3 ? '' : m.memberId,
            offsets: [['t', Math.floor(r() * 3), BigInt(step)]] })));
        } else if (op === 6) {
          gc.fetchOffsets(groupId, r() < 0.5 ? null : [{ name: 't', partitionIndexes: [0, 1] }], r() < 0.5);
          gc.describeGroups([groupId]);
          gc.listGroups(['Stable']);
        } else if (op === 7) {
          pending.push(r() < 0.5 ? gc.deleteGroups([groupId]) : gc.deleteOffsets(groupId, [{ name: 'u', partitions: [0] }]));
        } else {
          clock.advance(Math.floor(r() * 4000));
        }
        await flush();
        for (const g of reg.groups.values()) checkInvariants(g);
      }
      log.failWith = null;
      // Let every rebalance, session and sync timer run out: all requests must have been answered.
      for (let i = 0; i < 20; i++) { clock.advance(10_000); await flush(); }
      let settled = 0;
      await Promise.race([Promise.all(pending.map((p) => p.then(() => settled++))), new Promise((res) => setTimeout(res, 2000))]);
      expect(settled).toBe(pending.length);
      for (const g of reg.groups.values()) checkInvariants(g);
      gc.stop();
    });
  }
});
