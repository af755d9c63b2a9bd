/**
 * Implements the `groups.*` methods over the client pool: a cluster's backend from the ClusterRegistry, lag
 * from lag-math.ts, and offset resets that are planned here (earliest/latest/timestamp/offset, clamped into
 * each partition's range) and refused with the reason while the group has active members.
 */
import { TidepoolError } from '../common/index.js';
import type { KafkaBackend, OffsetTarget } from '../clients/index.js';
import type { GroupDetail, GroupSummary, ResetPlanRow, ResetResult } from '../contract/index.js';
import type { ClusterRegistry } from './cluster-registry.js';
import type { MethodHandlers } from './handlers.js';
import { clampOffset, groupLag, type GroupLag } from './lag-math.js';
import type { LagSampler } from './lag-sampler.js';

type ResetInput = Parameters<MethodHandlers['groups.resetOffsets']>[0];

/** Lag of one group: its committed offsets against the end offsets of its topics and assigned topics. */
export async function readGroupLag(b: KafkaBackend, groupId: string, assignedTopics: readonly string[] = []): Promise<GroupLag> {
  const committed = await b.committedOffsets(groupId);
  const topics = [...new Set([...committed.map((c) => c.topic), ...assignedTopics])];
  const ends = topics.length === 0 ? [] : await b.endOffsets(topics);
  return groupLag(committed, ends, assignedTopics);
}

export async function listGroups(b: KafkaBackend): Promise<GroupSummary[]> {
  const groups = await b.listGroups();
  const out: GroupSummary[] = [];
  for (const g of groups) {
    try {
      const lag = await readGroupLag(b, g.groupId);
      out.push({ ...g, topics: lag.topics, totalLag: lag.totalLag, uncommitted: lag.uncommitted });
    } catch {
      // One group's offsets failing (it was deleted in between) must not hide the others.
      out.push({ ...g, topics: [], totalLag: null, uncommitted: 0 });
    }
  }
  return out;
}

export async function describeGroup(b: KafkaBackend, groupId: string): Promise<GroupDetail> {
  const d = await b.describeGroup(groupId);
  const owners = new Map<string, string>();
  for (const m of d.members) for (const a of m.assignments) for (const p of a.partitions) owners.set(`${a.topic}\u0000${p}`, m.memberId);
  const lag = await readGroupLag(b, groupId, [...new Set(d.members.flatMap((m) => m.assignments.map((a) => a.topic)))]);
  return {
    ...d,
    partitions: lag.partitions.map((p) => ({ ...p, owner: owners.get(`${p.topic}\u0000${p.partition}`) ?? null })),
    topics: lag.topics, totalLag: lag.totalLag, uncommitted: lag.uncommitted,
  };
}

function refuseActive(groupId: string, d: Awaited<ReturnType<KafkaBackend['describeGroup']>>, what: string): void {
  if (d.members.length === 0) return;
  const clients = [...new Set(d.members.map((m) => `${m.clientId}@${m.host}`))].join(', ');
  throw new TidepoolError('TP_CONFLICT',
    `Cannot ${what} "${groupId}": it has ${d.members.length} active member${d.members.length === 1 ? '' : 's'} (${clients}; state ${d.state}). `
    + 'Stop its consumers, wait until the group is Empty, then try again.',
    { reason: 'active-members', groupId, members: d.members.length, state: d.state });
}

export async function resetOffsets(b: KafkaBackend, input: ResetInput): Promise<ResetResult> {
  const { groupId, mode } = input;
  const d = await b.describeGroup(groupId);
  if (!input.dryRun) refuseActive(groupId, d, 'reset the offsets of group');
  const lag = await readGroupLag(b, groupId);
  const topics = input.topics ?? lag.topics;
  if (topics.length === 0) {
    throw new TidepoolError('TP_VALIDATION', `Group "${groupId}" has no committed offsets: name the topics to reset.`, { groupId, field: 'topics' });
  }
  const allEnds = await b.endOffsets(topics);
  const missing = topics.filter((t) => !allEnds.some((e) => e.topic === t));
  if (missing.length > 0) throw new TidepoolError('TP_NOT_FOUND', `No such topic: ${missing.join(', ')}.`, { topics: missing });
  const wanted = input.partitions === undefined ? null : new Set(input.partitions);
  const ends = wanted === null ? allEnds : allEnds.filter((e) => wanted.has(e.partition));
  if (wanted !== null) {
    const absent = [...wanted].filter((p) => !ends.some((e) => e.partition === p));
    if (absent.length > 0) {
      throw new TidepoolError('TP_NOT_FOUND', `Topic "${topics[0]}" has no partition ${absent.join(', ')} (it has ${allEnds.length}).`, { topic: topics[0], partitions: absent });
    }
  }
  const current = new Map(lag.partitions.map((p) => [`${p.topic}\u0000${p.partition}`, p.committed]));
  const byTimestamp = new Map<string, bigint>();
  if (mode === 'timestamp') {
    for (const t of topics) for (const p of await b.offsetsForTimestamp(t, input.value!)) byTimestamp.set(`${t}\u0000${p.partition}`, p.offset);
  }
  const plan: ResetPlanRow[] = ends.map((e) => {
    const k = `${e.topic}\u0000${e.partition}`;
    const to = mode === 'earliest' ? e.low : mode === 'latest' ? e.high
      : mode === 'timestamp' ? clampOffset(byTimestamp.get(k) ?? e.high, e.low, e.high)
        : clampOffset(input.value!, e.low, e.high);
    return { topic: e.topic, partition: e.partition, from: current.get(k) ?? null, to };
  });
  if (!input.dryRun) {
    await b.commitGroupOffsets(groupId, plan.map((p): OffsetTarget => ({ topic: p.topic, partition: p.partition, offset: p.to })));
  }
  return { groupId, mode, applied: !input.dryRun, partitions: plan };
}

export async function deleteGroup(b: KafkaBackend, groupId: string): Promise<{ deleted: true; groupId: string }> {
  refuseActive(groupId, await b.describeGroup(groupId), 'delete group');
  await b.deleteGroup(groupId);
  return { deleted: true, groupId };
}

type GroupHandlers = Pick<MethodHandlers, 'groups.list' | 'groups.describe' | 'groups.resetOffsets' | 'groups.delete' | 'groups.lagHistory'>;

export function createGroupsService(registry: ClusterRegistry, sampler: LagSampler): GroupHandlers & Pick<import('./handlers.js').EventHandlers, 'groups.lag'> {
  const backend = async (id: string) => { await registry.init(); return registry.backend(id); };
  return {
    'groups.list': async ({ clusterId }) => listGroups(await backend(clusterId)),
    'groups.describe': async ({ clusterId, groupId }) => describeGroup(await backend(clusterId), groupId),
    'groups.resetOffsets': async (input) => {
      const r = await resetOffsets(await backend(input.clusterId), input);
      if (r.applied) sampler.sampleSoon(input.clusterId);
      return r;
    },
    'groups.delete': async ({ clusterId, groupId }) => {
      const r = await deleteGroup(await backend(clusterId), groupId);
      sampler.sampleSoon(clusterId);
      return r;
    },
    'groups.lagHistory': ({ clusterId }) => sampler.history(clusterId),
    'groups.lag': ({ clusterId }, emit) => sampler.onSample(clusterId, emit),
  };
}
