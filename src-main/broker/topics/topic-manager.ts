/**
 * The topic/partition manager of one node: the topic catalog (persisted by TopicStore), one Partition per
 * (topic, index) backed by a storage PartitionLog in `<dataDir>/<topic>-<index>/` (Kafka's layout), and the
 * create / delete / add-partitions / config operations with Kafka's checks and error codes. Failures are
 * TopicError carrying the Kafka error to answer with.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaError, type KafkaErrorInfo } from '../../protocol/index.js';
import { resolveLogConfig, type LogConfigInput } from '../../storage/config.js';
import { PartitionLog } from '../../storage/partition-log.js';
import type { BrokerSettings } from '../settings.js';
import { logConfigFor } from './log-config.js';
import { Partition, type PartitionLogPort } from './partition.js';
import { isInternalTopic, topicNameProblem } from './topic-names.js';
import { TopicStore, type TopicRecord } from './topic-store.js';
import { KNOWN_TOPIC_CONFIGS } from './topic-configs.js';

export class TopicError extends Error {
  override readonly name = 'TopicError';
  constructor(readonly error: KafkaErrorInfo, message: string) {
    super(message);
  }
}

export interface Topic {
  readonly record: TopicRecord;
  readonly partitions: Partition[];
  readonly internal: boolean;
}

export type OpenLog = (dir: string, config: LogConfigInput) => PartitionLogPort;

export interface TopicManagerOptions {
  settings: BrokerSettings;
  /** Number of brokers in the cluster (replication factor bound). */
  brokerCount?: number;
  /** Opens a partition log; defaults to the storage layer's PartitionLog. */
  openLog?: OpenLog;
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
  private readonly openLog: OpenLog;
  private brokerCount: number;

  constructor(private readonly opts: TopicManagerOptions) {
    this.store = new TopicStore(opts.settings.dataDir);
    this.openLog = opts.openLog ?? ((dir, config) => PartitionLog.open(dir, config));
    this.brokerCount = opts.brokerCount ?? 1;
    const saved = this.store.load();
    this.clusterId = saved?.clusterId ?? newUuid();
    for (const rec of saved?.topics ?? []) this.openTopic(rec);
    if (!saved) this.persist();
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
      p.log.close();
      p.notify(); // a fetch waiting on it answers now
      rmSync(this.partitionDir(name, p.index), { recursive: true, force: true });
    }
  }

  /** Throws TopicError when growing `name` to `total` partitions would fail. */
  checkCreatePartitions(name: string, total: number): Topic {
    const topic = this.topics.get(name);
    if (!topic) throw new TopicError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    const current = topic.partitions.length;
    if (!Number.isInteger(total) || total < current) {
      throw new TopicError(KafkaError.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${total}.`);
    }
    if (total === current) throw new TopicError(KafkaError.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
    return topic;
  }

  createPartitions(name: string, total: number): void {
    const topic = this.checkCreatePartitions(name, total);
    const cfg = logConfigFor(this.opts.settings, topic.record.configs);
    for (let i = topic.partitions.length; i < total; i++) topic.partitions.push(this.openPartition(name, i, cfg));
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
    // New settings reach the logs on the next open; live reconfiguration belongs to storage's LogManager.
  }

  close(): void {
    for (const t of this.topics.values()) for (const p of t.partitions) p.log.close();
    this.topics.clear();
  }

  private partitionDir(topic: string, index: number): string {
    return join(this.opts.settings.dataDir, `${topic}-${index}`);
  }

  private openPartition(topic: string, index: number, cfg: LogConfigInput): Partition {
    const log = this.openLog(this.partitionDir(topic, index), cfg);
    return new Partition(topic, index, log);
  }

  private openTopic(rec: TopicRecord): Topic {
    const cfg = logConfigFor(this.opts.settings, rec.configs);
    const partitions: Partition[] = [];
    for (let i = 0; i < rec.partitions; i++) partitions.push(this.openPartition(rec.name, i, cfg));
    const topic: Topic = { record: rec, partitions, internal: isInternalTopic(rec.name) };
    this.topics.set(rec.name, topic);
    return topic;
  }

  private persist(): void {
    this.store.save(this.clusterId, [...this.topics.values()].map((t) => t.record));
  }
}
