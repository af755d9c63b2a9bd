/**
 * Turns what the user gave the `tidepool cluster` command (a server.properties file and repeated
 * `--config key=value`, the latter winning) into a validated BrokerConfig, and that into the typed
 * SettingsInput the broker node starts from. Also the one-call topic-config check the TopicManager takes
 * as `validateConfig`. Every problem is a ConfigError with a message naming the setting.
 */
import { readFileSync } from 'node:fs';
import type { SettingsInput } from '../settings.js';
import { BrokerConfig } from './broker-config.js';
import { requireTopicConfig } from './config-lookup.js';
import { ConfigError } from './config-types.js';
import { parseConfigValue } from './config-values.js';
import { parseConfigArgs, parseProperties } from './properties.js';

/**
 * Key in `settings.raw` listing the names the user really set, so DescribeConfigs can call them
 * STATIC_BROKER_CONFIG even when they equal Kafka's default (raw otherwise also holds defaults).
 */
export const STATIC_KEYS_MARKER = 'tidepool.static.keys';

export interface LoadBrokerConfigOptions {
  /** Path of a server.properties file. */
  configFile?: string;
  /** Raw `--config key=value` arguments, applied after the file. */
  configArgs?: readonly string[];
  /** The id to use when neither node.id nor broker.id is set. */
  defaultNodeId?: number;
}

/** Reads and validates the user's broker settings; throws ConfigError (file problems included). */
export function loadBrokerConfig(opts: LoadBrokerConfigOptions): BrokerConfig {
  const merged = new Map<string, string>();
  if (opts.configFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(opts.configFile, 'utf8');
    } catch (err) {
      throw new ConfigError('syntax', `cannot read ${opts.configFile}: ${(err as Error).message}`);
    }
    for (const [k, v] of parseProperties(text, opts.configFile)) merged.set(k, v);
  }
  for (const [k, v] of parseConfigArgs(opts.configArgs ?? [])) merged.set(k, v);
  return new BrokerConfig({ static: merged, defaultNodeId: opts.defaultNodeId });
}

export interface Listener {
  name: string;
  host: string;
  port: number;
}

/** Parses Kafka's listener list ("PLAINTEXT://host:9092,..."); only PLAINTEXT is served by this broker. */
export function parseListeners(value: string, configName = 'listeners'): Listener[] {
  const out: Listener[] = [];
  for (const item of value.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*):\/\/(\[[^\]]+\]|[^:/[\]]*):(\d+)$/.exec(item);
    const port = m === null ? NaN : Number(m[3]);
    if (m === null || port > 65535) {
      throw new ConfigError('invalid-value', `${configName} must look like PLAINTEXT://host:port, got '${item}'`, configName);
    }
    if (m[1]!.toUpperCase() !== 'PLAINTEXT') {
      throw new ConfigError('invalid-value', `${configName}: only PLAINTEXT listeners are supported, got '${item}'`, configName);
    }
    out.push({ name: m[1]!, host: m[2]!.replace(/^\[|\]$/g, ''), port });
  }
  if (out.length === 0) throw new ConfigError('invalid-value', `${configName} must name at least one listener`, configName);
  return out;
}

/**
 * The node settings implied by the user's static configs (only what they set, so CLI flags and built-in
 * defaults still apply underneath). `raw` carries the static configs by Kafka name.
 */
export function settingsFromBrokerConfig(config: BrokerConfig): Partial<SettingsInput> {
  const set = config.staticValues();
  const out: Record<string, unknown> = {
    nodeId: config.nodeId,
    raw: { ...Object.fromEntries(set), [STATIC_KEYS_MARKER]: [...set.keys()].join(',') },
  };
  const listeners = set.get('listeners');
  if (listeners !== undefined) {
    const l = parseListeners(listeners)[0]!;
    out.host = l.host === '' ? '0.0.0.0' : l.host; // Kafka: an empty host binds every interface
    out.port = l.port;
  }
  const advertised = set.get('advertised.listeners');
  if (advertised !== undefined) {
    const a = parseListeners(advertised, 'advertised.listeners')[0]!;
    if (a.host === '' || a.host === '0.0.0.0') {
      throw new ConfigError('invalid-value', `advertised.listeners must name a host clients can reach, got '${advertised}'`, 'advertised.listeners');
    }
    out.advertisedHost = a.host;
    out.advertisedPort = a.port;
  }
  const dirs = set.get('log.dirs') ?? set.get('log.dir');
  if (dirs !== undefined) out.dataDir = dirs.split(',')[0]!.trim();
  const typed: [keyof SettingsInput, string][] = [
    ['numPartitions', 'num.partitions'], ['defaultReplicationFactor', 'default.replication.factor'],
    ['autoCreateTopicsEnable', 'auto.create.topics.enable'], ['deleteTopicEnable', 'delete.topic.enable'],
    ['messageMaxBytes', 'message.max.bytes'], ['socketRequestMaxBytes', 'socket.request.max.bytes'],
    ['logMessageTimestampType', 'log.message.timestamp.type'], ['minInsyncReplicas', 'min.insync.replicas'],
  ];
  for (const [key, name] of typed) if (set.has(name)) out[key] = config.value(name);
  if (set.has('log.cleanup.policy')) out.logCleanupPolicy = set.get('log.cleanup.policy');
  if (set.has('connections.max.idle.ms')) out.connectionsMaxIdleMs = Number(config.value('connections.max.idle.ms'));
  return out as Partial<SettingsInput>;
}

/** TopicManager's `validateConfig` hook: null when `value` is valid for topic config `name`, else why not. */
export function topicConfigProblem(name: string, value: string): string | null {
  try {
    parseConfigValue(requireTopicConfig(name), value);
    return null;
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
}
