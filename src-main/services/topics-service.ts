/**
 * Implements the `brokers.*` and `topics.*` domains on the client pool: every call gets its cluster's
 * KafkaBackend from ClusterRegistry.backend(clusterId) (an unknown id answers TP_NOT_FOUND) and shapes the
 * metadata into rows (partition/leader counts per broker, under-replicated and offline partitions, out-of-sync
 * replicas, each broker's log size from DescribeLogDirs). Offsets stay bigint.
 */
import { PROBLEMS_SHOWN, type BrokersOverview, type PartitionProblem, type TopicDetail, type TopicPartitionRow, type TopicRow } from '../contract/index.js';
import type { KafkaBackend, PartitionInfo, PartitionStat, TopicInfo } from '../clients/index.js';
import type { MethodHandlers } from './handlers.js';
import type { ClusterRegistry } from './cluster-registry.js';
import { readTopicSizes, topicConsumers } from './topic-usage.js';

type TopicsMethods = Pick<MethodHandlers,
  'brokers.list' | 'topics.list' | 'topics.describe' | 'topics.messages' | 'topics.consumers' | 'topics.create' | 'topics.delete' | 'topics.addPartitions' | 'topics.configs'>;

const isInternal = (name: string) => name.startsWith('__');
const underReplicated = (p: PartitionInfo) => p.isr.length < p.replicas.length;
const offline = (p: PartitionInfo) => p.leader < 0;

export function topicRow(t: TopicInfo): TopicRow {
  return {
    name: t.name,
    internal: isInternal(t.name),
    partitions: t.partitions.length,
    replicationFactor: t.partitions.reduce((m, p) => Math.max(m, p.replicas.length), 0),
    underReplicated: t.partitions.filter(underReplicated).length,
    offline: t.partitions.filter(offline).length,
  };
}

/** Offline then under-replicated partitions, each group by topic and partition (every one: callers cap). */
export function partitionProblems(topics: readonly TopicInfo[]): PartitionProblem[] {
  const out: PartitionProblem[] = [];
  for (const t of topics) {
    for (const p of t.partitions) {
      if (offline(p) || underReplicated(p)) {
        out.push({ topic: t.name, partition: p.partition, leader: p.leader, replicas: p.replicas, isr: p.isr, offline: offline(p) });
      }
    }
  }
  return out.sort((a, b) => Number(b.offline) - Number(a.offline) || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

export async function describeTopic(b: KafkaBackend, name: string): Promise<TopicDetail> {
  const [topics, offsets] = await Promise.all([b.listTopics([name]), b.topicOffsets(name)]);
  const t = topics.find((x) => x.name === name);
  const byPartition = new Map(offsets.map((o) => [o.partition, o]));
  const partitions: TopicPartitionRow[] = (t?.partitions ?? []).map((p) => {
    const o = byPartition.get(p.partition);
    return {
      partition: p.partition, leader: p.leader, replicas: p.replicas, isr: p.isr,
      outOfSync: p.replicas.filter((r) => !p.isr.includes(r)), offlineReplicas: p.offlineReplicas,
      logStartOffset: o?.earliest ?? -1n, logEndOffset: o?.latest ?? -1n,
    };
  });
  return {
    name, internal: isInternal(name), partitions,
    replicationFactor: partitions.reduce((m, p) => Math.max(m, p.replicas.length), 0),
    messages: partitions.reduce((s, p) => s + (p.logEndOffset > p.logStartOffset ? p.logEndOffset - p.logStartOffset : 0n), 0n),
  };
}

/** The detail with each partition's high watermark and size (null with the reason where unknown). */
export function withStats(d: TopicDetail, stats: ReadonlyMap<number, PartitionStat>): TopicDetail {
  return {
    ...d,
    partitions: d.partitions.map((p) => {
      const s = stats.get(p.partition);
      return {
        ...p, highWatermark: s?.highWatermark ?? null, sizeBytes: s?.sizeBytes ?? null,
        ...(s?.error === undefined ? {} : { statsError: s.error }),
      };
    }),
  };
}

type LogSizes = { brokers: Map<number, { bytes: bigint | null; error?: string }> } | { error: string };

/** Every broker's log size; a failing DescribeLogDirs round leaves the sizes unknown, never the whole call. */
async function logSizes(b: KafkaBackend): Promise<LogSizes> {
  try {
    const r = await b.logDirs(null);
    return { brokers: new Map(r.brokers.map((x) => [x.nodeId, x])) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function brokerLogSize(sizes: LogSizes, nodeId: number): { logSizeBytes: bigint | null; logSizeError?: string } {
  if ('error' in sizes) return { logSizeBytes: null, logSizeError: sizes.error };
  const s = sizes.brokers.get(nodeId);
  if (s === undefined) return { logSizeBytes: null, logSizeError: 'the broker was not asked (not in the metadata the log dirs were read with)' };
  return { logSizeBytes: s.bytes, ...(s.error === undefined ? {} : { logSizeError: s.error }) };
}

/** Brokers with their counts and log sizes, and the cluster's health. */
export async function brokersOverview(b: KafkaBackend): Promise<BrokersOverview> {
  const [info, topics, sizes] = await Promise.all([b.describeCluster(), b.listTopics(), logSizes(b)]);
  const all = topics.flatMap((t) => t.partitions);
  const problems = partitionProblems(topics);
  return {
    clusterId: info.clusterId,
    controllerId: info.controllerId,
    brokers: info.brokers.map((br) => ({
      nodeId: br.nodeId, host: br.host, port: br.port, rack: br.rack, controller: br.nodeId === info.controllerId,
      partitions: all.filter((p) => p.replicas.includes(br.nodeId)).length,
      leaders: all.filter((p) => p.leader === br.nodeId).length,
      ...brokerLogSize(sizes, br.nodeId),
    })).sort((x, y) => x.nodeId - y.nodeId),
    health: {
      topics: topics.length, partitions: all.length,
      underReplicated: all.filter(underReplicated).length, offline: all.filter(offline).length,
      problems: problems.slice(0, PROBLEMS_SHOWN), problemsTotal: problems.length,
    },
  };
}

export function createTopicsService(registry: ClusterRegistry): TopicsMethods {
  const backend = async (clusterId: string) => { await registry.init(); return registry.backend(clusterId); };
  return {
    'brokers.list': async ({ clusterId }) => brokersOverview(await backend(clusterId)),
    'topics.list': async ({ clusterId }) => {
      const topics = await (await backend(clusterId)).listTopics();
      return topics.map(topicRow).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    'topics.describe': async ({ clusterId, topic }) => {
      const b = await backend(clusterId);
      const [detail, info] = await Promise.all([describeTopic(b, topic), b.describeCluster()]);
      const stats = await registry.partitionStats(clusterId, {
        topic, brokers: info.brokers, partitions: detail.partitions.map((p) => ({ partition: p.partition, leader: p.leader })),
      });
      return withStats(detail, stats);
    },
    'topics.messages': async ({ clusterId, topics }) => {
      const b = await backend(clusterId);
      const sizes = readTopicSizes(b, topics); // never rejects: unknown sizes are null
      const counts = await Promise.all(topics.map(async (topic) => ({
        topic,
        messages: (await b.topicOffsets(topic)).reduce((s, o) => s + (o.latest > o.earliest ? o.latest - o.earliest : 0n), 0n),
      })));
      const bySize = await sizes;
      return counts.map((c) => ({ ...c, sizeBytes: bySize.get(c.topic) ?? null }));
    },
    'topics.consumers': async ({ clusterId, topic }) => {
      const b = await backend(clusterId);
      await b.listTopics([topic]); // an unknown topic answers TP_NOT_FOUND rather than "no consumers"
      return topicConsumers(b, topic);
    },
    'topics.create': async ({ clusterId, topic, partitions, replicationFactor, configs }) => {
      const b = await backend(clusterId);
      await b.createTopic({ name: topic, partitions, replicationFactor, configs });
      return describeTopic(b, topic);
    },
    'topics.delete': async ({ clusterId, topic }) => {
      await (await backend(clusterId)).deleteTopic(topic);
      return { deleted: true };
    },
    'topics.addPartitions': async ({ clusterId, topic, totalCount }) => {
      const b = await backend(clusterId);
      await b.createPartitions(topic, totalCount);
      return describeTopic(b, topic);
    },
    'topics.configs': async ({ clusterId, topic }) => (await backend(clusterId)).describeTopicConfigs(topic),
  };
}
