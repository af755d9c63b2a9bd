/**
 * The `localCluster.*` handlers over a LocalClusterHost: life-cycle of the whole cluster, per-broker
 * actions and faults (checked here first, so an unknown node or an action that does not fit the broker's
 * state is a clear TidepoolError rather than whatever the cluster would throw), replication internals, and
 * the event stream (backlog, then live, following the cluster across restarts).
 */
import { TidepoolError } from '../common/index.js';
import type { LocalBrokerStatus, LocalClusterEvent } from '../contract/index.js';
import type { EventHandlers, MethodHandlers } from './handlers.js';
import type { ClusterControlPort, LocalClusterHost } from './local-cluster-host.js';

type LocalClusterMethods = Pick<MethodHandlers, Extract<keyof MethodHandlers, `localCluster.${string}`>>;
type LocalClusterEvents = Pick<EventHandlers, Extract<keyof EventHandlers, `localCluster.${string}`>>;

const LIVE: readonly LocalBrokerStatus['state'][] = ['running'];
const DOWN: readonly LocalBrokerStatus['state'][] = ['stopped', 'killed'];

export function createLocalClusterService(host: LocalClusterHost): LocalClusterMethods & LocalClusterEvents {
  /** The control and the named broker, checked to be in one of `states` (any state when omitted). */
  const broker = async (nodeId: number, states?: readonly LocalBrokerStatus['state'][], verb?: string): Promise<ClusterControlPort> => {
    const control = host.control();
    const { brokers } = await control.status();
    const b = brokers.find((x) => x.nodeId === nodeId);
    if (b === undefined) {
      throw new TidepoolError('TP_NOT_FOUND', `The local cluster has no broker ${nodeId} (its brokers are ${brokers.map((x) => x.nodeId).join(', ')}).`, { nodeId });
    }
    if (states !== undefined && !states.includes(b.state)) {
      throw new TidepoolError('TP_CONFLICT', `Cannot ${verb} broker ${nodeId}: it is ${b.state}.`, { nodeId, state: b.state });
    }
    return control;
  };
  /** Runs a broker action, then answers with the cluster's fresh info. */
  const act = async (run: () => Promise<unknown>) => {
    await asTidepoolError(run);
    return host.info();
  };

  return {
    'localCluster.status': () => host.info(),
    'localCluster.start': ({ brokers }) => host.start(brokers),
    'localCluster.stop': () => host.stop(),
    'localCluster.stopBroker': ({ nodeId }) => act(async () => (await broker(nodeId, LIVE, 'stop')).stopBroker(nodeId)),
    'localCluster.killBroker': ({ nodeId }) => act(async () => (await broker(nodeId, [...LIVE, 'starting', 'stopping'], 'kill')).killBroker(nodeId)),
    'localCluster.startBroker': ({ nodeId }) => act(async () => (await broker(nodeId, DOWN, 'start')).startBroker(nodeId)),
    'localCluster.restartBroker': ({ nodeId }) => act(async () => (await broker(nodeId, [...LIVE, ...DOWN], 'restart')).restartBroker(nodeId)),
    'localCluster.pauseBroker': ({ nodeId }) => act(async () => (await broker(nodeId, LIVE, 'pause')).pauseBroker(nodeId)),
    'localCluster.resumeBroker': ({ nodeId }) => act(async () => (await broker(nodeId)).resumeBroker(nodeId)),
    'localCluster.slowBroker': ({ nodeId, fetchDelayMs }) =>
      act(async () => (await broker(nodeId, fetchDelayMs === 0 ? undefined : LIVE, 'slow')).slowBroker(nodeId, fetchDelayMs)),
    'localCluster.isolateBroker': ({ nodeId, mode }) =>
      act(async () => (await broker(nodeId, mode === 'none' ? undefined : LIVE, 'isolate')).isolateBroker(nodeId, mode)),
    'localCluster.healBroker': ({ nodeId }) => act(async () => (await broker(nodeId)).healBroker(nodeId)),
    'localCluster.replication': ({ topic }) => asTidepoolError(async () => host.control().replication(topic)),

    'localCluster.events': ({ sinceSeq, run }, emit) => {
      // Per subscriber: the last (run, seq) delivered, so a replayed backlog and the live feed never repeat;
      // live events wait in `buffered` while a backlog is being fetched (it may come from another thread).
      let lastRun = -1;
      let lastSeq = -1;
      let closed = false;
      let buffered: LocalClusterEvent[] | null = null;
      const send = (e: LocalClusterEvent) => {
        if (closed || (e.run === lastRun && e.seq <= lastSeq) || e.run < lastRun) return;
        lastRun = e.run;
        lastSeq = e.seq;
        emit(e);
      };
      const live = (e: LocalClusterEvent) => {
        if (buffered !== null) buffered.push(e);
        else send(e);
      };
      const replay = (currentRun: number, after: number | undefined) => {
        buffered ??= [];
        let control: ClusterControlPort;
        try {
          control = host.control();
        } catch {
          buffered = null;
          return;
        }
        void Promise.resolve()
          .then(() => control.events(after))
          .then((backlog) => { for (const e of backlog) send({ ...e, run: currentRun }); }, () => {})
          .finally(() => {
            const queued = buffered ?? [];
            buffered = null;
            for (const e of queued) send(e);
          });
      };
      const offRun = host.onRun((r) => replay(r, undefined));
      const offEvent = host.onEvent(live);
      const current = host.currentRun;
      if (current !== null) replay(current, run === undefined || run === current ? sinceSeq : undefined);
      return () => { closed = true; offRun(); offEvent(); };
    },
    'localCluster.state': (_input, emit) => {
      let closed = false;
      // The current info first, unless a state change got here before it (then that one is newer).
      let changed = false;
      void host.info().then((info) => { if (!closed && !changed) emit(info); });
      const off = host.onState((info) => { changed = true; if (!closed) emit(info); });
      return () => { closed = true; off(); };
    },
  };
}

/** Cluster errors (ClusterError, the worker host's) become TidepoolErrors with a code the UI can act on. */
async function asTidepoolError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toTidepoolError(err);
  }
}

const CLUSTER_CODES: Record<string, TidepoolError['code']> = {
  NO_SUCH_BROKER: 'TP_NOT_FOUND', BAD_FAULT: 'TP_VALIDATION', TOO_MANY_BROKERS: 'TP_VALIDATION',
  PORT_IN_USE: 'TP_UNAVAILABLE', BAD_ADDRESS: 'TP_UNAVAILABLE', DATA_DIR_IN_USE: 'TP_CONFLICT', CRASHED: 'TP_UNAVAILABLE',
  STOPPED: 'TP_UNAVAILABLE', START_FAILED: 'TP_UNAVAILABLE', STOP_TIMEOUT: 'TP_TIMEOUT',
};

export function toTidepoolError(err: unknown): TidepoolError {
  if (err instanceof TidepoolError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof Error && typeof code === 'string') {
    const mapped = CLUSTER_CODES[code];
    if (mapped !== undefined) return new TidepoolError(mapped, err.message, { clusterCode: code });
  }
  return TidepoolError.from(err);
}
