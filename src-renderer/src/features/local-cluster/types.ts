/**
 * The local cluster's data as the screens use it: the contract's plain types (status, brokers, replication,
 * events, info), the broker actions, and the port the screens talk through, so components and tests do not
 * depend on how the calls travel (core-port.ts is the real one).
 */
import type { IsolationMode, LocalClusterEvent, LocalClusterInfo, PartitionReplication } from '../../../../src-main/contract/index.js';

export type {
  BrokerRunState, ClusterEvent, ClusterEventKind, IsolationMode, LocalBrokerStatus, LocalClusterEvent, LocalClusterInfo,
  LocalClusterStatus, PartitionReplication, ReplicaStatus,
} from '../../../../src-main/contract/index.js';
export { MAX_FETCH_DELAY_MS, MAX_LOCAL_BROKERS } from '../../../../src-main/contract/index.js';

export type BrokerAction =
  | { kind: 'stop' } | { kind: 'kill' } | { kind: 'start' } | { kind: 'restart' }
  | { kind: 'pause' } | { kind: 'resume' } | { kind: 'heal' }
  | { kind: 'slow'; fetchDelayMs: number }
  | { kind: 'isolate'; mode: Exclude<IsolationMode, 'none'> };

/** What the Local Cluster screens need from the core. */
export interface LocalClusterPort {
  status(): Promise<LocalClusterInfo>;
  start(brokers: number): Promise<LocalClusterInfo>;
  stop(): Promise<LocalClusterInfo>;
  broker(nodeId: number, action: BrokerAction): Promise<LocalClusterInfo>;
  replication(topic?: string): Promise<PartitionReplication[]>;
  /** The backlog then live events, following restarts; returns the unsubscribe. */
  events(onEvent: (e: LocalClusterEvent) => void, onError: (err: Error) => void): () => void;
  /** The current info, then a new one on every start, stop or failed start. */
  state(onInfo: (i: LocalClusterInfo) => void, onError: (err: Error) => void): () => void;
}

/** The profile id of the embedded cluster in the cluster switcher (services/cluster-registry.ts). */
export const LOCAL_CLUSTER_ID = 'local';
