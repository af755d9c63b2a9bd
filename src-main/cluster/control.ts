/**
 * The control surface of a running local cluster, as the services, the CLI, the worker-thread host and the UI
 * (through the API contract) see it: status, per-broker life-cycle and faults, replication internals, and a
 * stream of metadata events with time and cause. LocalCluster implements it in-process; the worker host
 * (app/ or cluster/worker-host) proxies it across a thread boundary, so everything here is structured-clone
 * friendly (plain objects, bigint allowed, no functions except onEvent's callback).
 */

export type BrokerRunState = 'starting' | 'running' | 'stopping' | 'stopped' | 'killed';

export type IsolationMode = 'none' | 'brokers' | 'clients' | 'all';

export interface LocalBrokerStatus {
  nodeId: number;
  host: string;
  port: number;
  state: BrokerRunState;
  /** Fenced by the controller (not a member of the cluster's live set). */
  fenced: boolean;
  paused: boolean;
  isolation: IsolationMode;
  /** Extra delay on this broker's follower fetches (ms; 0 = none). */
  fetchDelayMs: number;
  controller: boolean;
  /** Partitions this broker leads / replicates. */
  leaders: number;
  replicas: number;
}

export interface LocalClusterStatus {
  clusterId: string;
  controllerId: number;
  bootstrap: string;
  dataDir: string;
  brokers: LocalBrokerStatus[];
}

/** One replica of one partition, as its leader sees it. Offsets are bigint end to end. */
export interface ReplicaStatus {
  nodeId: number;
  logEndOffset: bigint;
  /** Leader LEO minus this replica's LEO (0 for the leader). */
  lag: bigint;
  /** ms since epoch; null when never caught up since this leader took over. */
  lastCaughtUpTimeMs: number | null;
  inIsr: boolean;
  /** Why it last left the ISR (null when in sync or never was). */
  outOfSyncReason: string | null;
}

export interface PartitionReplication {
  topic: string;
  partition: number;
  leader: number;
  leaderEpoch: number;
  highWatermark: bigint;
  replicas: ReplicaStatus[];
  /** (epoch, start offset) pairs from the leader's leader-epoch cache, oldest first. */
  epochHistory: { epoch: number; startOffset: bigint }[];
}

export type ClusterEventKind =
  | 'broker-registered' | 'broker-fenced' | 'broker-unfenced' | 'controller-move'
  | 'leader-change' | 'isr-shrink' | 'isr-expand'
  | 'topic-created' | 'topic-deleted' | 'reassignment'
  | 'fault';

export interface ClusterEvent {
  /** Increasing per cluster run, for "events since" and dedup across reconnects. */
  seq: number;
  /** ms since epoch. */
  time: number;
  kind: ClusterEventKind;
  /** Why, in words: "broker 2 killed", "replica 3 fell behind for 10000 ms", "preferred leader election". */
  cause: string;
  brokerId?: number;
  topic?: string;
  partition?: number;
  /** Kind-specific facts (old/new leader, old/new ISR, epochs, fault name). */
  detail?: Record<string, unknown>;
}

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
