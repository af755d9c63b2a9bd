/**
 * Wires the config catalog into a running node: the per-node ConfigAdmin service the config handlers use.
 * The static layer comes from the node's settings (`settings.raw`); entries equal to Kafka's default are
 * treated as defaults, because `raw` does not say which ones the user set (an approximation until the
 * node is built from a BrokerConfig). Dynamic broker configs are loaded from and saved to the data dir;
 * topic overrides go through the TopicManager, which persists them in its topic catalog. Either kind of
 * change is applied to the open partition logs at once (retention, segment rolling, flushing, cleaning).
 */
import { serviceKey, type BrokerNode } from '../handlers/handler.js';
import type { LogConfig } from '../../storage/config.js';
import { TopicError, type Topic, type TopicManager } from '../topics/index.js';
import { BrokerConfig } from './broker-config.js';
import { ConfigAdmin, type TopicConfigRepository } from './config-admin.js';
import { findBrokerConfig } from './config-lookup.js';
import { ResourceError } from './config-resources.js';
import { ConfigError } from './config-types.js';
import { canonicalConfigValue } from './config-values.js';
import { STATIC_KEYS_MARKER } from './broker-config-loader.js';
import { DynamicConfigStore } from './dynamic-config-store.js';
import { applyLogConfig, logConfigFor } from './log-config-bridge.js';

/**
 * The static layer from `raw`: known names only; with the marker, exactly the names it lists, else minus
 * values identical to Kafka's default (raw then holds defaults too).
 */
export function staticLayerFromRaw(raw: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  const marker = raw[STATIC_KEYS_MARKER];
  const listed = marker === undefined ? null : new Set(marker.split(',').filter((k) => k !== ''));
  for (const [name, value] of Object.entries(raw)) {
    if (listed !== null && !listed.has(name)) continue;
    const def = findBrokerConfig(name);
    if (def === undefined) continue;
    let canonical: string;
    try {
      canonical = canonicalConfigValue(def, value);
    } catch {
      continue; // the node already runs with it; describing it must not fail the node
    }
    if (listed === null && def.default !== null && canonical === canonicalConfigValue(def, def.default)) continue;
    out.set(name, canonical);
  }
  return out;
}

const overridesOf = (topic: Topic) => new Map(Object.entries(topic.record.configs));

/**
 * TopicConfigRepository over the node's TopicManager (its catalog file holds the overrides). A change is
 * also applied to the topic's open logs at once, resolved against `broker()` (dynamic layers included).
 */
export function topicRepository(topics: TopicManager, broker?: () => BrokerConfig): TopicConfigRepository {
  return {
    hasTopic: (name) => topics.get(name) !== undefined,
    topicOverrides: (name) => new Map(Object.entries(topics.get(name)?.record.configs ?? {})),
    setTopicOverrides: (name, overrides) => {
      const b = broker?.();
      let config: LogConfig | undefined;
      try {
        if (b !== undefined) config = logConfigFor(overrides, b);
      } catch (err) {
        throw new ResourceError('INVALID_CONFIG', `the log cannot use these settings: ${(err as Error).message}`);
      }
      try {
        topics.setConfigs(name, Object.fromEntries(overrides));
      } catch (err) {
        if (err instanceof TopicError) throw new ResourceError(err.error.name, err.message);
        throw err;
      }
      const topic = topics.get(name);
      if (topic !== undefined && config !== undefined) applyLogConfig(topic, config);
    },
  };
}

/** Refuses a broker change that would leave some topic with a log config storage cannot use. */
export function checkLogConfigs(topics: TopicManager, candidate: BrokerConfig): void {
  for (const topic of topics.list()) {
    try {
      logConfigFor(overridesOf(topic), candidate);
    } catch (err) {
      throw new ConfigError('invalid-value', `topic '${topic.record.name}' could not use the result: ${(err as Error).message}`);
    }
  }
}

/**
 * Every topic's logs follow the current broker-level defaults (after a broker change, and at start, since
 * the TopicManager opens logs from the static settings only). A topic whose combination storage refuses
 * keeps the config it has.
 */
export function reapplyLogConfigs(topics: TopicManager, broker: BrokerConfig): void {
  for (const topic of topics.list()) {
    let config: LogConfig;
    try {
      config = logConfigFor(overridesOf(topic), broker);
    } catch {
      continue;
    }
    applyLogConfig(topic, config);
  }
}

export function createConfigAdmin(node: BrokerNode): ConfigAdmin {
  const store = new DynamicConfigStore(node.settings.dataDir);
  const dynamic = store.load();
  const broker = new BrokerConfig({
    static: staticLayerFromRaw(node.settings.raw),
    dynamicBroker: dynamic.broker,
    dynamicDefault: dynamic.clusterDefault,
    defaultNodeId: node.nodeId,
  });
  reapplyLogConfigs(node.topics, broker);
  return new ConfigAdmin({
    broker, store,
    topics: topicRepository(node.topics, () => broker),
    checkBrokerChange: (candidate) => checkLogConfigs(node.topics, candidate),
    onBrokerConfigChange: () => reapplyLogConfigs(node.topics, broker),
  });
}

export const CONFIG_ADMIN = serviceKey('config-admin', createConfigAdmin);
