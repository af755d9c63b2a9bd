/**
 * A topic's configuration: its overrides (validated, canonical strings) on top of the broker-level
 * defaults. Validation follows LogConfig.validate: every name known, every value valid, then the
 * cross-field rules (min.compaction.lag.ms <= max.compaction.lag.ms; no tiered storage here).
 */
import type { BrokerConfig } from './broker-config.js';
import { requireTopicConfig } from './config-lookup.js';
import { ConfigError, type ConfigValue } from './config-types.js';
import { canonicalConfigValue, parseConfigValue } from './config-values.js';
import { TOPIC_CONFIGS } from './topic-configs.js';

/**
 * Validates a complete set of topic overrides against `broker`'s defaults; returns them canonicalised.
 * Throws ConfigError on the first problem.
 */
export function validateTopicOverrides(
  overrides: ReadonlyMap<string, string | null>, broker: BrokerConfig,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, raw] of overrides) {
    const def = requireTopicConfig(name);
    if (raw === null) throw new ConfigError('invalid-value', `${name} must have a value, got null`, name);
    out.set(name, canonicalConfigValue(def, raw));
  }
  const eff = effectiveTopicConfig(out, broker);
  const minLag = parseConfigValue(requireTopicConfig('min.compaction.lag.ms'), eff.get('min.compaction.lag.ms')!) as bigint;
  const maxLag = parseConfigValue(requireTopicConfig('max.compaction.lag.ms'), eff.get('max.compaction.lag.ms')!) as bigint;
  if (minLag > maxLag) {
    throw new ConfigError('invalid-value',
      `min.compaction.lag.ms (${minLag}) must not be greater than max.compaction.lag.ms (${maxLag})`, 'min.compaction.lag.ms');
  }
  if (eff.get('remote.storage.enable') === 'true') {
    throw new ConfigError('invalid-value', 'remote.storage.enable: tiered storage is not available in this broker', 'remote.storage.enable');
  }
  return out;
}

/** Every topic config's effective canonical value: override, else broker synonym, else catalog default. */
export function effectiveTopicConfig(overrides: ReadonlyMap<string, string>, broker: BrokerConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of TOPIC_CONFIGS) out.set(def.name, overrides.get(def.name) ?? broker.topicDefault(def).value);
  return out;
}

/** Typed effective value of one topic config (LONG -> bigint, INT -> number, LIST -> string[]). */
export function topicConfigValue(
  name: string, overrides: ReadonlyMap<string, string>, broker: BrokerConfig,
): ConfigValue {
  const def = requireTopicConfig(name);
  return parseConfigValue(def, overrides.get(name) ?? broker.topicDefault(def).value);
}
