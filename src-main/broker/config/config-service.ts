/**
 * Wires the config catalog into a running node: the per-node ConfigAdmin service the config handlers use.
 * The static layer comes from the node's settings (`settings.raw`); entries equal to Kafka's default are
 * treated as defaults, because `raw` does not say which ones the user set (an approximation until the
 * node is built from a BrokerConfig). Dynamic broker configs are loaded from and saved to the data dir;
 * topic overrides go through the TopicManager, which persists them in its topic catalog.
 */
import { serviceKey, type BrokerNode } from '../handlers/handler.js';
import { TopicError, type TopicManager } from '../topics/index.js';
import { BrokerConfig } from './broker-config.js';
import { ConfigAdmin, type TopicConfigRepository } from './config-admin.js';
import { findBrokerConfig } from './config-lookup.js';
import { ResourceError } from './config-resources.js';
import { canonicalConfigValue } from './config-values.js';
import { DynamicConfigStore } from './dynamic-config-store.js';

/** The static layer from `raw`: known names only, minus values identical to Kafka's default. */
export function staticLayerFromRaw(raw: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    const def = findBrokerConfig(name);
    if (def === undefined) continue;
    let canonical: string;
    try {
      canonical = canonicalConfigValue(def, value);
    } catch {
      continue; // the node already runs with it; describing it must not fail the node
    }
    if (def.default !== null && canonical === canonicalConfigValue(def, def.default)) continue;
    out.set(name, canonical);
  }
  return out;
}

/** TopicConfigRepository over the node's TopicManager (its catalog file holds the overrides). */
export function topicRepository(topics: TopicManager): TopicConfigRepository {
  return {
    hasTopic: (name) => topics.get(name) !== undefined,
    topicOverrides: (name) => new Map(Object.entries(topics.get(name)?.record.configs ?? {})),
    setTopicOverrides: (name, overrides) => {
      try {
        topics.setConfigs(name, Object.fromEntries(overrides));
      } catch (err) {
        if (err instanceof TopicError) throw new ResourceError(err.error.name, err.message);
        throw err;
      }
    },
  };
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
  return new ConfigAdmin({ broker, topics: topicRepository(node.topics), store });
}

export const CONFIG_ADMIN = serviceKey('config-admin', createConfigAdmin);
