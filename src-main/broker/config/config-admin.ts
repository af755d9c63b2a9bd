/**
 * What DescribeConfigs, AlterConfigs and IncrementalAlterConfigs do to one resource, independent of the
 * wire: describe a topic or the broker, replace (legacy) or edit (incremental SET/DELETE/APPEND/SUBTRACT) its
 * overrides, validate, and persist unless validateOnly. Topic overrides are read and written through a
 * TopicConfigRepository (the topic manager owns topic metadata); broker dynamic configs through
 * DynamicConfigStore. Error choice follows Kafka 3.9 in KRaft mode: problems with a topic's configs are
 * INVALID_CONFIG (the controller's check), problems with broker configs INVALID_REQUEST (the broker's
 * preprocess, KAFKA-13609), malformed requests INVALID_REQUEST.
 */
import { KafkaError } from '../../protocol/index.js';
import { BrokerConfig, type DynamicScope } from './broker-config.js';
import { findBrokerConfig, findTopicConfig } from './config-lookup.js';
import { brokerResourceScope, ResourceError, validateTopicName } from './config-resources.js';
import { ConfigError, ConfigResourceType, type ConfigDef } from './config-types.js';
import { describeBrokerConfigs, describeTopicConfigs, type ConfigEntry, type DescribeOptions } from './describe.js';
import type { DynamicConfigStore } from './dynamic-config-store.js';
import { validateTopicOverrides } from './topic-config.js';

/** How the config APIs reach topic metadata (implemented by the topic manager). */
export interface TopicConfigRepository {
  hasTopic(name: string): boolean;
  topicOverrides(name: string): ReadonlyMap<string, string>;
  /** Persists the complete new override set (it replaces the old one) and applies it to the topic's logs. */
  setTopicOverrides(name: string, overrides: ReadonlyMap<string, string>): void | Promise<void>;
}

export interface ResourceResult {
  errorCode: number;
  errorMessage: string | null;
}

export interface DescribeResult extends ResourceResult {
  configs: ConfigEntry[];
}

/** IncrementalAlterConfigs operation ids (AlterConfigOp.OpType). */
export const AlterConfigOp = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export interface ConfigChange {
  name: string;
  value: string | null;
}

export interface ConfigOp extends ConfigChange {
  op: number;
}

export interface ConfigAdminOptions {
  broker: BrokerConfig;
  topics: TopicConfigRepository;
  /** Null keeps broker dynamic configs in memory only (tests). */
  store: DynamicConfigStore | null;
  /** Called after a broker dynamic config change took effect (topic defaults may have changed). */
  onBrokerConfigChange?: () => void;
}

const OK: ResourceResult = { errorCode: 0, errorMessage: null };

function failure(err: unknown, configErrorName: string): ResourceResult {
  if (err instanceof ResourceError) return { errorCode: KafkaError[err.errorName]!.code, errorMessage: err.message };
  if (err instanceof ConfigError) return { errorCode: KafkaError[configErrorName]!.code, errorMessage: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { errorCode: KafkaError.UNKNOWN_SERVER_ERROR!.code, errorMessage: message };
}

function unsupportedType(type: number): ResourceError {
  if (type === ConfigResourceType.BROKER_LOGGER) return new ResourceError('INVALID_REQUEST', 'Broker logger configs are not supported by this broker');
  return new ResourceError('INVALID_REQUEST', `Unsupported resource type ${type}`);
}

/** Rejects repeated names within one resource (Kafka: "Error due to duplicate config keys"). */
function checkNoDuplicateKeys(changes: readonly ConfigChange[]): void {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const c of changes) (seen.has(c.name) ? dups : seen).add(c.name);
  if (dups.size > 0) throw new ResourceError('INVALID_REQUEST', `Error due to duplicate config keys: ${[...dups].join(', ')}`);
}

/** Applies incremental operations to a copy of `current`. */
export function applyConfigOps(
  current: ReadonlyMap<string, string>, ops: readonly ConfigOp[], lookup: (name: string) => ConfigDef | undefined,
): Map<string, string> {
  const next = new Map(current);
  for (const { name, op, value } of ops) {
    if (op === AlterConfigOp.DELETE) { next.delete(name); continue; }
    if (op === AlterConfigOp.SET) { next.set(name, value!); continue; }
    if (op !== AlterConfigOp.APPEND && op !== AlterConfigOp.SUBTRACT) {
      throw new ResourceError('INVALID_REQUEST', `Unknown alter config operation ${op} for ${name}`);
    }
    const verb = op === AlterConfigOp.APPEND ? 'APPEND' : 'SUBTRACT';
    const def = lookup(name);
    if (def === undefined || def.type !== 'LIST') {
      throw new ResourceError('INVALID_CONFIG', `Can't ${verb} to key ${name} because its type is not LIST.`);
    }
    const split = (s: string) => s.split(',').map((p) => p.trim()).filter((p) => p !== '');
    const parts = split(next.get(name) ?? def.default ?? '');
    const given = split(value!);
    const result = op === AlterConfigOp.APPEND
      ? [...parts, ...given.filter((g, i) => !parts.includes(g) && given.indexOf(g) === i)]
      : parts.filter((p) => !given.includes(p));
    next.set(name, result.join(','));
  }
  return next;
}

export class ConfigAdmin {
  constructor(private readonly opts: ConfigAdminOptions) {}

  get broker(): BrokerConfig {
    return this.opts.broker;
  }

  describe(type: number, name: string, options: DescribeOptions): DescribeResult {
    try {
      if (type === ConfigResourceType.TOPIC) {
        validateTopicName(name);
        if (!this.opts.topics.hasTopic(name)) throw new ResourceError('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${name}' does not exist`);
        return { ...OK, configs: describeTopicConfigs(this.opts.broker, this.opts.topics.topicOverrides(name), options) };
      }
      if (type === ConfigResourceType.BROKER) {
        const scope = brokerResourceScope(name, this.opts.broker.nodeId);
        return { ...OK, configs: describeBrokerConfigs(this.opts.broker, scope === 'broker', options) };
      }
      throw unsupportedType(type);
    } catch (err) {
      return { ...failure(err, 'INVALID_REQUEST'), configs: [] };
    }
  }

  /** Legacy AlterConfigs: the given entries become the resource's complete set of overrides. */
  async alter(type: number, name: string, changes: readonly ConfigChange[], validateOnly: boolean): Promise<ResourceResult> {
    const nulls = changes.filter((c) => c.value === null).map((c) => c.name);
    const build = () => new Map(changes.map((c) => [c.name, c.value!]));
    return this.change(type, name, changes, nulls, () => build(), () => build(), validateOnly);
  }

  /** IncrementalAlterConfigs: SET / DELETE / APPEND / SUBTRACT on the current overrides. */
  async incrementalAlter(type: number, name: string, ops: readonly ConfigOp[], validateOnly: boolean): Promise<ResourceResult> {
    const nulls = ops.filter((o) => o.op !== AlterConfigOp.DELETE && o.value === null).map((o) => o.name);
    return this.change(type, name, ops, nulls,
      (current) => applyConfigOps(current, ops, findTopicConfig),
      (current) => applyConfigOps(current, ops, findBrokerConfig),
      validateOnly);
  }

  private async change(
    type: number, name: string, changes: readonly ConfigChange[], nulls: string[],
    nextTopic: (current: ReadonlyMap<string, string>) => Map<string, string>,
    nextBroker: (current: ReadonlyMap<string, string>) => Map<string, string>,
    validateOnly: boolean,
  ): Promise<ResourceResult> {
    const isTopic = type === ConfigResourceType.TOPIC;
    try {
      checkNoDuplicateKeys(changes);
      if (nulls.length > 0) throw new ResourceError('INVALID_REQUEST', `Null value not supported for : ${nulls.join(', ')}`);
      if (isTopic) {
        if (name === '') throw new ResourceError('INVALID_REQUEST', 'Default topic resources are not allowed.');
        validateTopicName(name);
        const topics = this.opts.topics;
        if (!topics.hasTopic(name)) throw new ResourceError('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${name}' does not exist.`);
        const next = validateTopicOverrides(nextTopic(topics.topicOverrides(name)), this.opts.broker);
        if (!validateOnly) await topics.setTopicOverrides(name, next);
        return OK;
      }
      if (type === ConfigResourceType.BROKER) {
        const scope = brokerResourceScope(name, this.opts.broker.nodeId);
        const next = BrokerConfig.validateDynamic(nextBroker(this.opts.broker.dynamic(scope)));
        if (!validateOnly) this.applyBroker(scope, next);
        return OK;
      }
      throw unsupportedType(type);
    } catch (err) {
      return failure(err, isTopic ? 'INVALID_CONFIG' : 'INVALID_REQUEST');
    }
  }

  private applyBroker(scope: DynamicScope, next: Map<string, string>): void {
    const broker = this.opts.broker;
    const other: DynamicScope = scope === 'broker' ? 'cluster-default' : 'broker';
    // Persist first: if that fails, memory still matches what is on disk.
    this.opts.store?.save(scope === 'broker'
      ? { broker: next, clusterDefault: broker.dynamic(other) }
      : { broker: broker.dynamic(other), clusterDefault: next });
    broker.replaceDynamic(scope, next);
    this.opts.onBrokerConfigChange?.();
  }
}

/** Marks entries that appear more than once in one request (Kafka: "Each resource must appear at most once."). */
export function duplicateResources<T extends { resourceType: number; resourceName: string }>(resources: readonly T[]): Set<T> {
  const byKey = new Map<string, T[]>();
  for (const r of resources) {
    const key = `${r.resourceType}:${r.resourceName}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return new Set([...byKey.values()].filter((list) => list.length > 1).flat());
}
