/**
 * The port a Broker gets when it runs as a member of a local cluster (cluster/ implements it; broker/ must
 * not import cluster/). It gives the node the cluster's metadata as this node last learned it (brokers with
 * their addresses and fenced state, the controller, topics and partitions with leader, epochs, replicas and
 * ISR, topic configs) and the admin operations that the controller decides (create/delete topics, create
 * partitions, alter topic configs, elect leaders, reassignments, ISR changes). Admin operations answer with
 * a Kafka error name and message, never a throw. The metadata view is structurally the controller's
 * MetadataImage, read-only: an image is never changed once published, so comparing object identity between
 * two views tells what changed. Without a ClusterLink a Broker is standalone (its own catalog, one node).
 */
import type { AlterIsrRequest, AlterIsrResult, ReplicationPorts } from './replication/partition-state.js';

export interface ClusterBrokerView {
  readonly id: number;
  /** Registration epoch (the offset of its registration record). */
  readonly epoch: bigint;
  readonly host: string;
  readonly port: number;
  readonly rack: string | null;
  readonly fenced: boolean;
}

export interface ClusterPartitionView {
  readonly topicId: string;
  readonly partitionId: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly addingReplicas: readonly number[];
  readonly removingReplicas: readonly number[];
  /** -1 = offline. */
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
}

export interface ClusterTopicView {
  readonly name: string;
  readonly id: string;
  readonly partitions: ReadonlyMap<number, ClusterPartitionView>;
}

export interface MetadataView {
  readonly brokers: ReadonlyMap<number, ClusterBrokerView>;
  readonly topicsById: ReadonlyMap<string, ClusterTopicView>;
  readonly topicIdsByName: ReadonlyMap<string, string>;
  /** `${resourceType}:${resourceName}` -> name -> value (topic resources are type 2). */
  readonly configs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly lastOffset: bigint;
}

export const TOPIC_CONFIG_RESOURCE = 2;

export type AdminResult<T = undefined> = { ok: true; value: T } | { ok: false; error: string; message: string };

export interface CreateTopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Manual placement (partition i at index i); overrides the counts. */
  assignment?: number[][];
  configs: Record<string, string>;
}

export type ElectionType = 'preferred' | 'unclean';

export interface ClusterLink {
  readonly clusterId: string;
  /** The metadata as this node knows it (it lags while the node cannot reach the controller). */
  metadata(): MetadataView;
  /** The active controller's id, as this node knows it; -1 when there is none. */
  controllerId(): number;
  /** Called after each metadata change this node learns, with the view before it. */
  onMetadata(cb: (next: MetadataView, prev: MetadataView) => void): () => void;
  /** This node's current registration epoch. */
  brokerEpoch(): bigint;
  createTopic(spec: CreateTopicSpec): AdminResult<{ topicId: string }>;
  deleteTopic(name: string): AdminResult;
  createPartitions(name: string, total: number, assignment?: number[][]): AdminResult;
  /** Sets (value) or removes (null) topic config overrides, all in one decision. */
  alterTopicConfigs(name: string, changes: Record<string, string | null>): AdminResult;
  electLeader(topic: string, partition: number, type: ElectionType): AdminResult;
  /** Starts (replicas) or cancels (null) a reassignment of one partition. */
  reassignPartition(topic: string, partition: number, replicas: number[] | null): AdminResult;
  listReassignments(): { topic: string; partition: number; replicas: number[]; addingReplicas: number[]; removingReplicas: number[] }[];
  /** ISR changes from this node as leader (Kafka's AlterPartition). */
  alterPartition(req: AlterIsrRequest): Promise<AlterIsrResult>;
}

/** The topic config overrides of `topic` in a view. */
export function topicConfigsIn(view: MetadataView, topic: string): Record<string, string> {
  return Object.fromEntries(view.configs.get(`${TOPIC_CONFIG_RESOURCE}:${topic}`) ?? []);
}

/** Registered, unfenced brokers in id order: what Metadata and DescribeCluster list. */
export function liveBrokers(view: MetadataView): ClusterBrokerView[] {
  return [...view.brokers.values()].filter((b) => !b.fenced).sort((a, b) => a.id - b.id);
}

/**
 * What a node's replication needs from the cluster, over its link: addresses of live brokers (a fenced or
 * unknown broker has none), ISR changes through the controller, and this node's broker epoch.
 */
export function replicationPorts(link: ClusterLink): ReplicationPorts {
  return {
    brokerAddress(nodeId) {
      const b = link.metadata().brokers.get(nodeId);
      return b === undefined || b.fenced ? null : { host: b.host, port: b.port };
    },
    alterPartition: (req) => link.alterPartition(req),
    brokerEpoch: () => link.brokerEpoch(),
  };
}
