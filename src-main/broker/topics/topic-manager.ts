/**
 * The topic/partition manager of one node: the topic catalog (persisted by TopicStore), one Partition per
 * (topic, index) backed by a storage PartitionLog in `<dataDir>/<topic>-<index>/` (Kafka's layout), and the
 * create / delete / add-partitions / config operations with Kafka's checks and error codes. Failures are
 * TopicError carrying the Kafka error to answer with.
 */
import { randomBytes } from 'node:crypto';
import { KafkaError } from '../../protocol/index.js';
import { TopicError } from './topic-error.js';
import { LogManager, resolveLogConfig, type LogConfigInput, type StorageError } from '../../storage/index.js';
import type { BrokerSettings } from '../settings.js';
import { logConfigFor } from './log-config.js';
import { OfflineLog, Partition, type PartitionLogPort } from './partition.js';
import { isInternalTopic, topicNameProblem } from './topic-names.js';
import { TopicStore, type TopicRecord } from './topic-store.js';
import { KNOWN_TOPIC_CONFIGS } from './topic-configs.js';

export { TopicError };

export interface Topic {
  readonly record: TopicRecord;
  /** Index -> partition (dense; a partition whose log could not be opened has an OfflineLog). */
  readonly partitions: Partition[];
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
}

export interface CreateTopicInput {
  /** -1 or undefined: num.partitions. */
  partitions?: number;
  /** -1 or undefined: default.replication.factor. */
  replicationFactor?: number;
  configs?: Record<string, string>;
}

const newUuid = (): string => randomBytes(16).toString('base64url');

export class TopicManager {
  readonly clusterId: string;
  private readonly topics = new Map<string, Topic>();
  private readonly store: TopicStore;
  private readonly logs: LogManager;
  private brokerCount: number;

  /**
   * Opens the catalog and every partition log under the data dir (storage's LogManager, which also runs
   * retention, flush.ms and compaction in the background).
   */
  constructor(private readonly opts: TopicManagerOptions) {
    this.store = new TopicStore(opts.settings.dataDir);
    this.brokerCount = opts.brokerCount ?? 1;
    const saved = this.store.load();
    this.clusterId = saved?.clusterId ?? newUuid();
    const configs = new Map((saved?.topics ?? []).map((t) => [t.name, t.configs]));
    const retentionCheck = Number(opts.settings.raw['log.retention.check.interval.ms'] ?? 300_000);
    this.logs = LogManager.open({
      dataDir: opts.settings.dataDir,
      configFor: (topic) => logConfigFor(opts.settings, configs.get(topic) ?? this.topics.get(topic)?.record.configs ?? {}),
      retentionCheckMs: retentionCheck > 0 ? retentionCheck : 300_000,
      onError: (tp, err: StorageError) => opts.onStorageError?.(`${tp.topic}-${tp.partition}: ${err.message}`),
    });
    for (const f of this.logs.failedPartitions()) opts.onStorageError?.(`${f.topic}-${f.partition} is offline: ${f.error.message}`);
    for (const rec of saved?.topics ?? []) this.openTopic(rec);
    if (!saved) this.persist();
    this.logs.start();
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
    if (rf > this.brokerCount) {
      throw new TopicError(KafkaError.INVALID_REPLICATION_FACTOR,
        `Unable to replicate the partition ${rf} time(s): The target replication factor of ${rf} cannot be reached because only ${this.brokerCount} broker(s) are registered.`);
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
    const rec: TopicRecord = { name, id: newUuid(), partitions, replicationFactor, configs: { ...(input.configs ?? {}) } };
    const topic = this.openTopic(rec);
    this.persist();
    return topic;
  }

  delete(name: string): void {
    const topic = this.topics.get(name);
    if (!topic) throw new TopicError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
    if (!this.opts.settings.deleteTopicEnable) throw new TopicError(KafkaError.TOPIC_DELETION_DISABLED, 'Topic deletion is disabled.');
    this.topics.delete(name);
    this.persist();
    for (const p of topic.partitions) {
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

  createPartitions(name: string, total: number): void {
    const topic = this.checkCreatePartitions(name, total);
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
    topic.record.configs = { ...configs };
    this.persist();
    // Live: storage reads its config per append / retention pass / cleaner pass.
    const cfg = resolveLogConfig(logConfigFor(this.opts.settings, configs));
    for (const p of topic.partitions) if (!topic.offline.has(p.index)) (p.log as PartitionLogPort & { config: unknown }).config = cfg;
  }

  /** Clean shutdown of every log (clean-shutdown markers written), background work stopped. */
  async close(): Promise<void> {
    this.topics.clear();
    await this.logs.close();
  }

  private openPartition(topic: Topic, index: number, cfg: LogConfigInput): void {
    try {
      const log: PartitionLogPort = this.logs.getOrCreate(topic.record.name, index, cfg);
      topic.partitions[index] = new Partition(topic.record.name, index, this.opts.wrapLog?.(log, topic.record.name, index) ?? log);
      topic.offline.delete(index);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      topic.partitions[index] = new Partition(topic.record.name, index, new OfflineLog(err, `${topic.record.name}-${index}`));
      topic.offline.set(index, why);
      this.opts.onStorageError?.(`${topic.record.name}-${index} is offline: ${why}`);
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
