/**
 * Shared vocabulary of the config catalog: Kafka's config types and sources (with their wire ids from
 * DescribeConfigsResponse), the shape of one catalog entry, and the typed error every validator throws.
 * Pure data, no I/O.
 */

/** ConfigDef.Type, with the id DescribeConfigs v3+ sends in `configType`. */
export const ConfigType = {
  UNKNOWN: 0, BOOLEAN: 1, STRING: 2, INT: 3, SHORT: 4, LONG: 5, DOUBLE: 6, LIST: 7, CLASS: 8, PASSWORD: 9,
} as const;
export type ConfigTypeName = Exclude<keyof typeof ConfigType, 'UNKNOWN'>;

/**
 * DescribeConfigsResponse.ConfigSource ids. Kafka's wire enum calls 1 TOPIC_CONFIG; the Admin client
 * (and this catalog) calls it DYNAMIC_TOPIC_CONFIG.
 */
export const ConfigSource = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;
export type ConfigSourceName = keyof typeof ConfigSource;

/** Resource types used by the config APIs (ConfigResource.Type). */
export const ConfigResourceType = { UNKNOWN: 0, TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** A parsed config value: INT/SHORT/DOUBLE are numbers, LONG is bigint (int64), LIST is string[]. */
export type ConfigValue = boolean | number | bigint | string | readonly string[];

/** How a value is checked beyond its type (ConfigDef.Range / ValidString / ValidList / custom). */
export type Validator =
  | { kind: 'range'; min?: number | bigint; max?: number | bigint }
  | { kind: 'in'; values: readonly string[] } // STRING: one of; LIST: each element one of
  | { kind: 'gzip-level' } // -1 (zlib default) or 1..9, as CompressionType.GZIP.levelValidator
  | { kind: 'throttled-replicas' } // "*" or "partition:brokerId" entries (ThrottledReplicaListValidator)
  | { kind: 'metadata-version' }; // "3.0", "3.0-IV1", ... (MetadataVersionValidator, approximated)

/** One catalog entry, mirroring a ConfigDef.ConfigKey plus what DescribeConfigs needs. */
export interface ConfigDef {
  readonly name: string;
  readonly type: ConfigTypeName;
  /** Kafka's default as it would appear in DescribeConfigs; null means "no default" (e.g. log.retention.ms). */
  readonly default: string | null;
  readonly validator?: Validator;
  readonly doc: string;
  /** Broker configs only: can be changed with (Incremental)AlterConfigs at run time (DynamicBrokerConfig). */
  readonly dynamic?: boolean;
  /** Deprecated in Kafka 3.9 (still accepted). */
  readonly deprecated?: boolean;
}

/** Topic catalog entry: the broker configs it falls back to, highest priority first (ServerTopicConfigSynonyms). */
export interface TopicConfigDef extends ConfigDef {
  readonly brokerSynonyms: readonly BrokerSynonym[];
}

/** A broker synonym and the factor turning its unit into the topic config's (hours -> ms, ...). */
export interface BrokerSynonym {
  readonly name: string;
  readonly factor?: number;
}

export type ConfigErrorKind = 'unknown' | 'invalid-value' | 'read-only' | 'syntax';

/** Every validation or parsing failure in this folder; `message` is meant for people. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly kind: ConfigErrorKind, message: string, readonly configName?: string) {
    super(message);
  }
}

export const MIN_LONG = -(2n ** 63n);
export const MAX_LONG = 2n ** 63n - 1n;
export const MIN_INT = -(2 ** 31);
export const MAX_INT = 2 ** 31 - 1;
export const MAX_LONG_STRING = MAX_LONG.toString(); // Long.MAX_VALUE, Kafka's "never" for many settings
