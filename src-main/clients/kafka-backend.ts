/**
 * The seam between the pool and the Kafka client library: the pool and the services see only this
 * interface, so the library (kafkajs 2.2.4 today, @platformatic/kafka once the core's Node is >= 22.22; see
 * docs/client-pool.md) can be swapped in one file. Deliberately thin: each service adds the calls it needs.
 */
import type { ConnectionProfile } from './profile.js';
import type { CommittedOffset, GroupDescription, GroupListing, OffsetTarget, PartitionEnd } from './groups-backend.js';

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

export interface KafkaBackend {
  /** Library name and version, for the diagnosis and support. */
  readonly library: string;
  /** Opens the admin connection and reads the cluster's metadata; rejects with a TidepoolError. */
  connect(): Promise<ClusterInfo>;
  describeCluster(): Promise<ClusterInfo>;
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
  /** Commits offsets for a group with no active members. */
  commitGroupOffsets(groupId: string, targets: OffsetTarget[]): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  // --- end consumer groups ---
  /** Closes every connection of this backend; safe to call twice. */
  close(): Promise<void>;
}

export interface BackendOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export type BackendFactory = (profile: ConnectionProfile, opts: BackendOptions) => KafkaBackend;
