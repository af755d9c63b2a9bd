/**
 * What the Topics screen shows beyond metadata: a topic's size (the leader replicas' log bytes from one
 * DescribeLogDirs round, i.e. the data once, not times the replication factor) and the consumer groups that
 * read it (committed offsets for it or a member assigned to it) with their lag on it (lag-math.ts).
 */
import type { KafkaBackend, TopicInfo } from '../clients/index.js';
import type { LogDirsReport } from '../clients/wire-admin.js';
import type { TopicConsumerGroup } from '../contract/index.js';
import { groupLag } from './lag-math.js';

/**
 * Per topic: the sum of its partitions' leader-replica sizes. Null when a partition has no leader or its
 * leader's size is missing from the report (the broker did not answer): a partial sum would understate it.
 */
export function leaderSizes(topics: readonly TopicInfo[], report: LogDirsReport): Map<string, bigint | null> {
  const sizes = new Map<string, bigint>();
  for (const r of report.replicas) sizes.set(`${r.topic}\u0000${r.partition}\u0000${r.broker}`, r.bytes);
  const out = new Map<string, bigint | null>();
  for (const t of topics) {
    let sum: bigint | null = 0n;
    for (const p of t.partitions) {
      const s = p.leader < 0 ? undefined : sizes.get(`${t.name}\u0000${p.partition}\u0000${p.leader}`);
      if (s === undefined) { sum = null; break; }
      sum += s;
    }
    out.set(t.name, sum);
  }
  return out;
}

/**
 * Sizes of these topics from one metadata read and one DescribeLogDirs round. Best effort: any failure (a
 * broker without DescribeLogDirs, a topic deleted in between) gives an empty map, i.e. every size unknown,
 * so that it never hides the message counts read beside it.
 */
export async function readTopicSizes(b: KafkaBackend, topics: readonly string[]): Promise<Map<string, bigint | null>> {
  try {
    const [infos, report] = await Promise.all([b.listTopics([...topics]), b.logDirs(topics)]);
    return leaderSizes(infos, report);
  } catch {
    return new Map();
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The groups reading `topic`, sorted by id. One listGroups, one end-offsets read of the topic, then per
 * group its commits on this topic (and, for groups with members, their assignments). One group failing
 * (deleted in between) keeps its row with the error rather than hiding the others.
 */
export async function topicConsumers(b: KafkaBackend, topic: string): Promise<TopicConsumerGroup[]> {
  const [groups, ends] = await Promise.all([b.listGroups(), b.endOffsets([topic])]);
  const topicEnds = ends.filter((e) => e.topic === topic);
  const rows = await Promise.all(groups.map(async (g): Promise<TopicConsumerGroup | null> => {
    try {
      const [committed, described] = await Promise.all([
        b.committedOffsets(g.groupId, [topic]),
        g.members > 0 ? b.describeGroup(g.groupId) : Promise.resolve(null),
      ]);
      const mine = committed.filter((c) => c.topic === topic && c.offset >= 0n);
      const owners = new Map<number, string>();
      for (const m of described?.members ?? []) {
        for (const a of m.assignments) if (a.topic === topic) for (const p of a.partitions) owners.set(p, m.memberId);
      }
      if (mine.length === 0 && owners.size === 0) return null;
      const lag = groupLag(mine, topicEnds, owners.size > 0 ? [topic] : []);
      return {
        groupId: g.groupId, state: described?.state ?? g.state, members: described?.members.length ?? g.members,
        totalLag: lag.totalLag, uncommitted: lag.uncommitted,
        partitions: lag.partitions.map((p) => ({
          partition: p.partition, committed: p.committed, logStart: p.logStart, end: p.end, lag: p.lag,
          behindLogStart: p.behindLogStart, owner: owners.get(p.partition) ?? null,
        })),
      };
    } catch (err) {
      return { groupId: g.groupId, state: g.state, members: g.members, totalLag: null, uncommitted: 0, partitions: [], error: message(err) };
    }
  }));
  return rows.filter((r): r is TopicConsumerGroup => r !== null).sort((x, y) => (x.groupId < y.groupId ? -1 : x.groupId > y.groupId ? 1 : 0));
}
