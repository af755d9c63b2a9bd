/**
 * The `localCluster.*` domain: the embedded multi-broker cluster the app runs (issue 5). Start it with N
 * brokers or stop it; per broker: stop, kill, start, restart, pause, resume, slow, isolate, heal; read the
 * replication internals (per replica LEO, lag, last caught-up time, why it left the ISR, epoch history);
 * and subscribe to its metadata events (leader change, ISR shrink/expand, broker fenced, controller move,
 * faults) with time and cause. Offsets are bigint end to end (common/wire-json tags them on text transports).
 *
 * The contract cannot import cluster/, so the plain-data types of cluster/control.ts are mirrored here;
 * local-cluster.test.ts asserts the two stay assignable.
 */
import { z } from 'zod';
import { event, method } from './define.js';

export type BrokerRunState = 'starting' | 'running' | 'stopping' | 'stopped' | 'killed';

export type IsolationMode = 'none' | 'brokers' | 'clients' | 'all';

export const ISOLATION_MODES = ['none', 'brokers', 'clients', 'all'] as const satisfies readonly IsolationMode[];

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

/** One replica of one partition, as its leader sees it. */
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
  /** Increasing within one cluster run (see LocalClusterEvent.run), for "events since" and dedup. */
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

/** An event as the API delivers it: tagged with the cluster run it belongs to (seq restarts with each run). */
export interface LocalClusterEvent extends ClusterEvent {
  run: number;
}

/**
 * Whether the app's local cluster runs. `run` counts starts since the app started (0 = never started);
 * `status` is null unless state is 'running'; `error` says why the last start failed (state 'failed').
 */
export interface LocalClusterInfo {
  state: 'stopped' | 'starting' | 'running' | 'stopping' | 'failed';
  running: boolean;
  run: number;
  /** Brokers of the current (or last requested) run; 0 before the first start. */
  brokerCount: number;
  status: LocalClusterStatus | null;
  error: string | null;
}

export const MAX_LOCAL_BROKERS = 9;
/** Upper bound on a follower fetch delay: a minute is already far past replica.lag.time.max.ms. */
export const MAX_FETCH_DELAY_MS = 60_000;

const empty = z.object({}).strict();
const nodeId = z.number().int().min(0).max(2_147_483_647);
const node = z.object({ nodeId }).strict();

export const localClusterContract = {
  'localCluster.status': method<LocalClusterInfo>()(empty,
    'Whether the local cluster runs, and per broker its port, state, faults, controller role and partition counts.'),
  'localCluster.start': method<LocalClusterInfo>()(
    z.object({ brokers: z.number().int().min(1).max(MAX_LOCAL_BROKERS) }).strict(),
    'Starts the local cluster with 1 to 9 brokers (refused while it runs) and registers its bootstrap as the local profile.'),
  'localCluster.stop': method<LocalClusterInfo>()(empty, 'Stops the whole local cluster cleanly.'),
  'localCluster.stopBroker': method<LocalClusterInfo>()(node,
    'Clean stop of one broker: flush, clean-shutdown marker, leadership handed over.'),
  'localCluster.killBroker': method<LocalClusterInfo>()(node,
    'Abrupt stop of one broker: sockets reset, no flush; its log recovers on the next start.'),
  'localCluster.startBroker': method<LocalClusterInfo>()(node, 'Starts a stopped or killed broker on its old port and data.'),
  'localCluster.restartBroker': method<LocalClusterInfo>()(node, 'Clean stop then start of one broker.'),
  'localCluster.pauseBroker': method<LocalClusterInfo>()(node,
    'The broker stops answering but keeps every socket open (a long GC pause); it gets fenced.'),
  'localCluster.resumeBroker': method<LocalClusterInfo>()(node, 'Ends a pause: what queued is answered, in order.'),
  'localCluster.slowBroker': method<LocalClusterInfo>()(
    z.object({ nodeId, fetchDelayMs: z.number().int().min(0).max(MAX_FETCH_DELAY_MS) }).strict(),
    'Delays each follower fetch this broker sends (a slow follower); 0 removes the delay.'),
  'localCluster.isolateBroker': method<LocalClusterInfo>()(
    z.object({ nodeId, mode: z.enum(ISOLATION_MODES) }).strict(),
    'Cuts a broker off from the other brokers, from clients, or both (\'none\' reconnects it).'),
  'localCluster.healBroker': method<LocalClusterInfo>()(node, 'Clears every fault of one broker (pause, slow, isolation).'),
  'localCluster.replication': method<PartitionReplication[]>()(
    z.object({ topic: z.string().min(1).max(249).optional() }).strict(),
    'Per partition: leader, epoch, high watermark, per replica LEO/lag/last caught-up/ISR reason, epoch history.'),
  'localCluster.events': event<LocalClusterEvent>()(
    z.object({
      /** Skip events of this run up to and including this seq (a reconnecting UI passes its last one). */
      sinceSeq: z.number().int().min(0).optional(),
      /** The run sinceSeq belongs to; when it is not the current run, the whole backlog is sent. */
      run: z.number().int().min(0).optional(),
    }).strict(),
    'Metadata events of the local cluster (fenced, leader change, ISR shrink/expand, controller move, faults): backlog, then live; follows restarts.'),
  'localCluster.state': event<LocalClusterInfo>()(empty,
    'The current LocalClusterInfo, then a new one each time the cluster starts, stops or fails to start.'),
} as const;
