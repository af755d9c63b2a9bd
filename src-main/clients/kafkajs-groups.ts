/**
 * The consumer-group calls of the kafkajs backend: list/describe groups (assignments decoded with kafkajs's
 * own consumer-protocol codec), committed and end offsets, deleting a group (the reset's commit is in
 * kafkajs-admin-extra.ts). kafkajs hands offsets over as decimal strings; they become bigint here and stay
 * bigint above this file.
 */
import type { Admin } from 'kafkajs';
import { kafkajs } from './kafkajs-lazy.js';
import { TidepoolError } from '../common/index.js';
import type { CommittedOffset, GroupAssignment, GroupDescription, GroupListing, PartitionEnd } from './groups-backend.js';

/** Decodes a consumer-protocol MemberAssignment; anything else (connect, empty while rebalancing) gives []. */
export function decodeAssignment(protocolType: string, raw: Buffer | null | undefined): GroupAssignment[] {
  if (protocolType !== 'consumer' || raw === null || raw === undefined || raw.length === 0) return [];
  try {
    const a = kafkajs().AssignerProtocol.MemberAssignment.decode(raw);
    if (a === null) return [];
    return Object.entries(a.assignment)
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((x, y) => x - y) }))
      .sort((x, y) => x.topic.localeCompare(y.topic));
  } catch {
    // A member that wrote a non-standard assignment still shows up, only without its partitions.
    return [];
  }
}

export async function listGroups(admin: Admin): Promise<GroupListing[]> {
  const { groups } = await admin.listGroups();
  if (groups.length === 0) return [];
  const { groups: described } = await admin.describeGroups(groups.map((g) => g.groupId));
  const byId = new Map(described.map((d) => [d.groupId, d]));
  return groups.map((g) => {
    const d = byId.get(g.groupId);
    return { groupId: g.groupId, state: d?.state ?? 'Unknown', protocolType: g.protocolType, members: d?.members.length ?? 0 };
  }).sort((a, b) => a.groupId.localeCompare(b.groupId));
}

export async function describeGroup(admin: Admin, groupId: string): Promise<GroupDescription> {
  const { groups } = await admin.describeGroups([groupId]);
  const g = groups.find((x) => x.groupId === groupId);
  if (g === undefined || g.state === 'Dead') {
    throw new TidepoolError('TP_NOT_FOUND', `No consumer group "${groupId}" on this cluster.`, { groupId });
  }
  return {
    groupId, state: g.state, protocolType: g.protocolType, protocol: g.protocol,
    members: g.members.map((m) => ({
      memberId: m.memberId, clientId: m.clientId, host: m.clientHost,
      assignments: decodeAssignment(g.protocolType, m.memberAssignment),
    })).sort((a, b) => a.memberId.localeCompare(b.memberId)),
  };
}

/** Every partition the group has committed to (OffsetFetch for all topics), committed or -1n. */
export async function committedOffsets(admin: Admin, groupId: string, topics: string[] = []): Promise<CommittedOffset[]> {
  const res = await admin.fetchOffsets({ groupId, topics });
  const out: CommittedOffset[] = [];
  for (const t of res) {
    for (const p of t.partitions) {
      out.push({ topic: t.topic, partition: p.partition, offset: BigInt(p.offset), metadata: p.metadata ?? null });
    }
  }
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export async function endOffsets(admin: Admin, topics: string[]): Promise<PartitionEnd[]> {
  const out: PartitionEnd[] = [];
  for (const topic of [...new Set(topics)].sort()) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      out.push({ topic, partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) });
    }
  }
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export async function offsetsForTimestamp(admin: Admin, topic: string, timestamp: bigint): Promise<{ partition: number; offset: bigint }[]> {
  const res = await admin.fetchTopicOffsetsByTimestamp(topic, Number(timestamp));
  return res.map((p) => ({ partition: p.partition, offset: BigInt(p.offset) })).sort((a, b) => a.partition - b.partition);
}

export async function deleteGroup(admin: Admin, groupId: string): Promise<void> {
  await admin.deleteGroups([groupId]);
}
