/**
 * The seam between the pool and the Kafka client library: the pool and the services see only this
 * interface, so the library (kafkajs 2.2.4 today, @platformatic/kafka once the core's Node is >= 22.22; see
 * docs/client-pool.md) can be swapped in one file. Deliberately thin: each service adds the calls it needs.
 */
import type { ConnectionProfile } from './profile.js';

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
  /** Closes every connection of this backend; safe to call twice. */
  close(): Promise<void>;
}

export interface BackendOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export type BackendFactory = (profile: ConnectionProfile, opts: BackendOptions) => KafkaBackend;
