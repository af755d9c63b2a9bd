/**
 * One broker's membership in the local cluster: the ClusterLink its Broker is given, plus the broker-side
 * life of a member (register at start with a new incarnation, heartbeat every broker.heartbeat.interval.ms).
 * Metadata propagation: the node follows the controller's metadata log in-process; each append's image
 * (immutable, so "the node's own copy" is a reference to the image at the last offset it applied) becomes
 * the node's view, synchronously, before the controller's call returns. While the node cannot reach the
 * cluster (FaultSwitches.reachesCluster false: paused or isolated from brokers) it neither heartbeats nor
 * learns metadata, and its admin requests time out; once it can again it catches up to the latest image.
 */
import { randomBytes } from 'node:crypto';
import type { AdminResult, ClusterLink, CreateTopicSpec, ElectionType, MetadataView } from '../broker/cluster-link.js';
import type { FaultSwitches } from '../broker/faults.js';
import type { AlterIsrRequest, AlterIsrResult } from '../broker/replication/partition-state.js';
import type { ControllerRuntime } from './controller-runtime.js';

export class NodeLink implements ClusterLink {
  private view: MetadataView;
  private epoch = -1n;
  private readonly listeners = new Set<(next: MetadataView, prev: MetadataView) => void>();
  private readonly unsubscribes: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private detached = false;

  constructor(
    private readonly controller: ControllerRuntime, readonly nodeId: number, readonly faults: FaultSwitches,
    private readonly heartbeatIntervalMs: number, private readonly warn: (m: string) => void = () => {},
  ) {
    this.view = controller.image;
    this.unsubscribes.push(controller.onAppend((a) => { if (this.faults.reachesCluster) this.advance(a.image); }));
    this.unsubscribes.push(faults.onChange(() => { if (this.faults.reachesCluster) this.advance(this.controller.image); }));
  }

  get clusterId(): string { return this.controller.clusterId; }

  /** Registers the started node at its address (a new epoch), heartbeats at once (unfenced) and then on a timer. */
  join(address: { host: string; port: number }): void {
    this.epoch = this.controller.register({
      brokerId: this.nodeId, incarnationId: randomBytes(16).toString('base64url'), host: address.host, port: address.port,
    });
    this.beat();
    this.timer = setInterval(() => this.beat(), this.heartbeatIntervalMs);
    this.timer.unref();
  }

  /** Clean stop: controlled shutdown through the controller (leaderships move, the node is fenced). */
  leave(): void {
    if (this.epoch >= 0n && this.faults.reachesCluster) this.controller.controlledShutdown(this.nodeId, this.epoch);
    this.detach();
  }

  /** Stops heartbeating and following metadata (a killed node just goes silent). */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    if (this.timer) clearInterval(this.timer);
    for (const u of this.unsubscribes) u();
    this.listeners.clear();
  }

  metadata(): MetadataView { return this.view; }

  controllerId(): number {
    let best = -1;
    for (const b of this.view.brokers.values()) if (!b.fenced && (best === -1 || b.id < best)) best = b.id;
    return best;
  }

  onMetadata(cb: (next: MetadataView, prev: MetadataView) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  brokerEpoch(): bigint { return this.epoch; }

  createTopic(spec: CreateTopicSpec): AdminResult<{ topicId: string }> {
    return this.unreachable() ?? this.controller.createTopic(spec);
  }

  deleteTopic(name: string): AdminResult {
    return this.unreachable() ?? this.controller.deleteTopic(name);
  }

  createPartitions(name: string, total: number, assignment?: number[][]): AdminResult {
    return this.unreachable() ?? this.controller.createPartitions(name, total, assignment);
  }

  alterTopicConfigs(name: string, changes: Record<string, string | null>): AdminResult {
    return this.unreachable() ?? this.controller.alterTopicConfigs(name, changes);
  }

  electLeader(topic: string, partition: number, type: ElectionType): AdminResult {
    return this.unreachable() ?? this.controller.electLeader(topic, partition, type);
  }

  reassignPartition(topic: string, partition: number, replicas: number[] | null): AdminResult {
    return this.unreachable() ?? this.controller.reassignPartition(topic, partition, replicas);
  }

  listReassignments(): ReturnType<ClusterLink['listReassignments']> {
    return this.controller.listReassignments();
  }

  alterPartition(req: AlterIsrRequest): Promise<AlterIsrResult> {
    return Promise.resolve(this.unreachable() ?? this.controller.alterPartition(req, this.epoch));
  }

  private unreachable(): { ok: false; error: string; message: string } | null {
    if (this.detached) return { ok: false, error: 'BROKER_NOT_AVAILABLE', message: `broker ${this.nodeId} is shut down` };
    if (this.faults.reachesCluster) return null;
    return { ok: false, error: 'REQUEST_TIMED_OUT', message: `broker ${this.nodeId} cannot reach the controller` };
  }

  private beat(): void {
    if (this.detached || !this.faults.reachesCluster) return;
    try {
      this.controller.heartbeat(this.nodeId, this.epoch);
    } catch (err) {
      this.warn(`broker ${this.nodeId} heartbeat refused: ${(err as Error).message}`);
    }
  }

  private advance(next: MetadataView): void {
    if (this.detached || next === this.view) return;
    const prev = this.view;
    this.view = next;
    for (const cb of [...this.listeners]) {
      try {
        cb(next, prev);
      } catch (err) {
        // A node's failure to apply metadata must not fail the controller's decision (it is committed).
        this.warn(`broker ${this.nodeId} failed to apply metadata at offset ${next.lastOffset}: ${(err as Error).message}`);
      }
    }
  }
}
