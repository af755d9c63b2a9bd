/**
 * The config entries DescribeConfigs returns for a broker or a topic, shaped like the wire's
 * DescribeConfigsResourceResult (ConfigHelper.createBrokerConfigEntry / createTopicConfigEntry in Kafka).
 * One deliberate difference for topics: Kafka drops the broker synonyms that rank above the primary name
 * (so retention.ms shows source DEFAULT_CONFIG even when log.retention.hours is set in server.properties);
 * we keep them, so the reported source is the layer that really supplied the value.
 */
import { BROKER_CONFIGS } from './broker-configs.js';
import { brokerSynonymNames, type BrokerConfig, type SynonymEntry } from './broker-config.js';
import { ConfigSource, ConfigType, type ConfigDef } from './config-types.js';
import { TOPIC_CONFIGS } from './topic-configs.js';

export interface ConfigEntry {
  name: string;
  value: string | null;
  readOnly: boolean;
  isDefault: boolean;
  configSource: number;
  isSensitive: boolean;
  synonyms: SynonymEntry[];
  configType: number;
  documentation: string | null;
}

export interface DescribeOptions {
  /** Only these names (null = all); unknown names are simply absent, as in Kafka. */
  keys?: readonly string[] | null;
  includeSynonyms?: boolean;
  includeDocumentation?: boolean;
}

function entry(
  def: ConfigDef, value: string | null, readOnly: boolean, synonyms: SynonymEntry[], opts: DescribeOptions,
): ConfigEntry {
  const sensitive = def.type === 'PASSWORD';
  const source = synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG;
  return {
    name: def.name,
    value: sensitive ? null : value,
    readOnly,
    isDefault: source === ConfigSource.DEFAULT_CONFIG,
    configSource: source,
    isSensitive: sensitive,
    synonyms: opts.includeSynonyms === true ? synonyms : [],
    configType: ConfigType[def.type],
    documentation: opts.includeDocumentation === true ? def.doc : null,
  };
}

function wanted(name: string, opts: DescribeOptions): boolean {
  return opts.keys == null || opts.keys.includes(name);
}

/**
 * Broker resource. `perBroker` true describes the broker itself (resource name = its id): every catalog
 * config. False describes the cluster-wide dynamic defaults (resource name ""): only those that are set.
 */
export function describeBrokerConfigs(broker: BrokerConfig, perBroker: boolean, opts: DescribeOptions = {}): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const clusterDefaults = broker.dynamic('cluster-default');
  for (const def of BROKER_CONFIGS) {
    if (!wanted(def.name, opts)) continue;
    if (!perBroker && !clusterDefaults.has(def.name)) continue;
    const sensitive = def.type === 'PASSWORD';
    let synonyms = broker.synonymsOf(brokerSynonymNames(def.name), sensitive);
    // Kafka lists synonyms from the described name on (ConfigHelper.configSynonyms' dropWhile).
    const first = synonyms.findIndex((s) => s.name === def.name);
    synonyms = first < 0 ? [] : synonyms.slice(first);
    if (!perBroker) synonyms = synonyms.filter((s) => s.source === ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
    const value = perBroker ? broker.get(def.name) : (clusterDefaults.get(def.name) ?? null);
    out.push(entry(def, value, def.dynamic !== true, synonyms, opts));
  }
  return out;
}

/** Topic resource: every topic config with its effective value; overrides come first among synonyms. */
export function describeTopicConfigs(
  broker: BrokerConfig, overrides: ReadonlyMap<string, string>, opts: DescribeOptions = {},
): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  for (const def of TOPIC_CONFIGS) {
    if (!wanted(def.name, opts)) continue;
    const sensitive = def.type === 'PASSWORD';
    const synonyms = broker.synonymsOf(def.brokerSynonyms.map((s) => s.name), sensitive);
    const override = overrides.get(def.name);
    if (override !== undefined) {
      synonyms.unshift({ name: def.name, value: sensitive ? null : override, source: ConfigSource.DYNAMIC_TOPIC_CONFIG });
    }
    const value = override ?? broker.topicDefault(def).value;
    out.push(entry(def, value, false, synonyms, opts));
  }
  return out;
}
