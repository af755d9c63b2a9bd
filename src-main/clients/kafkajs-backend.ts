/**
 * KafkaBackend on kafkajs 2.2.4: chosen because it runs on every Node the core runs on today (Node 20 in
 * browser mode and tests, Node 24 in Electron 45), installs offline with no native code, and covers the
 * admin calls the workbench needs. Its own retries are off: the pool owns reconnect and backoff.
 */
import type { Admin, ConfigResourceTypes, Kafka, KafkaConfig, SASLOptions } from 'kafkajs';
import { TidepoolError } from '../common/index.js';
import type {
  BackendFactory, BackendOptions, ClusterInfo, ConfigEntryInfo, KafkaBackend, NewTopic, PartitionOffsets, TopicInfo,
} from './kafka-backend.js';
import { adminError, configSourceName } from './kafkajs-admin-errors.js';
import type { ConnectionProfile } from './profile.js';
import * as groups from './kafkajs-groups.js';
import * as extra from './kafkajs-admin-extra.js';
import { KafkajsProducer } from './kafkajs-producer.js';
import type { ConfigChange, DeletedRecords, DeleteRecordsTarget, OutgoingRecord, ProducedRecord, ProduceOptions } from './producer-backend.js';
import { kafkajs } from './kafkajs-lazy.js';
import { WireAdmin, type LogDirsReport } from './wire-admin.js';
import type { CommittedOffset, GroupDescription, GroupListing, OffsetTarget, PartitionEnd } from './groups-backend.js';

export const KAFKAJS_LIBRARY = 'kafkajs 2.2.4';
/**
 * kafkajs is CommonJS: Node's ESM loader finds only the names it can detect statically (Kafka, logLevel), not the
 * ConfigResourceTypes enum, so the built app needs the value itself (TOPIC = 2 in DescribeConfigs).
 */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

export function kafkajsConfig(p: ConnectionProfile, o: BackendOptions): KafkaConfig {
  const sasl: SASLOptions | undefined = p.sasl === undefined ? undefined : p.sasl.mechanism === 'PLAIN'
    ? { mechanism: 'plain', username: p.sasl.username, password: p.sasl.password }
    : p.sasl.mechanism === 'SCRAM-SHA-256'
      ? { mechanism: 'scram-sha-256', username: p.sasl.username, password: p.sasl.password }
      : { mechanism: 'scram-sha-512', username: p.sasl.username, password: p.sasl.password };
  return {
    clientId: p.clientId ?? 'tidepool',
    brokers: p.bootstrap,
    connectionTimeout: o.connectTimeoutMs,
    requestTimeout: o.requestTimeoutMs,
    retry: { retries: 0 },
    logLevel: kafkajs().logLevel.NOTHING,
    ssl: p.tls === undefined ? undefined : {
      ca: p.tls.ca, cert: p.tls.cert, key: p.tls.key, passphrase: p.tls.keyPassphrase,
      servername: p.tls.servername, rejectUnauthorized: p.tls.verify,
    },
    sasl,
  };
}

function unavailable(p: ConnectionProfile, err: unknown): TidepoolError {
  if (err instanceof TidepoolError) return err;
  const e = err as Error & { cause?: Error };
  const why = e?.cause?.message ? `${e.message} (${e.cause.message})` : (e?.message ?? String(err));
  return new TidepoolError('TP_UNAVAILABLE',
    `Cannot connect to "${p.name}" (${p.bootstrap.join(', ')}): ${why}. Use "Test connection" for a step-by-step diagnosis.`,
    { cluster: p.id, library: KAFKAJS_LIBRARY });
}

/** A failed group call: Kafka's own error name where kafkajs gives one, else the connection is unavailable. */
export function groupError(p: ConnectionProfile, what: string, err: unknown): TidepoolError {
  if (err instanceof TidepoolError) return err;
  const e = err as Error & { type?: string; errors?: { error?: { type?: string; message?: string } }[] };
  const type = e?.type ?? e?.errors?.[0]?.error?.type;
  if (type === 'GROUP_ID_NOT_FOUND') return new TidepoolError('TP_NOT_FOUND', `Could not ${what}: the group does not exist.`, { cluster: p.id });
  if (type === 'NON_EMPTY_GROUP') {
    return new TidepoolError('TP_CONFLICT', `Could not ${what}: the group still has active members. Stop its consumers first.`, { cluster: p.id, reason: 'active-members' });
  }
  if (/must have no running instances/.test(e?.message ?? '')) {
    return new TidepoolError('TP_CONFLICT', `Could not ${what}: the group has running members (${e.message}). Stop its consumers first.`, { cluster: p.id, reason: 'active-members' });
  }
  if (type !== undefined) {
    return new TidepoolError('TP_KAFKA', `Could not ${what}: ${type} (${e.errors?.[0]?.error?.message ?? e.message}).`, { cluster: p.id, kafkaCode: type });
  }
  return unavailable(p, err);
}

class KafkajsBackend implements KafkaBackend {
  readonly library = KAFKAJS_LIBRARY;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: KafkajsProducer;
  /** Metadata and offsets on the project's codec: they must survive offline partitions (wire-admin.ts). */
  private readonly wire: WireAdmin;

  constructor(private readonly profile: ConnectionProfile, opts: BackendOptions) {
    this.kafka = new (kafkajs().Kafka)(kafkajsConfig(profile, opts));
    this.admin = this.kafka.admin();
    this.producer = new KafkajsProducer(this.kafka);
    this.wire = new WireAdmin(profile, opts.requestTimeoutMs, `"${profile.name}"`);
  }

  async connect(): Promise<ClusterInfo> {
    // kafkajs splits "host:port" on the first colon, so an IPv6 literal cannot reach it intact.
    const v6 = this.profile.bootstrap.find((b) => b.startsWith('['));
    if (v6 !== undefined) {
      throw new TidepoolError('TP_VALIDATION',
        `The bootstrap address ${v6} is an IPv6 literal, which the current client library (${KAFKAJS_LIBRARY}) cannot use. `
        + 'Use a host name that resolves to it (e.g. localhost or an /etc/hosts entry).', { cluster: this.profile.id, field: 'bootstrap' });
    }
    try {
      await this.admin.connect();
      return await this.describe();
    } catch (err) {
      await this.close();
      throw unavailable(this.profile, err);
    }
  }

  private async describe(): Promise<ClusterInfo> {
    const { clusterId, controllerId, brokers } = await this.wire.metadata([]);
    return { clusterId, controllerId, brokers };
  }

  async logDirs(topics: readonly string[] | null): Promise<LogDirsReport> {
    try { return await this.wire.describeLogDirs(topics); } catch (err) { throw this.fail(err, 'read log sizes', { topics }); }
  }

  async describeCluster(): Promise<ClusterInfo> {
    try { return await this.describe(); } catch (err) { throw unavailable(this.profile, err); }
  }

  // --- consumer groups (screens-groups): kafkajs-groups.ts; failures become readable TidepoolErrors ---
  private run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return fn().catch((err: unknown) => { throw groupError(this.profile, what, err); });
  }
  listGroups(): Promise<GroupListing[]> { return this.run('list consumer groups', () => groups.listGroups(this.admin)); }
  describeGroup(id: string): Promise<GroupDescription> { return this.run(`describe group "${id}"`, () => groups.describeGroup(this.admin, id)); }
  committedOffsets(id: string, topics?: string[]): Promise<CommittedOffset[]> {
    return this.run(`read the committed offsets of group "${id}"`, () => groups.committedOffsets(this.admin, id, topics));
  }
  /** Partitions without a leader are left out: their lag is unknown, the rest of the group's lag is not. */
  endOffsets(topics: string[]): Promise<PartitionEnd[]> {
    return this.run('read end offsets', async () => {
      const byTopic = await this.wire.partitionOffsets([...new Set(topics)].sort());
      return [...byTopic].flatMap(([topic, rows]) => rows.map((r) => ({ topic, partition: r.partition, low: r.earliest, high: r.latest })));
    });
  }
  offsetsForTimestamp(topic: string, ts: bigint): Promise<{ partition: number; offset: bigint }[]> {
    return this.run(`look up offsets by timestamp in "${topic}"`, () => groups.offsetsForTimestamp(this.admin, topic, ts));
  }
  commitGroupOffsets(id: string, targets: OffsetTarget[]): Promise<void> {
    // A simple-consumer commit (kafkajs-admin-extra.ts), not kafkajs's setOffsets, which joins the group (~6.5 s per topic).
    return this.run(`commit offsets for group "${id}"`, () => extra.simpleCommit(this.kafka, id, targets));
  }
  deleteGroup(id: string): Promise<void> { return this.run(`delete group "${id}"`, () => groups.deleteGroup(this.admin, id)); }
  // --- end consumer groups ---
  // ---- screens-topics: brokers and topics admin calls (begin) ----
  private fail(err: unknown, what: string, subject: Record<string, unknown>): TidepoolError {
    return adminError(err, what, { cluster: this.profile.id, ...subject }, (e) => unavailable(this.profile, e));
  }

  async listTopics(names?: string[]): Promise<TopicInfo[]> {
    const what = names?.length === 1 ? `describe topic "${names[0]}"` : 'list topics';
    let topics: TopicInfo[];
    try {
      topics = (await this.wire.metadata(names ?? null)).topics;
    } catch (err) { throw this.fail(err, what, { topics: names }); }
    const missing = (names ?? []).filter((n) => !topics.some((t) => t.name === n));
    if (missing.length > 0) {
      throw new TidepoolError('TP_NOT_FOUND', `Cannot ${what}: the topic does not exist (deleted meanwhile?). Refresh the list.`,
        { cluster: this.profile.id, topics: missing });
    }
    return topics;
  }

  /** Partitions whose leader cannot answer (offline) are left out; callers show their offsets as unknown. */
  async topicOffsets(topic: string): Promise<PartitionOffsets[]> {
    try {
      return (await this.wire.partitionOffsets([topic])).get(topic) ?? [];
    } catch (err) { throw this.fail(err, `read offsets of topic "${topic}"`, { topic }); }
  }

  async createTopic(t: NewTopic): Promise<void> {
    let created: boolean;
    try {
      created = await this.admin.createTopics({
        waitForLeaders: true,
        topics: [{
          topic: t.name, numPartitions: t.partitions, replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
        }],
      });
    } catch (err) { throw this.fail(err, `create topic "${t.name}"`, { topic: t.name }); }
    // kafkajs reports TOPIC_ALREADY_EXISTS as `false` rather than an error.
    if (!created) throw new TidepoolError('TP_CONFLICT', `Cannot create topic "${t.name}": the topic already exists. Pick another name.`, { cluster: this.profile.id, topic: t.name });
  }

  async deleteTopic(name: string): Promise<void> {
    try { await this.admin.deleteTopics({ topics: [name] }); } catch (err) { throw this.fail(err, `delete topic "${name}"`, { topic: name }); }
  }

  async createPartitions(topic: string, totalCount: number): Promise<void> {
    try { await this.admin.createPartitions({ topicPartitions: [{ topic, count: totalCount }] }); } catch (err) {
      throw this.fail(err, `grow topic "${topic}" to ${totalCount} partitions`, { topic, count: totalCount });
    }
  }

  async describeTopicConfigs(topic: string): Promise<ConfigEntryInfo[]> {
    try {
      const r = await this.admin.describeConfigs({ includeSynonyms: false, resources: [{ type: TOPIC_RESOURCE, name: topic }] });
      const res = r.resources[0];
      if (res === undefined) return [];
      if (res.errorCode !== 0) throw Object.assign(new Error(res.errorMessage ?? 'describe configs failed'), { type: res.errorCode === 3 ? 'UNKNOWN_TOPIC_OR_PARTITION' : `KAFKA_ERROR_${res.errorCode}`, code: res.errorCode });
      return res.configEntries.map((c) => {
        const source = configSourceName((c as { configSource?: number }).configSource);
        return {
          name: c.configName, value: c.configValue ?? null, source,
          isDefault: c.isDefault || source === 'default' || source === 'static-broker' || source === 'dynamic-default-broker',
          isSensitive: c.isSensitive, readOnly: c.readOnly,
        };
      }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) { throw this.fail(err, `read the config of topic "${topic}"`, { topic }); }
  }
  // ---- screens-topics: brokers and topics admin calls (end) ----
  // ---- producer-admin (begin): kafkajs-producer.ts and kafkajs-admin-extra.ts ----
  async produce(topic: string, records: readonly OutgoingRecord[], opts: ProduceOptions): Promise<ProducedRecord[]> {
    try { return await this.producer.send(topic, records, opts); } catch (err) {
      throw this.fail(err, `produce ${records.length} record${records.length === 1 ? '' : 's'} to "${topic}"`, { topic });
    }
  }

  async alterTopicConfigs(topic: string, changes: readonly ConfigChange[], validateOnly = false): Promise<void> {
    const current = await this.describeTopicConfigs(topic);
    try { await extra.alterTopicConfigs(this.kafka, topic, current, changes, validateOnly); } catch (err) {
      throw this.fail(err, `change the config of topic "${topic}"`, { topic, configs: changes.map((c) => c.name) });
    }
  }

  async deleteRecords(topic: string, targets: readonly DeleteRecordsTarget[]): Promise<DeletedRecords[]> {
    try { return await extra.deleteRecords(this.admin, topic, targets); } catch (err) {
      throw this.fail(err, `delete records of topic "${topic}"`, { topic });
    }
  }

  // ---- producer-admin (end) ----

  async close(): Promise<void> {
    // kafkajs's disconnect is idempotent; a failure while closing leaves nothing to clean up.
    this.wire.close();
    await this.producer.close();
    await this.admin.disconnect().catch(() => undefined);
  }
}

export const kafkajsBackend: BackendFactory = (profile, opts) => new KafkajsBackend(profile, opts);
