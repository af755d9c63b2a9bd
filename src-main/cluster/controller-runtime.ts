/**
 * The controller at run time: owns the one MetadataLog at `<dataDir>/controller/` and runs the pure
 * decisions of controller/ against it, one at a time (every decision is synchronous: it reads the image,
 * appends its records as one batch, and only then is the next one taken, so decisions are serialized by
 * construction). Brokers register (a new epoch per start), heartbeat, and are fenced when their session
 * (broker.session.timeout.ms) passes without a heartbeat, with the cause; a fenced broker that heartbeats
 * again with its current epoch is unfenced.
 *
 * Quorum: the metadata log is owned by the cluster host, a simulated single-node quorum that never fails
 * over. The "active controller" that Metadata and DescribeCluster report is a role given to the lowest-id
 * live (unfenced) broker; it moves when that broker stops, dies or is cut off (listeners hear each move).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/index.js';
import type { AdminResult, CreateTopicSpec, ElectionType } from '../broker/cluster-link.js';
import type { AlterIsrRequest, AlterIsrResult, PartitionState } from '../broker/replication/partition-state.js';
import {
  ConfigResourceType, ControllerError, MetadataLog, alterConfig, alterPartition, createPartitions, createTopic, deleteTopic,
  electLeader, fenceBroker, listReassignments, reassignPartition, registerBroker, systemRandom, unfenceBroker,
  type AppendedRecords, type BrokerRegistration, type MetadataImage, type MetadataRecord, type PartitionImage, type Random,
} from './controller/index.js';

export interface ControllerRuntimeOptions {
  /** The controller's directory (`<cluster dataDir>/controller`). */
  dir: string;
  /** broker.session.timeout.ms */
  sessionTimeoutMs: number;
  /** How often sessions are checked (default: a quarter of the session timeout, at least 10 ms). */
  checkIntervalMs?: number;
  now?: () => number;
  random?: Random;
  /** A cluster id to adopt when the controller directory is new (e.g. from an older single-broker data dir). */
  adoptClusterId?: string | null;
  /** The event stream (cluster-events.ts): each append runs inside it with the decision's cause. */
  events?: { withCause<T>(cause: string, fn: () => T, replicaReasons?: ReadonlyMap<number, string>): T };
}

const CLUSTER_ID_FILE = 'cluster.id';

export class ControllerRuntime {
  readonly clusterId: string;
  private readonly log: MetadataLog;
  private readonly now: () => number;
  private readonly random: Random;
  /** Last heartbeat (ms) per broker id, for this run; brokers registered in an earlier run start their session at open. */
  private readonly lastHeartbeat = new Map<number, number>();
  private readonly heardThisRun = new Set<number>();
  private readonly moveListeners = new Set<(next: number, prev: number, cause: string) => void>();
  private active: number;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly checkEveryMs: number;
  private lastCheck: number;

  private constructor(private readonly opts: ControllerRuntimeOptions, log: MetadataLog, clusterId: string) {
    this.log = log;
    this.clusterId = clusterId;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? systemRandom;
    const t = this.now();
    for (const b of log.image.brokers.values()) if (!b.fenced) this.lastHeartbeat.set(b.id, t);
    this.checkEveryMs = opts.checkIntervalMs ?? Math.max(10, Math.floor(opts.sessionTimeoutMs / 4));
    this.lastCheck = t;
    this.active = lowestLive(log.image);
  }

  static open(opts: ControllerRuntimeOptions): ControllerRuntime {
    mkdirSync(opts.dir, { recursive: true });
    const idFile = join(opts.dir, CLUSTER_ID_FILE);
    let clusterId: string;
    if (existsSync(idFile)) {
      clusterId = readFileSync(idFile, 'utf8').trim();
    } else {
      clusterId = opts.adoptClusterId ?? randomBytes(16).toString('base64url');
      writeFileAtomic(idFile, `${clusterId}\n`);
    }
    const log = MetadataLog.open({ dataDir: opts.dir, now: opts.now });
    const rt = new ControllerRuntime(opts, log, clusterId);
    rt.timer = setInterval(() => rt.checkSessions(), rt.checkEveryMs);
    rt.timer.unref();
    return rt;
  }

  get image(): MetadataImage { return this.log.image; }
  /** Lowest-id unfenced broker; -1 when none is live. */
  get controllerId(): number { return this.active; }

  /** Every append, in order (the brokers' metadata propagation and the event stream listen here). */
  onAppend(cb: (appended: AppendedRecords) => void): () => void {
    return this.log.onAppend(cb);
  }

  onControllerMove(cb: (next: number, prev: number, cause: string) => void): () => void {
    this.moveListeners.add(cb);
    return () => this.moveListeners.delete(cb);
  }

  readAll(): ReturnType<MetadataLog['readAll']> {
    return this.log.readAll();
  }

  /**
   * Registers a starting broker and returns its new epoch. A registration from an earlier run of the host
   * is replaced in place (its leaderships and ISR places are kept, so a whole-cluster restart comes back as
   * it was); a live registration from this run with another incarnation (a broker killed and restarted
   * before its session ran out) is fenced first, as its session is over.
   */
  register(reg: BrokerRegistration): bigint {
    const existing = this.image.brokers.get(reg.brokerId);
    if (existing !== undefined && !existing.fenced && existing.incarnationId !== reg.incarnationId) {
      if (this.heardThisRun.has(reg.brokerId)) {
        this.append(fenceBroker(this.image, reg.brokerId, existing.epoch, `broker ${reg.brokerId} restarted`), `broker ${reg.brokerId} restarted`);
      } else {
        const brokerEpoch = this.image.lastOffset + 1n;
        this.append([{ type: 'RegisterBroker', brokerId: reg.brokerId, incarnationId: reg.incarnationId, brokerEpoch, host: reg.host, port: reg.port, rack: reg.rack ?? null }], `broker ${reg.brokerId} started`);
        this.touch(reg.brokerId);
        return brokerEpoch;
      }
    }
    const decision = registerBroker(this.image, reg);
    this.append(decision.records, `broker ${reg.brokerId} started`);
    this.touch(reg.brokerId);
    return decision.brokerEpoch;
  }

  /**
   * A broker's heartbeat: renews its session; a fenced broker with its current epoch is unfenced (its
   * metadata is always caught up: propagation is in-process and synchronous). Throws STALE_BROKER_EPOCH
   * or BROKER_ID_NOT_REGISTERED for a heartbeat from an old incarnation.
   */
  heartbeat(brokerId: number, brokerEpoch: bigint): void {
    const b = this.image.brokers.get(brokerId);
    if (b === undefined) throw new ControllerError('BROKER_ID_NOT_REGISTERED', `broker ${brokerId} is not registered`);
    if (b.epoch !== brokerEpoch) throw new ControllerError('STALE_BROKER_EPOCH', `broker ${brokerId} has epoch ${b.epoch}, not ${brokerEpoch}`);
    this.touch(brokerId);
    if (b.fenced) this.append(unfenceBroker(this.image, brokerId, brokerEpoch), `broker ${brokerId} unfenced`);
  }

  /** Controlled shutdown: leadership moves to other ISR members and the broker is fenced, in one decision. */
  controlledShutdown(brokerId: number, brokerEpoch: bigint): void {
    const b = this.image.brokers.get(brokerId);
    if (b === undefined || b.epoch !== brokerEpoch || b.fenced) return;
    this.lastHeartbeat.delete(brokerId);
    this.append(fenceBroker(this.image, brokerId, brokerEpoch, 'controlled shutdown'), `broker ${brokerId} stopped`);
  }

  /**
   * Fences every unfenced broker whose session ran out. The brokers' heartbeats and this check share the
   * host's event loop: when the check itself comes late by more than half a session, the host was stalled
   * (GC, a busy loop, a suspended laptop), not the brokers, so every session is extended by the stall instead
   * of fencing brokers whose heartbeats were simply not run. A real separate process would not be affected.
   */
  checkSessions(): void {
    if (this.closed) return;
    const t = this.now();
    const late = t - this.lastCheck - this.checkEveryMs;
    this.lastCheck = t;
    if (late > this.opts.sessionTimeoutMs / 2) {
      for (const [id, last] of this.lastHeartbeat) this.lastHeartbeat.set(id, last + late);
      return;
    }
    for (const b of [...this.image.brokers.values()]) {
      if (b.fenced) continue;
      const last = this.lastHeartbeat.get(b.id) ?? t;
      const silent = t - last;
      if (silent < this.opts.sessionTimeoutMs) continue;
      const cause = `no heartbeat for ${silent} ms (broker.session.timeout.ms ${this.opts.sessionTimeoutMs})`;
      try {
        this.append(fenceBroker(this.image, b.id, b.epoch, cause), `broker ${b.id} fenced: ${cause}`);
      } catch {
        // The log refused (a storage failure): the next check tries again.
      }
    }
  }

  createTopic(spec: CreateTopicSpec): AdminResult<{ topicId: string }> {
    return this.decide(() => {
      const d = createTopic(this.image, {
        name: spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor,
        assignment: spec.assignment, configs: spec.configs,
      }, this.random);
      return { records: d.records, value: { topicId: d.topicId } };
    }, `topic ${spec.name} created`);
  }

  deleteTopic(name: string): AdminResult {
    return this.decide(() => ({ records: deleteTopic(this.image, name), value: undefined }), `topic ${name} deleted`);
  }

  createPartitions(name: string, total: number, assignment?: number[][]): AdminResult {
    return this.decide(() => ({ records: createPartitions(this.image, name, total, this.random, assignment), value: undefined }), `partitions added to ${name}`);
  }

  alterTopicConfigs(name: string, changes: Record<string, string | null>): AdminResult {
    return this.decide(() => {
      const records: MetadataRecord[] = [];
      for (const [k, v] of Object.entries(changes)) records.push(...alterConfig(this.image, ConfigResourceType.TOPIC, name, k, v));
      return { records, value: undefined };
    }, `configs of ${name} altered`);
  }

  electLeader(topic: string, partition: number, type: ElectionType): AdminResult {
    return this.decide(() => ({ records: electLeader(this.image, topic, partition, type).records, value: undefined }), `${type} election`);
  }

  reassignPartition(topic: string, partition: number, replicas: number[] | null): AdminResult {
    return this.decide(() => ({ records: reassignPartition(this.image, topic, partition, replicas).records, value: undefined }), 'reassignment');
  }

  /**
   * One-time import of a pre-controller single-broker catalog: each topic not in the metadata keeps its id and
   * configs, with every partition on `brokerId` alone (leader, ISR), so its logs on disk are used as they are.
   */
  importTopics(topics: readonly { name: string; id: string; partitions: number; configs: Record<string, string> }[], brokerId: number): AdminResult<number> {
    return this.decide(() => {
      const records: MetadataRecord[] = [];
      let count = 0;
      for (const t of topics) {
        if (this.image.topicIdsByName.has(t.name) || this.image.topicsById.has(t.id)) continue;
        count++;
        records.push({ type: 'Topic', name: t.name, topicId: t.id });
        for (const [name, value] of Object.entries(t.configs)) {
          records.push({ type: 'Config', resourceType: ConfigResourceType.TOPIC, resourceName: t.name, name, value });
        }
        for (let p = 0; p < t.partitions; p++) {
          records.push({
            type: 'Partition', topicId: t.id, partitionId: p, replicas: [brokerId], isr: [brokerId], addingReplicas: [],
            removingReplicas: [], leader: brokerId, leaderEpoch: 0, partitionEpoch: 0,
          });
        }
      }
      return { records, value: count };
    }, 'topics imported from the single-broker catalog');
  }

  listReassignments(): { topic: string; partition: number; replicas: number[]; addingReplicas: number[]; removingReplicas: number[] }[] {
    return listReassignments(this.image).map((r) => ({
      topic: r.topic, partition: r.partitionId, replicas: r.replicas, addingReplicas: r.addingReplicas, removingReplicas: r.removingReplicas,
    }));
  }

  /** A leader's ISR change (AlterPartition), checked against its broker epoch, leader epoch and partition epoch. */
  alterPartition(req: AlterIsrRequest, brokerEpoch: bigint): AlterIsrResult {
    const topicId = this.image.topicIdsByName.get(req.topic);
    if (topicId === undefined) return { ok: false, error: 'UNKNOWN_TOPIC_OR_PARTITION', message: `topic ${req.topic} does not exist` };
    const r = this.decide(() => {
      const d = alterPartition(this.image, {
        brokerId: req.leaderId, brokerEpoch, topicId, partitionId: req.partition, leaderEpoch: req.leaderEpoch,
        partitionEpoch: req.partitionEpoch, newIsr: req.newIsr,
      });
      return { records: d.records, value: d.partition };
    }, isrCause(req), new Map([
      ...req.removed.map((x): [number, string] => [x.id, x.reason]),
      ...req.added.map((id): [number, string] => [id, `replica ${id} caught up with leader ${req.leaderId}`]),
    ]));
    return r.ok ? { ok: true, state: partitionState(req.topic, r.value) } : r;
  }

  /** Stops fencing on missed heartbeats (the host is shutting every broker down at once). */
  stopSessionChecks(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.moveListeners.clear();
    this.log.close();
  }

  private touch(brokerId: number): void {
    this.lastHeartbeat.set(brokerId, this.now());
    this.heardThisRun.add(brokerId);
  }

  /** Runs one decision; a ControllerError (or a refused append) becomes a Kafka error name and message. */
  private decide<T>(fn: () => { records: MetadataRecord[]; value: T }, cause: string, replicaReasons?: ReadonlyMap<number, string>): AdminResult<T> {
    if (this.closed) return { ok: false, error: 'NOT_CONTROLLER', message: 'the controller is shut down' };
    try {
      const { records, value } = fn();
      this.append(records, cause, replicaReasons);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ControllerError) {
        return { ok: false, error: err.code === 'CORRUPT_METADATA' ? 'UNKNOWN_SERVER_ERROR' : err.code, message: err.message };
      }
      return { ok: false, error: 'KAFKA_STORAGE_ERROR', message: `the metadata log refused the change: ${(err as Error).message}` };
    }
  }

  private append(records: MetadataRecord[], cause: string, replicaReasons?: ReadonlyMap<number, string>): void {
    if (records.length === 0) return;
    const events = this.opts.events;
    if (events) events.withCause(cause, () => this.log.append(records), replicaReasons);
    else this.log.append(records);
    const next = lowestLive(this.image);
    if (next !== this.active) {
      const prev = this.active;
      this.active = next;
      for (const cb of [...this.moveListeners]) cb(next, prev, cause);
    }
  }
}

/** Why a leader changed the ISR, in words: the removed replicas' reasons, then who caught up. */
function isrCause(req: AlterIsrRequest): string {
  const parts = [...req.removed.map((r) => r.reason), ...req.added.map((id) => `replica ${id} caught up with leader ${req.leaderId}`)];
  return parts.length > 0 ? parts.join('; ') : `ISR change by leader ${req.leaderId}`;
}

function lowestLive(image: MetadataImage): number {
  let best = -1;
  for (const b of image.brokers.values()) if (!b.fenced && (best === -1 || b.id < best)) best = b.id;
  return best;
}

export function partitionState(topic: string, p: PartitionImage): PartitionState {
  return {
    topic, topicId: p.topicId, partition: p.partitionId, leader: p.leader, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch,
    replicas: p.replicas, isr: p.isr, addingReplicas: p.addingReplicas, removingReplicas: p.removingReplicas,
  };
}
