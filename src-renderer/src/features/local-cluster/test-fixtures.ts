/** Test data and an in-memory LocalClusterPort for the Local Cluster screen's tests (not shipped). */
import type {
  BrokerAction, LocalBrokerStatus, LocalClusterEvent, LocalClusterInfo, LocalClusterPort, PartitionReplication,
} from './types.js';

export function broker(nodeId: number, over: Partial<LocalBrokerStatus> = {}): LocalBrokerStatus {
  return {
    nodeId, host: '127.0.0.1', port: 19090 + nodeId, state: 'running', fenced: false, paused: false, isolation: 'none',
    fetchDelayMs: 0, controller: nodeId === 1, leaders: 1, replicas: 3, ...over,
  };
}

export function runningInfo(brokers: LocalBrokerStatus[] = [broker(1), broker(2), broker(3)], run = 1): LocalClusterInfo {
  return {
    state: 'running', running: true, run, brokerCount: brokers.length, error: null,
    status: { clusterId: 'tp-local-abc', controllerId: 1, bootstrap: '127.0.0.1:19091', dataDir: '/tmp/tidepool/local', brokers },
  };
}

export const stoppedInfo: LocalClusterInfo = { state: 'stopped', running: false, run: 0, brokerCount: 0, status: null, error: null };

export function replicationRow(over: Partial<PartitionReplication> = {}): PartitionReplication {
  return {
    topic: 'orders', partition: 0, leader: 2, leaderEpoch: 3, highWatermark: 9_007_199_254_740_993n,
    replicas: [
      { nodeId: 2, logEndOffset: 9_007_199_254_740_993n, lag: 0n, lastCaughtUpTimeMs: Date.now(), inIsr: true, outOfSyncReason: null },
      { nodeId: 1, logEndOffset: 9_007_199_254_740_990n, lag: 3n, lastCaughtUpTimeMs: null, inIsr: false, outOfSyncReason: 'broker 1 killed' },
      { nodeId: 3, logEndOffset: 9_007_199_254_740_993n, lag: 0n, lastCaughtUpTimeMs: Date.now() - 1000, inIsr: true, outOfSyncReason: null },
    ],
    epochHistory: [{ epoch: 0, startOffset: 0n }, { epoch: 3, startOffset: 9_007_199_254_740_990n }],
    ...over,
  };
}

let seq = 0;
export function ev(over: Partial<LocalClusterEvent> & Pick<LocalClusterEvent, 'kind'>): LocalClusterEvent {
  const s = over.seq ?? ++seq;
  return { seq: s, run: 1, time: Date.UTC(2026, 10, 21, 13, 30, 0, s), cause: 'broker 1 killed', ...over };
}

export interface FakePort extends LocalClusterPort {
  calls: string[];
  info: LocalClusterInfo;
  rows: PartitionReplication[];
  /** When set, the next broker action rejects with it. */
  failNext: Error | null;
  pushEvent(e: LocalClusterEvent): void;
  pushState(i: LocalClusterInfo): void;
  subscribers(): number;
}

export function fakePort(initial: LocalClusterInfo, rows: PartitionReplication[] = []): FakePort {
  const evSubs = new Set<(e: LocalClusterEvent) => void>();
  const stateSubs = new Set<(i: LocalClusterInfo) => void>();
  const p: FakePort = {
    calls: [], info: initial, rows, failNext: null,
    status: async () => { p.calls.push('status'); return p.info; },
    start: async (n) => { p.calls.push(`start:${n}`); p.info = runningInfo(Array.from({ length: n }, (_, i) => broker(i + 1))); return p.info; },
    stop: async () => { p.calls.push('stop'); p.info = stoppedInfo; return p.info; },
    broker: async (nodeId: number, a: BrokerAction) => {
      p.calls.push(`${a.kind}:${nodeId}${a.kind === 'slow' ? `:${a.fetchDelayMs}` : a.kind === 'isolate' ? `:${a.mode}` : ''}`);
      if (p.failNext) { const e = p.failNext; p.failNext = null; throw e; }
      return p.info;
    },
    replication: async () => { p.calls.push('replication'); return p.rows; },
    events: (fn) => { evSubs.add(fn); return () => { evSubs.delete(fn); }; },
    state: (fn) => { stateSubs.add(fn); fn(p.info); return () => { stateSubs.delete(fn); }; },
    pushEvent: (e) => { for (const fn of evSubs) fn(e); },
    pushState: (i) => { p.info = i; for (const fn of stateSubs) fn(i); },
    subscribers: () => evSubs.size + stateSubs.size,
  };
  return p;
}
