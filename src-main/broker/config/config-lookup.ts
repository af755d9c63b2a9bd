/**
 * Finding a config by name in the topic or broker catalog, with a "did you mean" suggestion for typos
 * (edit distance via fastest-levenshtein).
 */
import { createRequire } from 'node:module';
import { BROKER_CONFIG_BY_NAME, BROKER_CONFIGS } from './broker-configs.js';
import { ConfigError, type ConfigDef, type TopicConfigDef } from './config-types.js';
import { TOPIC_CONFIG_BY_NAME, TOPIC_CONFIGS } from './topic-configs.js';

// Required when a name is unknown, not at import: it is only for the error message, and the cold start of
// `tidepool cluster` (150 ms budget) should not pay for it.
let levenshtein: typeof import('fastest-levenshtein') | undefined;
const lev = () => (levenshtein ??= createRequire(import.meta.url)('fastest-levenshtein') as typeof import('fastest-levenshtein'));

const TOPIC_NAMES = TOPIC_CONFIGS.map((d) => d.name);
const BROKER_NAMES = BROKER_CONFIGS.map((d) => d.name);

/** The closest known name if it is near enough to be a plausible typo, else undefined. */
export function suggestName(name: string, known: readonly string[]): string | undefined {
  if (name === '' || known.length === 0) return undefined;
  const { closest, distance } = lev();
  const best = closest(name, known as string[]);
  const limit = Math.max(2, Math.floor(best.length / 4));
  return distance(name, best) <= limit ? best : undefined;
}

function unknown(kind: 'topic' | 'broker', name: string, known: readonly string[]): ConfigError {
  const hint = suggestName(name, known);
  const tail = hint === undefined ? '' : `; did you mean '${hint}'?`;
  return new ConfigError('unknown', `unknown ${kind} config '${name}'${tail}`, name);
}

export function findTopicConfig(name: string): TopicConfigDef | undefined {
  return TOPIC_CONFIG_BY_NAME.get(name);
}

export function findBrokerConfig(name: string): ConfigDef | undefined {
  return BROKER_CONFIG_BY_NAME.get(name);
}

/** The topic config `name`; throws ConfigError('unknown') with a suggestion when there is none. */
export function requireTopicConfig(name: string): TopicConfigDef {
  const def = TOPIC_CONFIG_BY_NAME.get(name);
  if (def === undefined) throw unknown('topic', name, TOPIC_NAMES);
  return def;
}

/** The broker config `name`; throws ConfigError('unknown') with a suggestion when there is none. */
export function requireBrokerConfig(name: string): ConfigDef {
  const def = BROKER_CONFIG_BY_NAME.get(name);
  if (def === undefined) throw unknown('broker', name, BROKER_NAMES);
  return def;
}
