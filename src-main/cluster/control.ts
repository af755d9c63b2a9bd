/**
 * The control surface of a running local cluster, as the services, the CLI, the worker-thread host and the UI
 * (through the API contract) see it: status, per-broker life-cycle and faults, replication internals, and a
 * stream of metadata events with time and cause. LocalCluster implements it in-process; the worker host
 * (app/ or cluster/worker-host) proxies it across a thread boundary, so everything here is structured-clone
 * friendly (plain objects, bigint allowed, no functions except onEvent's callback); the data types live in
 * common/local-cluster-types.ts, shared with the broker's readout and the API contract.
 */
import type {
  BrokerRunState, IsolationMode, LocalBrokerStatus, LocalClusterStatus, ReplicaStatus, PartitionReplication, ClusterEventKind, ClusterEvent,
} from '../common/local-cluster-types.js';

export type {
  BrokerRunState, IsolationMode, LocalBrokerStatus, LocalClusterStatus, ReplicaStatus, PartitionReplication, ClusterEventKind, ClusterEvent,
};

export interface LocalClusterControl {
  status(): LocalClusterStatus;
  /** Clean stop (flush, clean-shutdown marker, controlled leadership handover). */
  stopBroker(nodeId: number): Promise<void>;
  /** Abrupt: sockets reset, no flush, no clean-shutdown marker; the log recovers on the next start. */
  killBroker(nodeId: number): Promise<void>;
  /** Starts a stopped or killed broker on its old port and data. */
  startBroker(nodeId: number): Promise<void>;
  restartBroker(nodeId: number): Promise<void>;
  pauseBroker(nodeId: number): void;
  resumeBroker(nodeId: number): void;
  slowBroker(nodeId: number, fetchDelayMs: number): void;
  isolateBroker(nodeId: number, mode: IsolationMode): void;
  /** Clears every fault switch of the broker. */
  healBroker(nodeId: number): void;
  replication(topic?: string): PartitionReplication[];
  /** Events kept since start (bounded ring), optionally after `sinceSeq`. */
  events(sinceSeq?: number): ClusterEvent[];
  onEvent(cb: (e: ClusterEvent) => void): () => void;
}
