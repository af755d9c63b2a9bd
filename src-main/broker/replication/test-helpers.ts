/**
 * Test support: N standalone Brokers (real TCP on port 0, own data dirs) driven as a replicated cluster by
 * hand, with the controller's real pure decisions over an in-memory metadata image standing in for the
 * cluster runtime: topics are created on every node and in the image, partition states are pushed to every
 * live replica, AlterPartition goes through the real `alterPartition` check (epochs, eligibility), and
 * fencing a broker runs the real re-election. Test files only (the layering test exempts *test-helpers.ts).
 */
import { rmSync } from 'node:fs';
import { Broker } from '../broker.js';
import { FaultSwitches } from '../faults.js';
import { tempDir, waitFor } from '../test-support/test-broker.js';
import { ControllerError } from '../../cluster/controller/controller-error.js';
import { alterPartition } from '../../cluster/controller/partition-decisions.js';
import { reassignPartition } from '../../cluster/controller/reassignment.js';
import { topicByName, type MetadataImage } from '../../cluster/controller/metadata-image.js';
import { clusterOf, commit, fence, unfence, withTopic } from '../../cluster/controller/test-helpers.js';
import { replicaManager, type ReplicaManager } from './index.js';
import type { AlterIsrRequest, AlterIsrResult, PartitionState, ReplicationPorts } from './partition-state.js';

export interface TestClusterOptions {
  brokers?: number;
  /** Extra settings for every node (Kafka names), e.g. replica.lag.time.max.ms. */
  raw?: Record<string, string>;
}

export class TestReplicationCluster {
  image: MetadataImage;
  readonly brokers = new Map<number, Broker>();
  readonly faults = new Map<number, FaultSwitches>();
  readonly dirs = new Map<number, string>();
  readonly logs: string[] = [];
  readonly alterRequests: AlterIsrRequest[] = [];
  private readonly stopped = new Set<number>();

  private constructor(n: number, private readonly raw: Record<string, string>) {
    this.image = clusterOf(n);
  }

  static async start(opts: TestClusterOptions = {}): Promise<TestReplicationCluster> {
    const n = opts.brokers ?? 3;
    const c = new TestReplicationCluster(n, opts.raw ?? {});
    for (let id = 1; id <= n; id++) {
      c.dirs.set(id, tempDir(`tidepool-repl-${id}-`));
      c.faults.set(id, new FaultSwitches());
      await c.startNode(id);
    }
    return c;
  }

  broker(id: number): Broker {
    const b = this.brokers.get(id);
    if (b === undefined) throw new Error(`broker ${id} is not running`);
    return b;
  }

  manager(id: number): ReplicaManager {
    return replicaManager(this.broker(id));
  }

  /**
   * Creates the topic on every running node and in the image (assignment: replicas per partition), then
   * pushes states (unless `push` is false: the test prepares the logs first).
   */
  createTopic(name: string, assignment: number[][], configs: Record<string, string> = {}, push = true): void {
    for (const b of this.brokers.values()) b.topics.create(name, { partitions: assignment.length, configs });
    this.image = withTopic(this.image, { name, assignment, configs });
    if (push) this.pushAll();
  }

  /** Starts a reassignment through the real controller decision and pushes the result. */
  reassign(topic: string, partition: number, target: number[]): void {
    this.image = commit(this.image, reassignPartition(this.image, topic, partition, target).records);
    this.pushAll();
  }

  /** Brokers whose address the ports hide (as for a broker the cluster cannot reach). */
  readonly unreachable = new Set<number>();

  state(topic: string, partition = 0): PartitionState {
    const t = topicByName(this.image, topic);
    const p = t?.partitions.get(partition);
    if (t === undefined || p === undefined) throw new Error(`no ${topic}-${partition}`);
    return {
      topic, topicId: t.id, partition, leader: p.leader, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch,
      replicas: [...p.replicas], isr: [...p.isr], addingReplicas: [...p.addingReplicas], removingReplicas: [...p.removingReplicas],
    };
  }

  /**
   * Pushes every partition's state to every running node that hosts it (what metadata propagation does);
   * a node that is not a replica gets told to stop serving it.
   */
  pushAll(): void {
    for (const t of this.image.topicsById.values()) for (const p of t.partitions.keys()) this.push(this.state(t.name, p));
  }

  push(s: PartitionState, only?: number): void {
    for (const [id, b] of this.brokers) {
      if (only !== undefined && id !== only) continue;
      if (b.topics.partition(s.topic, s.partition) !== undefined) this.manager(id).applyPartitionState(s);
    }
  }

  /** The controller fences `id` (lost heartbeats): ISR shrink and re-election by the real decisions. */
  fenceBroker(id: number): void {
    this.image = fence(this.image, id);
    this.pushAll();
  }

  unfenceBroker(id: number): void {
    this.image = unfence(this.image, id);
    this.pushAll();
  }

  /** Stops a node (clean) and fences it. */
  async stopBroker(id: number): Promise<void> {
    const b = this.broker(id);
    this.brokers.delete(id);
    this.stopped.add(id);
    await b.stop();
    this.fenceBroker(id);
  }

  /** Starts a stopped node on its data dir, unfences it and pushes states. */
  async restartBroker(id: number): Promise<void> {
    this.stopped.delete(id);
    await this.startNode(id);
    this.unfenceBroker(id);
  }

  /** Waits until every replica of the partition has the leader's log end offset. */
  async waitInSync(topic: string, partition = 0, ms = 15_000): Promise<void> {
    await waitFor(() => {
      const s = this.state(topic, partition);
      const leader = this.brokers.get(s.leader)?.topics.partition(topic, partition);
      if (leader === undefined) return false;
      return s.replicas.every((id) => this.brokers.get(id)?.topics.partition(topic, partition)?.log.logEndOffset === leader.log.logEndOffset);
    }, ms, `${topic}-${partition} replicas in sync`);
  }

  async close(): Promise<void> {
    for (const b of this.brokers.values()) await b.stop();
    this.brokers.clear();
    for (const d of this.dirs.values()) rmSync(d, { recursive: true, force: true });
  }

  private async startNode(id: number): Promise<void> {
    const broker = await Broker.start({
      nodeId: id, host: '127.0.0.1', port: 0, dataDir: this.dirs.get(id)!, raw: this.raw,
      logger: { info: (m) => this.logs.push(`[${id}] ${m}`), warn: (m) => this.logs.push(`[${id}] WARN ${m}`) },
    });
    this.brokers.set(id, broker);
    replicaManager(broker).attach(this.ports(id), { faults: this.faults.get(id)!, logger: broker.logger });
  }

  private ports(id: number): ReplicationPorts {
    return {
      brokerAddress: (n) => {
        const b = this.brokers.get(n);
        return b === undefined || this.unreachable.has(n) || this.image.brokers.get(n)?.fenced ? null : { host: '127.0.0.1', port: b.port };
      },
      alterPartition: async (req) => this.alter(id, req),
      brokerEpoch: () => this.image.brokers.get(id)?.epoch ?? -1n,
    };
  }

  private alter(id: number, req: AlterIsrRequest): AlterIsrResult {
    this.alterRequests.push(req);
    if (this.faults.get(id)?.reachesCluster === false) return { ok: false, error: 'REQUEST_TIMED_OUT', message: 'cannot reach the controller' };
    try {
      const t = topicByName(this.image, req.topic);
      if (t === undefined) throw new ControllerError('UNKNOWN_TOPIC_OR_PARTITION', `no topic ${req.topic}`);
      const d = alterPartition(this.image, {
        brokerId: req.leaderId, brokerEpoch: this.image.brokers.get(id)!.epoch, topicId: t.id, partitionId: req.partition,
        leaderEpoch: req.leaderEpoch, partitionEpoch: req.partitionEpoch, newIsr: req.newIsr,
      });
      this.image = commit(this.image, d.records);
      const state = this.state(req.topic, req.partition);
      this.push(state); // propagation reaches every node, the asking leader included (before its answer)
      return { ok: true, state };
    } catch (err) {
      if (err instanceof ControllerError) return { ok: false, error: err.code, message: err.message };
      throw err;
    }
  }
}
