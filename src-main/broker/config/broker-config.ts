/**
 * One broker's configuration in Kafka's layers: catalog defaults < static (server.properties and --config)
 * < dynamic cluster-wide defaults < dynamic per-broker values, all held as validated canonical strings.
 * Answers the effective value of a broker config and the broker-level default of each topic config
 * (following the synonym chain, e.g. retention.ms <- log.retention.ms <- .minutes <- .hours). Pure: the
 * dynamic layers are persisted by DynamicConfigStore, not here.
 */
import { BROKER_CONFIGS } from './broker-configs.js';
import { requireBrokerConfig, findBrokerConfig } from './config-lookup.js';
import {
  ConfigError, ConfigSource, type ConfigDef, type ConfigValue, type TopicConfigDef,
} from './config-types.js';
import { canonicalConfigValue, formatConfigValue, parseConfigValue } from './config-values.js';
import { TOPIC_CONFIGS } from './topic-configs.js';

/**
 * Keys from Kafka's sample server.properties that mean nothing to an embedded broker (KRaft quorum, thread
 * pools, security maps). Accepted with a warning so a real Kafka file loads, instead of failing as unknown.
 */
export const IGNORED_BROKER_KEYS: ReadonlySet<string> = new Set([
  'process.roles', 'controller.quorum.voters', 'controller.quorum.bootstrap.servers', 'controller.listener.names',
  'inter.broker.listener.name', 'listener.security.protocol.map', 'num.network.threads', 'num.io.threads',
  'num.recovery.threads.per.data.dir', 'transaction.state.log.min.isr', 'zookeeper.connect',
  'zookeeper.connection.timeout.ms', 'log.cleaner.threads', 'num.replica.fetchers',
]);

export type DynamicScope = 'broker' | 'cluster-default';

/** A broker synonym as DescribeConfigs lists it. */
export interface SynonymEntry {
  name: string;
  value: string | null;
  source: number;
}

/** For a broker config name, the names it falls back to, itself first (DynamicBrokerConfig.brokerConfigSynonyms). */
export function brokerSynonymNames(name: string): string[] {
  for (const topic of TOPIC_CONFIGS) {
    const i = topic.brokerSynonyms.findIndex((s) => s.name === name);
    if (i >= 0 && topic.brokerSynonyms.length > 1) return topic.brokerSynonyms.slice(i).map((s) => s.name);
  }
  return [name];
}

function canonicalStatic(raw: ReadonlyMap<string, string>, warnings: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of raw) {
    if (IGNORED_BROKER_KEYS.has(name)) {
      warnings.push(`'${name}' is a Kafka setting that Tidepool's embedded broker ignores`);
      continue;
    }
    out.set(name, canonicalConfigValue(requireBrokerConfig(name), value));
  }
  return out;
}

export interface BrokerConfigOptions {
  /** Static settings (server.properties merged with --config; later sources already applied). */
  static?: ReadonlyMap<string, string>;
  dynamicDefault?: ReadonlyMap<string, string>;
  dynamicBroker?: ReadonlyMap<string, string>;
  /** The id the cluster assigns when neither node.id nor broker.id is set. */
  defaultNodeId?: number;
}

export class BrokerConfig {
  readonly warnings: string[] = [];
  private readonly staticLayer: Map<string, string>;
  private dynamicDefault: Map<string, string>;
  private dynamicBroker: Map<string, string>;
  readonly nodeId: number;

  /** Validates every layer; throws ConfigError for an unknown name or bad value. */
  constructor(options: BrokerConfigOptions = {}) {
    this.staticLayer = canonicalStatic(options.static ?? new Map(), this.warnings);
    this.dynamicDefault = BrokerConfig.validateDynamic(options.dynamicDefault ?? new Map());
    this.dynamicBroker = BrokerConfig.validateDynamic(options.dynamicBroker ?? new Map());
    const nodeId = this.staticLayer.get('node.id') ?? this.staticLayer.get('broker.id');
    const parsed = nodeId === undefined ? -1 : Number(nodeId);
    this.nodeId = parsed >= 0 ? parsed : (options.defaultNodeId ?? 0);
    const both = [this.staticLayer.get('node.id'), this.staticLayer.get('broker.id')];
    if (both[0] !== undefined && both[1] !== undefined && both[0] !== both[1]) {
      throw new ConfigError('invalid-value', `node.id (${both[0]}) and broker.id (${both[1]}) must be equal`, 'broker.id');
    }
  }

  /** Checks that `changes` may be applied dynamically; returns canonical values. */
  static validateDynamic(changes: ReadonlyMap<string, string>): Map<string, string> {
    const out = new Map<string, string>();
    const readOnly: string[] = [];
    for (const [name, value] of changes) {
      const def = requireBrokerConfig(name);
      if (def.dynamic !== true) readOnly.push(name);
      else out.set(name, canonicalConfigValue(def, value));
    }
    if (readOnly.length > 0) {
      throw new ConfigError('read-only', `cannot update these broker configs dynamically: ${readOnly.join(', ')}`, readOnly[0]);
    }
    return out;
  }

  /** Current dynamic settings of a scope (a copy). */
  dynamic(scope: DynamicScope): Map<string, string> {
    return new Map(scope === 'broker' ? this.dynamicBroker : this.dynamicDefault);
  }

  /** Replaces a dynamic layer wholesale (values must come from validateDynamic). */
  replaceDynamic(scope: DynamicScope, values: ReadonlyMap<string, string>): void {
    if (scope === 'broker') this.dynamicBroker = new Map(values);
    else this.dynamicDefault = new Map(values);
  }

  staticValues(): ReadonlyMap<string, string> {
    return this.staticLayer;
  }

  /** The layers with their DescribeConfigs source, highest priority first. */
  layers(): Array<[number, ReadonlyMap<string, string>]> {
    const defaults = new Map<string, string>();
    for (const def of BROKER_CONFIGS) if (def.default !== null) defaults.set(def.name, def.default);
    return [
      [ConfigSource.DYNAMIC_BROKER_CONFIG, this.dynamicBroker],
      [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, this.dynamicDefault],
      [ConfigSource.STATIC_BROKER_CONFIG, this.staticLayer],
      [ConfigSource.DEFAULT_CONFIG, defaults],
    ];
  }

  /** Effective string of a broker config (null when unset and without default, e.g. log.retention.ms). */
  get(name: string): string | null {
    const def = requireBrokerConfig(name);
    for (const [, layer] of this.layers().slice(0, 3)) {
      const v = layer.get(name);
      if (v !== undefined) return v;
    }
    return def.default;
  }

  /** Effective typed value, or null when unset. */
  value(name: string): ConfigValue | null {
    const raw = this.get(name);
    return raw === null ? null : parseConfigValue(requireBrokerConfig(name), raw);
  }

  int(name: string): number {
    const v = this.value(name);
    if (typeof v !== 'number') throw new ConfigError('invalid-value', `${name} has no numeric value`, name);
    return v;
  }

  bool(name: string): boolean {
    return this.value(name) === true;
  }

  /**
   * Broker-level value of a topic config: the first synonym set in any layer (unit-converted), else the
   * topic catalog default. Returns the canonical string and the synonym that supplied it.
   */
  topicDefault(def: TopicConfigDef): { value: string; from: string | null } {
    for (const syn of def.brokerSynonyms) {
      const brokerDef = findBrokerConfig(syn.name);
      if (brokerDef === undefined) continue;
      const raw = this.get(syn.name);
      if (raw === null) continue;
      return { value: convertSynonym(def, brokerDef, raw, syn.factor), from: syn.name };
    }
    return { value: def.default ?? '', from: null };
  }

  /** Synonyms of broker-config (or topic-config fallback) names, ordered by source then name priority. */
  synonymsOf(names: readonly string[], sensitive: boolean): SynonymEntry[] {
    const out: SynonymEntry[] = [];
    for (const [source, layer] of this.layers()) {
      for (const name of names) {
        const v = layer.get(name);
        if (v !== undefined) out.push({ name, value: sensitive ? null : v, source });
      }
    }
    return out;
  }
}

function convertSynonym(topicDef: TopicConfigDef, brokerDef: ConfigDef, raw: string, factor?: number): string {
  if (factor === undefined) return raw;
  const parsed = parseConfigValue(brokerDef, raw);
  const n = typeof parsed === 'bigint' ? parsed : BigInt(parsed as number);
  return formatConfigValue(topicDef, n * BigInt(factor));
}
