/**
 * The local cluster's plain data, shared by every layer that shows it: the broker's replication readout
 * (broker/replication/replication-status.ts), the cluster's control surface (cluster/control.ts) and the API
 * contract (contract/local-cluster.ts). One definition here instead of three mirrors: these are types only, and
 * every layer may import common/. Structured-clone and wire friendly (plain objects; bigint for offsets).
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
  /** -1 when this leader has not yet seen the replica fetch. */
  logEndOffset: bigint;
  /** Leader LEO minus this replica's LEO (0 for the leader; the leader's LEO when unknown). */
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
