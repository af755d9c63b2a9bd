/**
 * A LocalClusterControl over today's one-broker LocalCluster, so the app's `localCluster.*` API works before
 * the multi-broker runtime (issue 5, `cluster-runtime`) makes LocalCluster implement the control itself.
 * One broker leads everything: status, replication (the leader alone: HW = LEO), an event ring. Stopping,
 * killing or restarting the only broker is refused (stop the whole cluster instead); faults need the
 * broker's network switches and are refused here until then. Delete this file once LocalCluster implements
 * LocalClusterControl.
 */
import { TidepoolError } from '../common/index.js';
import type { LocalCluster } from '../cluster/index.js';
import type { ClusterEvent, IsolationMode, LocalClusterControl, LocalClusterStatus, PartitionReplication } from '../cluster/control.js';

export class SingleBrokerControl implements LocalClusterControl {
  private readonly log: ClusterEvent[] = [];
  private readonly listeners = new Set<(e: ClusterEvent) => void>();

  constructor(private readonly cluster: LocalCluster) {}

  status(): LocalClusterStatus {
    const b = this.cluster.brokers[0];
    let leaders = 0;
    for (const t of b.topics.list()) leaders += t.partitions.length;
    return {
      clusterId: b.clusterId, controllerId: b.controllerId, bootstrap: this.cluster.bootstrap, dataDir: this.cluster.dataDir,
      brokers: [{
        nodeId: b.nodeId, host: b.advertised.host, port: b.port, state: 'running', fenced: false, paused: false,
        isolation: 'none', fetchDelayMs: 0, controller: true, leaders, replicas: leaders,
      }],
    };
  }

  private refuse(what: string): never {
    throw new TidepoolError('TP_CONFLICT',
      `Cannot ${what} the only broker of a one-broker cluster; stop the whole cluster instead, or start it with more brokers.`);
  }

  stopBroker(): Promise<void> { return this.refuse('stop'); }
  killBroker(): Promise<void> { return this.refuse('kill'); }
  startBroker(): Promise<void> { return this.refuse('start'); }
  restartBroker(): Promise<void> { return this.refuse('restart'); }

  private noFaults(): never {
    throw new TidepoolError('TP_CONFLICT', 'Fault injection needs the multi-broker local cluster, which this build does not run yet.');
  }

  pauseBroker(): void { this.noFaults(); }
  resumeBroker(): void { this.noFaults(); }
  slowBroker(_nodeId: number, _fetchDelayMs: number): void { this.noFaults(); }
  isolateBroker(_nodeId: number, _mode: IsolationMode): void { this.noFaults(); }
  healBroker(): void { this.noFaults(); }

  replication(topic?: string): PartitionReplication[] {
    const b = this.cluster.brokers[0];
    const out: PartitionReplication[] = [];
    for (const t of b.topics.list()) {
      if (topic !== undefined && t.record.name !== topic) continue;
      for (const p of t.partitions) {
        // Merge fix (failover-tests): with the cluster runtime a node's partition list can have holes.
        if (!p || t.offline.has(p.index)) continue;
        out.push({
          topic: t.record.name, partition: p.index, leader: b.nodeId, leaderEpoch: p.leaderEpoch, highWatermark: p.log.highWatermark,
          replicas: [{ nodeId: b.nodeId, logEndOffset: p.log.logEndOffset, lag: 0n, lastCaughtUpTimeMs: null, inIsr: true, outOfSyncReason: null }],
          epochHistory: [],
        });
      }
    }
    return out;
  }

  events(sinceSeq?: number): ClusterEvent[] {
    return sinceSeq === undefined ? [...this.log] : this.log.filter((e) => e.seq > sinceSeq);
  }

  onEvent(cb: (e: ClusterEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
}
