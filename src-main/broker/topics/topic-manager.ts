/**
 * The topic/partition manager of one node: the topic catalog, one Partition per (topic, index) this node
 * holds, backed by a storage PartitionLog in `<dataDir>/<topic>-<index>/` (Kafka's layout), and the
 * create / delete / add-partitions / config operations with Kafka's checks and error codes. Failures are
 * TopicError carrying the Kafka error to answer with.
 * Standalone, the catalog is this node's own (persisted by TopicStore) and it holds every partition. In a
 * cluster (a ClusterLink given), the catalog is the controller's metadata: changes go to the controller and
 * come back through the link (cluster-sync.ts applies them), the node opens logs only for partitions it
 * replicates (other entries are undefined), and it tells listeners the state of each partition it holds.
 */
import { randomBytes } from 'node:crypto';
import { KafkaError } from '../../protocol/index.js';
import { TopicError } from './topic-error.js';
import { LogManager, resolveLogConfig, type LogConfigInput, type StorageError } from '../../storage/index.js';
import type { BrokerSettings } from '../settings.js';
import { logConfigFor } from './log-config.js';
import { OfflineLog, Partition, type PartitionLogPort } from './partition.js';
import { isInternalTopic, topicNameProblem } from './topic-names.js';
import { REPLICA_CATALOG_FILE, TopicStore, type TopicRecord } from './topic-store.js';
import { KNOWN_TOPIC_CONFIGS } from './topic-configs.js';
import { liveBrokers, type AdminResult, type ClusterLink } from '../cluster-link.js';
import type { PartitionState } from '../replication/partition-state.js';
import { ClusterSync, type PartitionStateListener } from './cluster-sync.js';

export { TopicError };

export interface Topic {
  readonly record: TopicRecord;
  /**
   * Index -> partition, one entry per partition of the topic; a partition whose log could not be opened has
   * an OfflineLog; in a cluster, a partition this node does not replicate is undefined.
   */
  readonly partitions: (Partition | undefined)[];
  /** Partitions whose logs failed to open (corrupt, unreadable): index -> why. Served as unavailable. */
  readonly offline: Map<number, string>;
  readonly internal: boolean;
}

export interface TopicManagerOptions {
  settings: BrokerSettings;
  /** Number of brokers in the cluster (replication factor bound). */
  brokerCount?: number;
  /** Background storage failures (retention, flush, compaction) and partitions that failed to open. */
  onStorageError?: (message: string) => void;
  /** Fault-injection seam (tests, cluster/faults later): wraps each partition log as it is opened. */
  wrapLog?: (log: PartitionLogPort, topic: string, partition: number) => PartitionLogPort;
  /** Extra topic-config validation (the full catalog from broker/config); returns a problem or null. */
  validateConfig?: (name: string, value: string) => string | null;
  /** Cluster mode: the catalog is the controller's metadata (see the header). */
  cluster?: ClusterLink;
}

export interface CreateTopicInput {
  /** -1 or undefined: num.partitions. */
  partitions?: number;
  /** -1 or undefined: default.replication.factor. */
  replicationFactor?: number;
  configs?: Record<string, string>;
  /** Manual placement, partition i at index i (cluster mode; a standalone node is the only replica). */
  assignment?: number[][];
}

const newUuid = (): string => randomBytes(16).toString('base64url');

export class TopicManager {
  readonly clusterId: string;
  private readonly topics = new Map<string, Topic>();
  private readonly store: TopicStore;
  private readonly logs: LogManager;
  private brokerCount: number;
  private readonly link: ClusterLink | null;
  private readonly sync: ClusterSync | null = null;

  /**
   * Opens the catalog and every partition log under the data dir (storage's LogManager, which also runs
   * retention, flush.ms and compaction in the background).
   */
  constructor(private readonly opts: TopicManagerOptions) {
    this.link = opts.cluster ?? null;
    this.store = new TopicStore(opts.settings.dataDir, this.link ? REPLICA_CATALOG_FILE : undefined);
    this.brokerCount = opts.brokerCount ?? 1;
    const saved = this.store.load();
    this.clusterId = this.link?.clusterId ?? saved?.clusterId ?? newUuid();
    const configs = new Map((saved?.topics ?? []).map((t) => [t.name, t.configs]));
    const retentionCheck = Number(opts.settings.raw['log.retention.check.interval.ms'] ?? 300_000);
    this.logs = LogManager.open({
      dataDir: opts.settings.dataDir,
      configFor: (topic) => logConfigFor(opts.settings, configs.get(topic) ?? this.topics.get(topic)?.record.configs ?? {}),
      retentionCheckMs: retentionCheck > 0 ? retentionCheck : 300_000,
      onError: (tp, err: StorageError) => opts.onStorageError?.(`${tp.topic}-${tp.partition}: ${err.message}`),
    });
    for (const f of this.logs.failedPartitions()) opts.onStorageError?.(`${f.topic}-${f.partition} is offline: ${f.error.message}`);
    if (this.link) {
      this.sync = new ClusterSync(this.link, {
        nodeId: opts.settings.nodeId, topics: this.topics, logs: this.logs,
        openPartition: (topic, index) => this.openPartition(topic, index, logConfigFor(this.opts.settings, topic.record.configs)),
        applyConfigs: (topic) => this.applyLogConfigs(topic), persist: () => this.persist(),
        warn: (m) => opts.onStorageError?.(m),
      }, saved?.topics ?? []);
    } else {
      for (const rec of saved?.topics ?? []) this.openTopic(rec);
      if (!saved) this.persist();
    }
    this.logs.start();
  }

  /** Cluster mode: the state (leader, epochs, replicas, ISR) of a partition in this node's metadata. */
  stateOf(topic: string, index: number): PartitionState | undefined {
    return this.sync?.stateOf(topic, index);
  }

  /**
   * Cluster mode: hears the state of every partition this node holds whenever it changes (null: the node no
   * longer holds it); called at once for each partition held now. Standalone nodes never call it.
   */
  onPartitionState(cb: PartitionStateListener): () => void {
    return this.sync?.onPartitionState(cb) ?? (() => {});
  }

  get settings(): BrokerSettings {
    return this.opts.settings;
  }

  list(): Topic[] {
    return [...this.topics.values()].sort((a, b) => a.record.name.localeCompare(b.record.name));
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  getById(id: string): Topic | undefined {
    for (const t of this.topics.values()) if (t.record.id === id) return t;
    return undefined;
  }

  partition(topic: string, index: number): Partition | undefined {
    return this.topics.get(topic)?.partitions[index];
  }

  /** Throws TopicError when a create with these arguments would fail; returns the resolved numbers. */
  checkCreate(name: string, input: CreateTopicInput): { partitions: number; replicationFactor: number } {
    const s = this.opts.settings;
    const problem = topicNameProblem(name);
    if (problem) throw new TopicError(KafkaError.INVALID_TOPIC_EXCEPTION, problem);
    if (this.topics.has(name)) throw new TopicError(KafkaError.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
    // Kafka forbids names that differ only by '.' vs '_': their metric names would collide.
    const folded = name.replaceAll('.', '_');
    for (const other of this.topics.keys()) {
      if (other.replaceAll('.', '_') === folded) {
        throw new TopicError(KafkaError.INVALID_TOPIC_EXCEPTION, `Topic '${name}' collides with existing topic: ${other}`);
      }
    }
    const partitions = input.partitions === undefined || input.partitions === -1 ? s.numPartitions : input.partitions;
    const rf = input.replicationFactor === undefined || input.replicationFactor === -1 ? s.defaultReplicationFactor : input.replicationFactor;
    if (!Number.isInteger(partitions) || partitions <= 0) {
      throw new TopicError(KafkaError.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
    }
    if (!Number.isInteger(rf) || rf <= 0) {
      throw new TopicError(KafkaError.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.');
    }
    const brokers = this.link ? liveBrokers(this.link.metadata()).length : this.brokerCount;
    if (rf > brokers) {
      throw new TopicError(KafkaError.INVALID_REPLICATION_FACTOR,
        `Unable to replicate the partition ${rf} time(s): The target replication factor of ${rf} cannot be reached because only ${brokers} broker(s) are registered.`);
    }
    this.checkConfigs(input.configs ?? {});
    return { partitions, replicationFactor: rf };
  }

  checkConfigs(configs: Record<string, string>): void {
    for (const [k, v] of Object.entries(configs)) {
      if (!KNOWN_TOPIC_CONFIGS.has(k)) throw new TopicError(KafkaError.INVALID_CONFIG, `Unknown topic config name: ${k}`);
      const extra = this.opts.validateConfig?.(k, v);
      if (extra) throw new TopicError(KafkaError.INVALID_CONFIG, extra);
    }
    try {
      resolveLogConfig(logConfigFor(this.opts.settings, configs));
    } catch (err) {
      throw new TopicError(KafkaError.INVALID_CONFIG, (err as Error).message);
    }
    const mmb = configs['max.message.bytes'];
    if (mmb !== undefined && !(Number.isInteger(Number(mmb)) && Number(mmb) >= 0)) {
      throw new TopicError(KafkaError.INVALID_CONFIG, `Invalid value ${mmb} for configuration max.message.bytes`);
    }
  }

  create(name: string, input: CreateTopicInput = {}): Topic {
    const { partitions, replicationFactor } = this.checkCreate(name, input);
    if (this.link) {
      this.viaController(this.link.createTopic({ name, partitions, replicationFactor, assignment: input.assignment, configs: { ...(input.configs ?? {}) } }));
      return this.mustHave(name);
    }
    const rec: TopicRecord = { name, id: newUuid(), partitions, replicationFactor, configs: { ...(input.configs ?? {}) } };
    const topic = this.openTopic(rec);
    this.persist();
    return topic;
  }

  delete(name: string): void {
    const topic = this.topics.get(name);
    if (!topic) throw new TopicError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
    if (!this.opts.settings.deleteTopicEnable) throw new TopicError(KafkaError.TOPIC_DELETION_DISABLED, 'Topic deletion is disabled.');
    if (this.link) {
      this.viaController(this.link.deleteTopic(name));
      return;
    }
    this.topics.delete(name);
    this.persist();
    for (const p of topic.partitions) {
      if (p === undefined) continue;
      this.logs.delete(name, p.index);
      p.notify(); // a fetch waiting on it answers now
    }
  }

  /** Throws TopicError when growing `name` to `total` partitions would fail. */
  checkCreatePartitions(name: string, total: number): Topic {
    const topic = this.topics.get(name);
    if (!topic) throw new TopicError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    const current = topic.record.partitions;
    if (!Number.isInteger(total) || total < current) {
      throw new TopicError(KafkaError.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${total}.`);
    }
    if (total === current) throw new TopicError(KafkaError.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
    return topic;
  }

  createPartitions(name: string, total: number, assignment?: number[][]): void {
    const topic = this.checkCreatePartitions(name, total);
    if (this.link) {
      this.viaController(this.link.createPartitions(name, total, assignment));
      return;
    }
    const cfg = logConfigFor(this.opts.settings, topic.record.configs);
    for (let i = topic.record.partitions; i < total; i++) this.openPartition(topic, i, cfg);
    topic.record.partitions = total;
    this.persist();
  }

  /** Replaces a topic's config overrides (AlterConfigs semantics); validated first. */
  setConfigs(name: string, configs: Record<string, string>): void {
    const topic = this.topics.get(name);
    if (!topic) throw new TopicError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    this.checkConfigs(configs);
    if (this.link) {
      const changes: Record<string, string | null> = { ...configs };
      for (const k of Object.keys(topic.record.configs)) if (!(k in configs)) changes[k] = null;
      this.viaController(this.link.alterTopicConfigs(name, changes));
      return;
    }
    topic.record.configs = { ...configs };
    this.persist();
    this.applyLogConfigs(topic);
  }

  /** Live: storage reads its config per append / retention pass / cleaner pass. */
  private applyLogConfigs(topic: Topic): void {
    const cfg = resolveLogConfig(logConfigFor(this.opts.settings, topic.record.configs));
    for (const p of topic.partitions) if (p !== undefined && !topic.offline.has(p.index)) (p.log as PartitionLogPort & { config: unknown }).config = cfg;
  }

  /** A controller answer as this node's outcome: an error becomes the TopicError a handler answers with. */
  private viaController<T>(r: AdminResult<T>): T {
    if (r.ok) return r.value;
    throw new TopicError(KafkaError[r.error] ?? KafkaError.UNKNOWN_SERVER_ERROR, r.message);
  }

  private mustHave(name: string): Topic {
    const t = this.topics.get(name);
    // The link applies the controller's records before its call returns; a miss means this node lags.
    if (!t) throw new TopicError(KafkaError.REQUEST_TIMED_OUT, `topic ${name} was created but this broker has not seen it yet`);
    return t;
  }

  /** Clean shutdown of every log (clean-shutdown markers written), background work stopped. */
  async close(): Promise<void> {
    this.sync?.close();
    this.topics.clear();
    await this.logs.close();
  }

  /** Abrupt close (a killed broker): logs abandoned unflushed, without clean-shutdown markers. */
  abandon(): void {
    this.sync?.close();
    this.topics.clear();
    this.logs.abandon();
  }

  private openPartition(topic: Topic, index: number, cfg: LogConfigInput): Partition {
    try {
      const log: PartitionLogPort = this.logs.getOrCreate(topic.record.name, index, cfg);
      const p = new Partition(topic.record.name, index, this.opts.wrapLog?.(log, topic.record.name, index) ?? log);
      topic.partitions[index] = p;
      topic.offline.delete(index);
      return p;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const p = new Partition(topic.record.name, index, new OfflineLog(err, `${topic.record.name}-${index}`));
      topic.partitions[index] = p;
      topic.offline.set(index, why);
      this.opts.onStorageError?.(`${topic.record.name}-${index} is offline: ${why}`);
      return p;
    }
  }

  private openTopic(rec: TopicRecord): Topic {
    const cfg = logConfigFor(this.opts.settings, rec.configs);
    const topic: Topic = { record: rec, partitions: [], offline: new Map(), internal: isInternalTopic(rec.name) };
    for (let i = 0; i < rec.partitions; i++) this.openPartition(topic, i, cfg);
    this.topics.set(rec.name, topic);
    return topic;
  }

  private persist(): void {
    this.store.save(this.clusterId, [...this.topics.values()].map((t) => t.record));
  }
}
