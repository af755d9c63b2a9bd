/**
 * KafkaBackend on kafkajs 2.2.4: chosen because it runs on every Node the core runs on today (Node 20 in
 * browser mode and tests, Node 24 in Electron 45), installs offline with no native code, and covers the
 * admin calls the workbench needs. Its own retries are off: the pool owns reconnect and backoff.
 */
import { Kafka, logLevel, type Admin, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { TidepoolError } from '../common/index.js';
import type { BackendFactory, BackendOptions, ClusterInfo, KafkaBackend } from './kafka-backend.js';
import type { ConnectionProfile } from './profile.js';
import * as groups from './kafkajs-groups.js';
import type { CommittedOffset, GroupDescription, GroupListing, OffsetTarget, PartitionEnd } from './groups-backend.js';

export const KAFKAJS_LIBRARY = 'kafkajs 2.2.4';

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
    logLevel: logLevel.NOTHING,
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
  private readonly admin: Admin;

  constructor(private readonly profile: ConnectionProfile, opts: BackendOptions) {
    this.admin = new Kafka(kafkajsConfig(profile, opts)).admin();
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
    const c = await this.admin.describeCluster();
    return {
      clusterId: c.clusterId ?? null,
      controllerId: c.controller ?? -1,
      brokers: c.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: null })),
    };
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
  endOffsets(topics: string[]): Promise<PartitionEnd[]> { return this.run('read end offsets', () => groups.endOffsets(this.admin, topics)); }
  offsetsForTimestamp(topic: string, ts: bigint): Promise<{ partition: number; offset: bigint }[]> {
    return this.run(`look up offsets by timestamp in "${topic}"`, () => groups.offsetsForTimestamp(this.admin, topic, ts));
  }
  commitGroupOffsets(id: string, targets: OffsetTarget[]): Promise<void> {
    return this.run(`commit offsets for group "${id}"`, () => groups.commitOffsets(this.admin, id, targets));
  }
  deleteGroup(id: string): Promise<void> { return this.run(`delete group "${id}"`, () => groups.deleteGroup(this.admin, id)); }
  // --- end consumer groups ---

  async close(): Promise<void> {
    // kafkajs's disconnect is idempotent; a failure while closing leaves nothing to clean up.
    await this.admin.disconnect().catch(() => undefined);
  }
}

export const kafkajsBackend: BackendFactory = (profile, opts) => new KafkajsBackend(profile, opts);
