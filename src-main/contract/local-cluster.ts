/**
 * The `localCluster.*` domain: the embedded multi-broker cluster the app runs (issue 5). Start it with N
 * brokers or stop it; per broker: stop, kill, start, restart, pause, resume, slow, isolate, heal; read the
 * replication internals (per replica LEO, lag, last caught-up time, why it left the ISR, epoch history);
 * and subscribe to its metadata events (leader change, ISR shrink/expand, broker fenced, controller move,
 * faults) with time and cause. Offsets are bigint end to end (common/wire-json tags them on text transports).
 *
 * The plain-data types (status, replication, events) are common/local-cluster-types.ts, the one definition the
 * cluster's control surface and the broker's readout use too.
 */
import { z } from 'zod';
import { event, method } from './define.js';
import type {
  BrokerRunState, IsolationMode, LocalBrokerStatus, LocalClusterStatus, ReplicaStatus, PartitionReplication, ClusterEventKind, ClusterEvent,
} from '../common/local-cluster-types.js';

export type {
  BrokerRunState, IsolationMode, LocalBrokerStatus, LocalClusterStatus, ReplicaStatus, PartitionReplication, ClusterEventKind, ClusterEvent,
};

export const ISOLATION_MODES = ['none', 'brokers', 'clients', 'all'] as const satisfies readonly IsolationMode[];

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
