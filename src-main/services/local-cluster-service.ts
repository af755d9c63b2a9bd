/**
 * The `localCluster.*` handlers over a LocalClusterHost: life-cycle of the whole cluster, per-broker
 * actions and faults (checked here first, so an unknown node or an action that does not fit the broker's
 * state is a clear TidepoolError rather than whatever the cluster would throw), replication internals, and
 * the event stream (backlog, then live, following the cluster across restarts).
 */
import { TidepoolError } from '../common/index.js';
import type { LocalBrokerStatus, LocalClusterEvent } from '../contract/index.js';
import type { LocalClusterControl } from '../cluster/control.js';
import type { EventHandlers, MethodHandlers } from './handlers.js';
import type { LocalClusterHost } from './local-cluster-host.js';

type LocalClusterMethods = Pick<MethodHandlers, Extract<keyof MethodHandlers, `localCluster.${string}`>>;
type LocalClusterEvents = Pick<EventHandlers, Extract<keyof EventHandlers, `localCluster.${string}`>>;

const LIVE: readonly LocalBrokerStatus['state'][] = ['running'];
const DOWN: readonly LocalBrokerStatus['state'][] = ['stopped', 'killed'];

export function createLocalClusterService(host: LocalClusterHost): LocalClusterMethods & LocalClusterEvents {
  /** The control and the named broker, checked to be in one of `states` (any state when omitted). */
  const broker = (nodeId: number, states?: readonly LocalBrokerStatus['state'][], verb?: string): LocalClusterControl => {
    const control = host.control();
    const b = control.status().brokers.find((x) => x.nodeId === nodeId);
    if (b === undefined) {
      const ids = control.status().brokers.map((x) => x.nodeId).join(', ');
      throw new TidepoolError('TP_NOT_FOUND', `The local cluster has no broker ${nodeId} (its brokers are ${ids}).`, { nodeId });
    }
    if (states !== undefined && !states.includes(b.state)) {
      throw new TidepoolError('TP_CONFLICT', `Cannot ${verb} broker ${nodeId}: it is ${b.state}.`, { nodeId, state: b.state });
    }
    return control;
  };

  return {
    'localCluster.status': () => host.info(),
    'localCluster.start': ({ brokers }) => host.start(brokers),
    'localCluster.stop': () => host.stop(),
    'localCluster.stopBroker': async ({ nodeId }) => {
      await broker(nodeId, LIVE, 'stop').stopBroker(nodeId);
      return host.info();
    },
    'localCluster.killBroker': async ({ nodeId }) => {
      await broker(nodeId, [...LIVE, 'starting', 'stopping'], 'kill').killBroker(nodeId);
      return host.info();
    },
    'localCluster.startBroker': async ({ nodeId }) => {
      await broker(nodeId, DOWN, 'start').startBroker(nodeId);
      return host.info();
    },
    'localCluster.restartBroker': async ({ nodeId }) => {
      await broker(nodeId, [...LIVE, ...DOWN], 'restart').restartBroker(nodeId);
      return host.info();
    },
    'localCluster.pauseBroker': ({ nodeId }) => {
      broker(nodeId, LIVE, 'pause').pauseBroker(nodeId);
      return host.info();
    },
    'localCluster.resumeBroker': ({ nodeId }) => {
      broker(nodeId).resumeBroker(nodeId);
      return host.info();
    },
    'localCluster.slowBroker': ({ nodeId, fetchDelayMs }) => {
      broker(nodeId, fetchDelayMs === 0 ? undefined : LIVE, 'slow').slowBroker(nodeId, fetchDelayMs);
      return host.info();
    },
    'localCluster.isolateBroker': ({ nodeId, mode }) => {
      broker(nodeId, mode === 'none' ? undefined : LIVE, 'isolate').isolateBroker(nodeId, mode);
      return host.info();
    },
    'localCluster.healBroker': ({ nodeId }) => {
      broker(nodeId).healBroker(nodeId);
      return host.info();
    },
    'localCluster.replication': ({ topic }) => host.control().replication(topic),

    'localCluster.events': ({ sinceSeq, run }, emit) => {
      // Per subscriber: the last (run, seq) delivered, so a replayed backlog and the live feed never repeat.
      let lastRun = -1;
      let lastSeq = -1;
      const deliver = (e: LocalClusterEvent) => {
        if (e.run === lastRun && e.seq <= lastSeq) return;
        lastRun = e.run;
        lastSeq = e.seq;
        emit(e);
      };
      const replay = (currentRun: number, after: number | undefined) => {
        for (const e of host.control().events(after)) deliver({ ...e, run: currentRun });
      };
      const offState = host.onState((info) => {
        if (info.state === 'running') replay(info.run, undefined);
      });
      const offEvent = host.onEvent(deliver);
      const current = host.currentRun;
      if (current !== null) replay(current, run === undefined || run === current ? sinceSeq : undefined);
      return () => { offState(); offEvent(); };
    },
    'localCluster.state': (_input, emit) => {
      emit(host.info());
      return host.onState(emit);
    },
  };
}
