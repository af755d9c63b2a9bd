/**
 * The typed broker settings one node runs with, under Kafka's config names (in comments) and Kafka 3.9's
 * defaults. The full catalog (every name, validation, sources, DescribeConfigs) lives in broker/config/
 * (helper B3's branch); this is the small typed view the network layer and the core handlers read, built
 * from defaults plus overrides. `raw` carries every setting as text, for the config handlers.
 */

export interface BrokerSettings {
  /** node.id / broker.id */
  readonly nodeId: number;
  /** listeners: host and port to bind (port 0 = any free port). */
  readonly host: string;
  readonly port: number;
  /** advertised.listeners; null = the bound host/port. */
  readonly advertisedHost: string | null;
  readonly advertisedPort: number | null;
  /** log.dirs (one directory). */
  readonly dataDir: string;
  /** num.partitions */
  readonly numPartitions: number;
  /** default.replication.factor */
  readonly defaultReplicationFactor: number;
  /** auto.create.topics.enable */
  readonly autoCreateTopicsEnable: boolean;
  /** delete.topic.enable */
  readonly deleteTopicEnable: boolean;
  /** message.max.bytes: largest record batch (after compression) accepted. */
  readonly messageMaxBytes: number;
  /** socket.request.max.bytes: a bigger request frame closes the connection. */
  readonly socketRequestMaxBytes: number;
  /** connections.max.idle.ms */
  readonly connectionsMaxIdleMs: number;
  /** log.message.timestamp.type: CreateTime or LogAppendTime. */
  readonly logMessageTimestampType: 'CreateTime' | 'LogAppendTime';
  /** log.cleanup.policy */
  readonly logCleanupPolicy: string;
  /** min.insync.replicas */
  readonly minInsyncReplicas: number;
  /**
   * Not a Kafka setting: the bytes of responses queued on one connection (encoded, not yet taken by the
   * kernel) above which the broker stops reading that connection, so a client that never reads cannot
   * grow memory. Kafka gets the same effect by muting a channel until its one response is sent.
   */
  readonly maxQueuedResponseBytes: number;
  /** Every setting as text, Kafka name -> value (defaults included), for DescribeConfigs and friends. */
  readonly raw: Readonly<Record<string, string>>;
}

export const DEFAULT_SETTINGS: Omit<BrokerSettings, 'dataDir' | 'raw'> = {
  nodeId: 1,
  host: '127.0.0.1',
  port: 9092,
  advertisedHost: null,
  advertisedPort: null,
  numPartitions: 1,
  defaultReplicationFactor: 1,
  autoCreateTopicsEnable: true,
  deleteTopicEnable: true,
  messageMaxBytes: 1_048_588,
  socketRequestMaxBytes: 104_857_600,
  connectionsMaxIdleMs: 600_000,
  logMessageTimestampType: 'CreateTime',
  logCleanupPolicy: 'delete',
  minInsyncReplicas: 1,
  maxQueuedResponseBytes: 16 * 1024 * 1024,
};

const KAFKA_NAMES: Partial<Record<keyof BrokerSettings, string>> = {
  nodeId: 'node.id',
  numPartitions: 'num.partitions',
  defaultReplicationFactor: 'default.replication.factor',
  autoCreateTopicsEnable: 'auto.create.topics.enable',
  deleteTopicEnable: 'delete.topic.enable',
  messageMaxBytes: 'message.max.bytes',
  socketRequestMaxBytes: 'socket.request.max.bytes',
  connectionsMaxIdleMs: 'connections.max.idle.ms',
  logMessageTimestampType: 'log.message.timestamp.type',
  logCleanupPolicy: 'log.cleanup.policy',
  minInsyncReplicas: 'min.insync.replicas',
};

export type SettingsInput = Partial<Omit<BrokerSettings, 'raw'>> & { dataDir: string; raw?: Record<string, string> };

/** Defaults + overrides; `raw` gets the Kafka-named settings this view knows, unless given explicitly. */
export function makeSettings(input: SettingsInput): BrokerSettings {
  const s = { ...DEFAULT_SETTINGS, ...stripUndefined(input) } as Omit<BrokerSettings, 'raw'>;
  const raw: Record<string, string> = {};
  for (const [k, name] of Object.entries(KAFKA_NAMES)) raw[name as string] = String(s[k as keyof typeof s]);
  raw['log.dirs'] = s.dataDir;
  return { ...s, raw: { ...raw, ...(input.raw ?? {}) } };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
