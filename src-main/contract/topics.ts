/**
 * The `brokers.*` and `topics.*` domains: the brokers of a cluster with their partition and leader counts and
 * the cluster's health, and topic administration (list, describe with per-partition offsets, create, delete,
 * add partitions, configs). Every call names its cluster (`clusterId`). Offsets are bigint end to end.
 */
import { z } from 'zod';
import { method } from './define.js';
import type { GroupPartitionLag } from './groups.js';

export interface BrokerRow {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
  controller: boolean;
  /** Replicas this broker hosts. */
  partitions: number;
  /** Partitions this broker leads. */
  leaders: number;
  /** Bytes of every replica on this broker's log dirs (DescribeLogDirs); null when it did not answer... */
  logSizeBytes: bigint | null;
  /** ...and then why. */
  logSizeError?: string;
}

/** A partition that is under-replicated (ISR smaller than its replicas) or offline (no leader). */
export interface PartitionProblem {
  topic: string;
  partition: number;
  /** -1 when offline. */
  leader: number;
  replicas: number[];
  isr: number[];
  offline: boolean;
}

export interface BrokersOverview {
  clusterId: string | null;
  controllerId: number;
  brokers: BrokerRow[];
  health: {
    topics: number; partitions: number; underReplicated: number; offline: number;
    /** The unhealthy partitions, offline first, at most PROBLEMS_SHOWN of them... */
    problems: PartitionProblem[];
    /** ...of this many (offline or under-replicated, each partition once). */
    problemsTotal: number;
  };
}

export const PROBLEMS_SHOWN = 100;

export interface TopicRow {
  name: string;
  internal: boolean;
  partitions: number;
  replicationFactor: number;
  underReplicated: number;
  offline: number;
}

export interface TopicPartitionRow {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  /** Replicas that are assigned but not in the ISR. */
  outOfSync: number[];
  offlineReplicas: number[];
  logStartOffset: bigint;
  /** The end offset the pool's client sees (kafkajs lists READ_COMMITTED: the last stable offset). */
  logEndOffset: bigint;
  /** Asked from the leader (READ_UNCOMMITTED); null when it could not be read, absent where not asked (create). */
  highWatermark?: bigint | null;
  /** Bytes of the leader's log (DescribeLogDirs); null when unknown. */
  sizeBytes?: bigint | null;
  /** Why highWatermark/sizeBytes are null. */
  statsError?: string;
}

export interface TopicDetail {
  name: string;
  internal: boolean;
  replicationFactor: number;
  partitions: TopicPartitionRow[];
  /** Sum of (end - start) over partitions: records retained, control records included. */
  messages: bigint;
}

/** One row of `topics.messages`. */
export interface TopicMessagesRow {
  topic: string;
  /** Sum of (end - start) over partitions. */
  messages: bigint;
  /** Sum over partitions of the LEADER replica's log bytes (the data once, not times RF); null when unknown. */
  sizeBytes: bigint | null;
}

/** One partition of a topic as one group reads it: the groups screen's row without the topic name. */
export type TopicConsumerPartition = Omit<GroupPartitionLag, 'topic'>;

/** A group that has committed offsets for the topic or a member assigned to it. */
export interface TopicConsumerGroup {
  groupId: string;
  state: string;
  members: number;
  /** Sum of the lag of this topic's committed partitions; null when the group's offsets could not be read. */
  totalLag: bigint | null;
  /** Partitions of this topic without a commit (lag unknown). */
  uncommitted: number;
  partitions: TopicConsumerPartition[];
  /** Why totalLag is null. */
  error?: string;
}

export interface TopicConfigRow {
  name: string;
  value: string | null;
  source: 'topic' | 'dynamic-broker' | 'dynamic-default-broker' | 'static-broker' | 'default' | 'broker-logger' | 'unknown';
  isDefault: boolean;
  isSensitive: boolean;
  readOnly: boolean;
}

export interface PurgeResult {
  topic: string;
  /** Each purged partition's new log start offset (= its high watermark at the time of the purge). */
  partitions: { partition: number; logStartOffset: bigint }[];
}

/** Kafka's rule: 1-249 of [a-zA-Z0-9._-], and not "." or "..". */
export const topicName = z.string()
  .min(1, 'a topic name cannot be empty')
  .max(249, 'a topic name has at most 249 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'a topic name may use only letters, digits, ".", "_" and "-"')
  .refine((n) => n !== '.' && n !== '..', { message: 'a topic name cannot be "." or ".."' });

const clusterId = z.string().min(1).max(200);

export const topicsContract = {
  'brokers.list': method<BrokersOverview>()(z.object({ clusterId }).strict(),
    'Brokers (id, host:port, rack, controller, partitions, leaders, log size) and the cluster health (under-replicated, offline).'),
  'topics.list': method<TopicRow[]>()(z.object({ clusterId }).strict(),
    'Every topic with partitions, replication factor, under-replicated and offline partition counts.'),
  'topics.describe': method<TopicDetail>()(z.object({ clusterId, topic: topicName }).strict(),
    'One topic: per partition the leader, replicas, ISR (out-of-sync replicas named) and log start/end offsets.'),
  'topics.messages': method<TopicMessagesRow[]>()(
    z.object({ clusterId, topics: z.array(topicName).min(1).max(200) }).strict(),
    'Retained record counts (sum of end - start offsets) and sizes (leader log bytes, null when unknown) for up to 200 topics, e.g. the rows in view.'),
  'topics.consumers': method<TopicConsumerGroup[]>()(z.object({ clusterId, topic: topicName }).strict(),
    'The groups reading a topic (committed offsets for it or a member assigned to it): state, members, lag on this topic and per partition.'),
  'topics.create': method<TopicDetail>()(z.object({
    clusterId, topic: topicName,
    partitions: z.number().int().min(1).max(10_000),
    replicationFactor: z.number().int().min(1).max(32),
    configs: z.record(z.string().min(1).max(255), z.string().max(10_000)).optional(),
  }).strict(), 'Creates a topic and waits for its partition leaders.'),
  'topics.delete': method<{ deleted: true }>()(z.object({ clusterId, topic: topicName }).strict(), 'Deletes a topic and its data.'),
  'topics.addPartitions': method<TopicDetail>()(z.object({
    clusterId, topic: topicName, totalCount: z.number().int().min(2).max(10_000),
  }).strict(), 'Grows a topic to `totalCount` partitions (Kafka cannot shrink a topic).'),
  'topics.configs': method<TopicConfigRow[]>()(z.object({ clusterId, topic: topicName }).strict(),
    'The topic\'s configuration: value, source, whether it is the default, sensitive values hidden.'),
  // ---- producer-admin: config edits and purge (begin) ----
  'topics.alterConfigs': method<TopicConfigRow[]>()(z.object({
    clusterId, topic: topicName,
    /** value null resets the config to its default (drops the topic-level override). */
    changes: z.array(z.object({ name: z.string().min(1).max(255), value: z.string().max(10_000).nullable() }).strict()).min(1).max(500),
    validateOnly: z.boolean().optional(),
  }).strict(), 'Sets or resets topic configs (the broker validates; its error is returned as is) and answers the config read back.'),
  'topics.purge': method<PurgeResult>()(z.object({
    clusterId, topic: topicName,
    /** Default: every partition. */
    partitions: z.array(z.number().int().min(0).max(100_000)).min(1).max(100_000).optional(),
  }).strict(), 'Deletes every record below the high watermark (DeleteRecords) of all or the chosen partitions.'),
  // ---- producer-admin (end) ----
} as const;
