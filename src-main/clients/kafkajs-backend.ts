/**
 * KafkaBackend on kafkajs 2.2.4: chosen because it runs on every Node the core runs on today (Node 20 in
 * browser mode and tests, Node 24 in Electron 45), installs offline with no native code, and covers the
 * admin calls the workbench needs. Its own retries are off: the pool owns reconnect and backoff.
 */
import { Kafka, logLevel, type Admin, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { TidepoolError } from '../common/index.js';
import type { BackendFactory, BackendOptions, ClusterInfo, KafkaBackend } from './kafka-backend.js';
import type { ConnectionProfile } from './profile.js';

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

  async close(): Promise<void> {
    // kafkajs's disconnect is idempotent; a failure while closing leaves nothing to clean up.
    await this.admin.disconnect().catch(() => undefined);
  }
}

export const kafkajsBackend: BackendFactory = (profile, opts) => new KafkajsBackend(profile, opts);
