/**
 * Builds a node's typed BrokerSettings from validated Kafka settings (server.properties + --config, as
 * parsed and checked by broker/config's BrokerConfig, which throws ConfigError for an unknown name or a
 * bad value). `listeners` / `advertised.listeners` (PLAINTEXT://host:port) give the bind and advertised
 * addresses unless the caller passes explicit ones (the CLI's --port / --advertised-host win).
 */
import { BrokerConfig, ConfigError } from './config/index.js';
import { makeSettings, type BrokerSettings } from './settings.js';

export interface ListenerAddress { host: string | null; port: number }

/** Parses the first PLAINTEXT listener of a Kafka listeners value ("PLAINTEXT://host:9092,..."). */
export function parseListener(value: string, name = 'listeners'): ListenerAddress {
  const first = value.split(',')[0]?.trim() ?? '';
  const m = /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:]*):(\d+)$/.exec(first);
  if (!m) throw new ConfigError('invalid-value', `${name} must look like PLAINTEXT://host:port, got '${value}'`, name);
  if (m[1].toUpperCase() !== 'PLAINTEXT') {
    throw new ConfigError('invalid-value', `${name}: only PLAINTEXT listeners are supported, got ${m[1]}`, name);
  }
  const port = Number(m[3]);
  if (port > 65535) throw new ConfigError('invalid-value', `${name}: port ${port} is out of range`, name);
  const host = m[2].replace(/^\[|\]$/g, '');
  return { host: host === '' ? null : host, port };
}

export interface SettingsFromConfigInput {
  /** Validated static settings (Kafka names). */
  static: ReadonlyMap<string, string>;
  dataDir: string;
  nodeId: number;
  host?: string;
  port?: number;
  advertisedHost?: string;
  advertisedPort?: number;
}

export function settingsFromConfig(input: SettingsFromConfigInput): { settings: BrokerSettings; warnings: string[] } {
  const cfg = new BrokerConfig({ static: input.static, defaultNodeId: input.nodeId });
  const staticValues = cfg.staticValues();
  const listener = staticValues.has('listeners') ? parseListener(cfg.get('listeners') ?? '') : null;
  const advertised = staticValues.has('advertised.listeners') ? parseListener(cfg.get('advertised.listeners') ?? '', 'advertised.listeners') : null;
  const ts = cfg.get('log.message.timestamp.type');
  const settings = makeSettings({
    dataDir: input.dataDir,
    nodeId: cfg.nodeId,
    host: input.host ?? listener?.host ?? undefined,
    port: input.port ?? listener?.port,
    advertisedHost: input.advertisedHost ?? advertised?.host ?? undefined,
    advertisedPort: input.advertisedPort ?? advertised?.port,
    numPartitions: cfg.int('num.partitions'),
    defaultReplicationFactor: cfg.int('default.replication.factor'),
    autoCreateTopicsEnable: cfg.bool('auto.create.topics.enable'),
    deleteTopicEnable: cfg.bool('delete.topic.enable'),
    messageMaxBytes: cfg.int('message.max.bytes'),
    socketRequestMaxBytes: cfg.int('socket.request.max.bytes'),
    connectionsMaxIdleMs: Number(cfg.value('connections.max.idle.ms')),
    logMessageTimestampType: ts === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime',
    logCleanupPolicy: cfg.get('log.cleanup.policy') ?? 'delete',
    minInsyncReplicas: cfg.int('min.insync.replicas'),
    raw: Object.fromEntries(staticValues),
  });
  return { settings, warnings: cfg.warnings };
}
