/**
 * A worker entry for cluster-host tests: serves a cluster that implements every LocalClusterControl
 * method without brokers, so the tests can check that each method, its arguments, its result (bigint
 * included), its errors and the event stream cross the thread unchanged. `options.dataDir` picks a
 * misbehaviour for the life-cycle tests: "stop-hangs", "stop-fails", "start-fails", "start-crashes".
 */
import type { ClusterEvent, IsolationMode, LocalClusterControl, LocalClusterStatus, PartitionReplication } from '../control.js';
import { serveCluster } from './worker-serve.js';

class UnknownBrokerError extends Error {
  override readonly name = 'ClusterError';
  readonly code = 'UNKNOWN_BROKER';
  readonly details = { nodeId: 0 };
  constructor(nodeId: number) {
    super(`no broker ${nodeId} in this cluster`);
    this.details.nodeId = nodeId;
  }
}

class ControlDouble implements LocalClusterControl {
  readonly bootstrap = '127.0.0.1:1';
  readonly warnings = ['a warning from start'];
  readonly brokers = [1, 2, 3].map((nodeId) => ({ nodeId, port: nodeId, advertised: { host: '127.0.0.1' } }));
  private readonly log: ClusterEvent[] = [];
  private readonly listeners = new Set<(e: ClusterEvent) => void>();
  /** Calls as received, so a test can read back exactly what crossed. */
  private readonly calls: { method: string; args: unknown[] }[] = [];
  /** An own function field: not a method of the class, so not callable by name. */
  readonly secret = () => 'must not be reachable';

  constructor(readonly dataDir: string) {}

  private record(method: string, args: unknown[], nodeId?: number): void {
    this.calls.push({ method, args });
    if (nodeId !== undefined && !this.brokers.some((b) => b.nodeId === nodeId)) throw new UnknownBrokerError(nodeId);
  }

  private emit(kind: ClusterEvent['kind'], cause: string, brokerId: number): void {
    const e: ClusterEvent = { seq: this.log.length + 1, time: Date.now(), kind, cause, brokerId, detail: { offset: 2n ** 60n } };
    this.log.push(e);
    for (const cb of this.listeners) cb(e);
  }

  status(): LocalClusterStatus {
    this.record('status', []);
    return {
      clusterId: 'double', controllerId: 1, bootstrap: this.bootstrap, dataDir: this.dataDir,
      brokers: this.brokers.map((b) => ({
        nodeId: b.nodeId, host: '127.0.0.1', port: b.port, state: 'running', fenced: false, paused: false, isolation: 'none',
        fetchDelayMs: 0, controller: b.nodeId === 1, leaders: 1, replicas: 3,
      })),
    };
  }

  async stopBroker(nodeId: number): Promise<void> { await Promise.resolve(); this.record('stopBroker', [nodeId], nodeId); }
  async killBroker(nodeId: number): Promise<void> { await Promise.resolve(); this.record('killBroker', [nodeId], nodeId); }
  async startBroker(nodeId: number): Promise<void> { await Promise.resolve(); this.record('startBroker', [nodeId], nodeId); }
  async restartBroker(nodeId: number): Promise<void> { await Promise.resolve(); this.record('restartBroker', [nodeId], nodeId); }
  pauseBroker(nodeId: number): void { this.record('pauseBroker', [nodeId], nodeId); this.emit('fault', `broker ${nodeId} paused`, nodeId); }
  resumeBroker(nodeId: number): void { this.record('resumeBroker', [nodeId], nodeId); }
  slowBroker(nodeId: number, fetchDelayMs: number): void { this.record('slowBroker', [nodeId, fetchDelayMs], nodeId); }
  isolateBroker(nodeId: number, mode: IsolationMode): void { this.record('isolateBroker', [nodeId, mode], nodeId); }
  healBroker(nodeId: number): void { this.record('healBroker', [nodeId], nodeId); }

  replication(topic?: string): PartitionReplication[] {
    this.record('replication', [topic]);
    return [{
      topic: topic ?? 't', partition: 0, leader: 1, leaderEpoch: 4, highWatermark: 2n ** 60n + 1n,
      replicas: [{ nodeId: 1, logEndOffset: 2n ** 60n + 1n, lag: 0n, lastCaughtUpTimeMs: null, inIsr: true, outOfSyncReason: null }],
      epochHistory: [{ epoch: 4, startOffset: 2n ** 53n + 3n }],
    }];
  }

  events(sinceSeq?: number): ClusterEvent[] {
    this.calls.push({ method: 'events', args: [sinceSeq] });
    return this.log.filter((e) => e.seq > (sinceSeq ?? 0));
  }

  onEvent(cb: (e: ClusterEvent) => void): () => void {
    this.listeners.add(cb);
    return () => { this.listeners.delete(cb); };
  }

  /** Not part of LocalClusterControl: stands for a method the cluster gains later. */
  async electLeaders(topic: string, partitions: number[]): Promise<{ topic: string; partitions: number[] }> {
    this.calls.push({ method: 'electLeaders', args: [topic, partitions] });
    return { topic, partitions };
  }

  receivedCalls(): { method: string; args: unknown[] }[] { return this.calls; }
  listenerCount(): number { return this.listeners.size; }
  returnsAFunction(): () => void { return () => {}; }
  neverAnswers(): Promise<void> { return new Promise(() => {}); }
  crashLater(ms: number): void { setTimeout(() => { throw new Error('boom in the cluster thread'); }, ms); }
  exitThread(): void { process.exit(3); }

  stop(): Promise<void> {
    if (this.dataDir === 'stop-hangs') return new Promise(() => {});
    if (this.dataDir === 'stop-fails') return Promise.reject(new Error('flush failed'));
    return Promise.resolve();
  }
}

void serveCluster(async (options) => {
  options.logger.warn('starting the double');
  if (options.dataDir === 'start-fails') throw Object.assign(new Error('port 1 is already in use'), { name: 'ClusterError', code: 'PORT_IN_USE' });
  if (options.dataDir === 'start-crashes') process.exit(7);
  return new ControlDouble(options.dataDir);
});
