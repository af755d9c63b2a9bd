/**
 * Helpers shared by the group coordinator's tests (not used at runtime): a coordinator on a manual clock
 * with an in-memory log, consumer-protocol subscription bytes, and request builders with sane defaults.
 */
import { ManualClock } from './clock.js';
import type { GroupCoordinatorConfig } from './group-config.js';
import { GroupCoordinator } from './group-coordinator.js';
import { MemoryGroupLog } from './group-log.js';
import type { JoinRequest } from './join-group.js';
import type { CommitRequest } from './offsets.js';

export function setup(config: Partial<GroupCoordinatorConfig> = {}, partitionExists?: (t: string, p: number) => boolean) {
  const clock = new ManualClock();
  const log = new MemoryGroupLog();
  let n = 0;
  const gc = new GroupCoordinator({
    clock, log, partitionExists, config: { initialRebalanceDelayMs: 0, ...config },
    newMemberId: (clientId) => `${clientId}-m${++n}`,
  });
  return { gc, clock, log };
}

/** ConsumerProtocolSubscription v0: int16 version, topics, null user data. */
export function subscription(topics: string[]): Uint8Array {
  const enc = new TextEncoder();
  const parts = topics.map((t) => enc.encode(t));
  const buf = new Uint8Array(2 + 4 + parts.reduce((a, p) => a + 2 + p.length, 0) + 4);
  const dv = new DataView(buf.buffer);
  let o = 0;
  dv.setInt16(o, 0); o += 2;
  dv.setInt32(o, topics.length); o += 4;
  for (const p of parts) { dv.setInt16(o, p.length); o += 2; buf.set(p, o); o += p.length; }
  dv.setInt32(o, -1);
  return buf;
}

export function joinReq(over: Partial<JoinRequest> = {}): JoinRequest {
  return {
    groupId: 'g', memberId: '', groupInstanceId: null, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 30_000,
    protocolType: 'consumer', protocols: [{ name: 'range', metadata: subscription(['t']) }],
    clientId: 'c', clientHost: '/127.0.0.1', requireKnownMemberId: false, supportSkippingAssignment: false,
    ...over,
  };
}

export function commitReq(over: Partial<CommitRequest> & { offsets?: [string, number, bigint][] } = {}): CommitRequest {
  const { offsets = [['t', 0, 10n]], ...rest } = over;
  const topics = new Map<string, CommitRequest['topics'][number]>();
  for (const [name, partitionIndex, committedOffset] of offsets) {
    let t = topics.get(name);
    if (t === undefined) { t = { name, partitions: [] }; topics.set(name, t); }
    t.partitions.push({ partitionIndex, committedOffset, committedLeaderEpoch: -1, committedMetadata: null, commitTimestamp: -1n });
  }
  return { groupId: 'g', generationId: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1n, topics: [...topics.values()], ...rest };
}

/** Lets resolved promises run (appends to the memory log resolve on the microtask queue). */
export const flush = () => new Promise<void>((r) => setImmediate(r));

type Coordinator = ReturnType<typeof setup>['gc'];
type Clock = ReturnType<typeof setup>['clock'];

/**
 * Two members `a` and `b` through one complete rebalance (join, then sync with assignments [1] and [2]):
 * the group is Stable at generation 1. Pass `staticIds` for static members.
 */
export async function stablePair(gc: Coordinator, clock: Clock, staticIds: [string | null, string | null] | null = null) {
  const delayMs = gc.config.initialRebalanceDelayMs;
  if (delayMs <= 0) throw new Error('stablePair needs initialRebalanceDelayMs > 0 so both members join one generation');
  const pa = gc.join(joinReq({ clientId: 'a', groupInstanceId: staticIds?.[0] ?? null }));
  const pb = gc.join(joinReq({ clientId: 'b', groupInstanceId: staticIds?.[1] ?? null }));
  clock.advance(delayMs * 10);
  const [ja, jb] = await Promise.all([pa, pb]);
  const a = ja.memberId;
  const b = jb.memberId;
  const base = { groupId: 'g', generationId: ja.generationId, protocolType: null, protocolName: null };
  const sa = gc.sync({ ...base, memberId: a, groupInstanceId: staticIds?.[0] ?? null,
    assignments: [{ memberId: a, assignment: new Uint8Array([1]) }, { memberId: b, assignment: new Uint8Array([2]) }] });
  const sb = gc.sync({ ...base, memberId: b, groupInstanceId: staticIds?.[1] ?? null, assignments: [] });
  const [ra, rb] = await Promise.all([sa, sb]);
  return { a, b, ra, rb, generation: ja.generationId };
}
