/**
 * The seam between the pool and the Kafka client library: the pool and the services see only this
 * interface, so the library (kafkajs 2.2.4 today, @platformatic/kafka once the core's Node is >= 22.22; see
 * docs/client-pool.md) can be swapped in one file. Deliberately thin: each service adds the calls it needs.
 */
import type { ConnectionProfile } from './profile.js';
import type { LogDirsReport } from './wire-admin.js';
import type { CommittedOffset, GroupDescription, GroupListing, OffsetTarget, PartitionEnd } from './groups-backend.js';
import type { ConfigChange, DeletedRecords, DeleteRecordsTarget, OutgoingRecord, ProducedRecord, ProduceOptions } from './producer-backend.js';

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface ClusterInfo {
  clusterId: string | null;
  controllerId: number;
  brokers: BrokerInfo[];
}

// ---- screens-topics: brokers and topics admin types (begin) ----
export interface PartitionInfo {
  partition: number;
  /** -1 when the partition has no leader (offline). */
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
}

export interface TopicInfo {
  name: string;
  partitions: PartitionInfo[];
}

export interface PartitionOffsets {
  partition: number;
  /** Log start offset (earliest). */
  earliest: bigint;
  /** Log end offset (high watermark as the client sees it). */
  latest: bigint;
}

export interface NewTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs?: Record<string, string>;
}

export type ConfigSourceName = 'topic' | 'dynamic-broker' | 'dynamic-default-broker' | 'static-broker' | 'default' | 'broker-logger' | 'unknown';

export interface ConfigEntryInfo {
  name: string;
  /** null when the broker hides it (sensitive) or has none. */
  value: string | null;
  source: ConfigSourceName;
  isDefault: boolean;
  isSensitive: boolean;
  readOnly: boolean;
}
// ---- screens-topics: brokers and topics admin types (end) ----

export interface KafkaBackend {
  /** Library name and version, for the diagnosis and support. */
  readonly library: string;
  /** Opens the admin connection and reads the cluster's metadata; rejects with a TidepoolError. */
  connect(): Promise<ClusterInfo>;
  describeCluster(): Promise<ClusterInfo>;
  /** Log sizes per replica and per live broker (DescribeLogDirs to every broker); null topics = every replica. */
  logDirs(topics: readonly string[] | null): Promise<LogDirsReport>;
  // --- consumer groups (screens-groups) ---
  /** Every group with its state and member count. */
  listGroups(): Promise<GroupListing[]>;
  /** Members and their decoded assignments; TP_NOT_FOUND for an unknown group. */
  describeGroup(groupId: string): Promise<GroupDescription>;
  /** The group's committed offsets (all its topics when `topics` is omitted). */
  committedOffsets(groupId: string, topics?: string[]): Promise<CommittedOffset[]>;
  /** Log start and high watermark of every partition of these topics. */
  endOffsets(topics: string[]): Promise<PartitionEnd[]>;
  /** Per partition: the first offset with a timestamp >= `timestamp` (epoch ms), the end where none is. */
  offsetsForTimestamp(topic: string, timestamp: bigint): Promise<{ partition: number; offset: bigint }[]>;
  /** Commits offsets for a group with no active members: one OffsetCommit as a simple consumer (generation -1). */
  commitGroupOffsets(groupId: string, targets: OffsetTarget[]): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  // --- end consumer groups ---
  // ---- screens-topics: brokers and topics admin calls (begin) ----
  /** Topics with their partitions; every topic when `names` is omitted. Unknown names reject with TP_NOT_FOUND. */
  listTopics(names?: string[]): Promise<TopicInfo[]>;
  /** Earliest and latest offset of every partition of one topic. */
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  createTopic(t: NewTopic): Promise<void>;
  deleteTopic(name: string): Promise<void>;
  /** Grows the topic to `totalCount` partitions (Kafka cannot shrink). */
  createPartitions(topic: string, totalCount: number): Promise<void>;
  describeTopicConfigs(topic: string): Promise<ConfigEntryInfo[]>;
  // ---- screens-topics: brokers and topics admin calls (end) ----
  // ---- producer-admin: produce, topic config edits, purge (begin) ----
  /** Sends records whose partitions are already chosen; one offset per record (null with acks=0). */
  produce(topic: string, records: readonly OutgoingRecord[], opts: ProduceOptions): Promise<ProducedRecord[]>;
  /** Sets or resets (value null) topic-level overrides; the broker's validation error rejects as TP_KAFKA. */
  alterTopicConfigs(topic: string, changes: readonly ConfigChange[], validateOnly?: boolean): Promise<void>;
  /** DeleteRecords: moves each partition's log start up to `offset` (-1n = the high watermark). */
  deleteRecords(topic: string, targets: readonly DeleteRecordsTarget[]): Promise<DeletedRecords[]>;
  // ---- producer-admin (end) ----
  /** Closes every connection of this backend; safe to call twice. */
  close(): Promise<void>;
}

export interface BackendOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export type BackendFactory = (profile: ConnectionProfile, opts: BackendOptions) => KafkaBackend;
