/**
 * Per-partition log configuration: Kafka's topic-level names in camelCase with Kafka's defaults, checked so
 * a bad value is a typed TP_STORAGE_INVALID_CONFIG error (naming every bad field) instead of odd behaviour
 * later.
 *
 * Hand-written rather than a zod schema (the project's validator elsewhere): importing zod costs ~50 ms,
 * a third of the 150 ms budget for a cold `tidepool cluster` start, and storage is on that path while zod
 * otherwise is not (BENCHMARKS.md, issue 7, cold start). The check is a fixed table of integer ranges and
 * two enums; the values come already validated by Kafka's rules from broker/config, so this is the
 * storage layer's own last line of defence.
 */
import { StorageError } from './errors.js';

const DAY = 24 * 60 * 60 * 1000;
const INT32_MAX = 2 ** 31 - 1;

export type CleanupPolicy = 'delete' | 'compact';
export type TimestampType = 'CreateTime' | 'LogAppendTime';

export interface LogConfig {
  /** segment.bytes: roll the active segment when it would exceed this. */
  segmentBytes: number;
  /** segment.ms: roll when the active segment's first batch is older than this. */
  segmentMs: number;
  /** index.interval.bytes: bytes of log between two sparse index entries. */
  indexIntervalBytes: number;
  /** retention.ms (-1 means no limit, as in Kafka; also below). */
  retentionMs: number;
  retentionBytes: number;
  cleanupPolicy: CleanupPolicy[];
  deleteRetentionMs: number;
  minCompactionLagMs: number;
  minCleanableDirtyRatio: number;
  /** flush.messages: fsync after this many records (-1: leave it to the OS). */
  flushMessages: number;
  /** flush.ms: fsync at least this often, driven by LogManager's timer (-1: never). */
  flushMs: number;
  messageTimestampType: TimestampType;
}

/** Any subset of LogConfig; what is missing takes Kafka's default. */
export type LogConfigInput = Partial<LogConfig>;

const DEFAULTS: LogConfig = {
  segmentBytes: 1024 ** 3,
  segmentMs: 7 * DAY,
  indexIntervalBytes: 4096,
  retentionMs: 7 * DAY,
  retentionBytes: -1,
  cleanupPolicy: ['delete'],
  deleteRetentionMs: DAY,
  minCompactionLagMs: 0,
  minCleanableDirtyRatio: 0.5,
  flushMessages: -1,
  flushMs: -1,
  messageTimestampType: 'CreateTime',
};
export const LOG_CONFIG_DEFAULTS: Readonly<LogConfig> = Object.freeze(DEFAULTS);

interface NumberRule { kind: 'number'; int: boolean; min: number; max?: number }
interface EnumRule { kind: 'enum'; values: readonly string[]; list: boolean }
type Rule = NumberRule | EnumRule;

const int = (min: number, max?: number): NumberRule => ({ kind: 'number', int: true, min, max });
/** -1 means "no limit" for the retention and flush settings, as in Kafka. */
const limit = int(-1);

const RULES: Record<keyof LogConfig, Rule> = {
  segmentBytes: int(14 + 61, INT32_MAX),
  segmentMs: int(1),
  indexIntervalBytes: int(0),
  retentionMs: limit,
  retentionBytes: limit,
  cleanupPolicy: { kind: 'enum', values: ['delete', 'compact'], list: true },
  deleteRetentionMs: int(0),
  minCompactionLagMs: int(0),
  minCleanableDirtyRatio: { kind: 'number', int: false, min: 0, max: 1 },
  flushMessages: limit,
  flushMs: limit,
  messageTimestampType: { kind: 'enum', values: ['CreateTime', 'LogAppendTime'], list: false },
};

function checkNumber(rule: NumberRule, v: unknown): string | null {
  if (typeof v !== 'number' || Number.isNaN(v)) return `expected a number, got ${describe(v)}`;
  if (rule.int && !Number.isSafeInteger(v)) return `expected a whole number, got ${v}`;
  if (v < rule.min) return `must be at least ${rule.min}, got ${v}`;
  if (rule.max !== undefined && v > rule.max) return `must be at most ${rule.max}, got ${v}`;
  return null;
}

function checkEnum(rule: EnumRule, v: unknown): string | null {
  const one = (x: unknown) => (typeof x === 'string' && rule.values.includes(x) ? null : `expected one of ${rule.values.map((s) => `"${s}"`).join(', ')}, got ${describe(x)}`);
  if (!rule.list) return one(v);
  if (!Array.isArray(v)) return `expected a list, got ${describe(v)}`;
  for (const [i, x] of v.entries()) {
    const bad = one(x);
    if (bad) return `[${i}]: ${bad}`;
  }
  return null;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `"${v}"`;
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

/** Fills in Kafka's defaults and checks every field; unknown fields are dropped. */
export function resolveLogConfig(input: LogConfigInput = {}): LogConfig {
  if (input === null || typeof input !== 'object') {
    throw new StorageError('TP_STORAGE_INVALID_CONFIG', `invalid log config: expected an object, got ${describe(input)}`);
  }
  const out: Record<string, unknown> = {};
  const issues: string[] = [];
  for (const key of Object.keys(RULES) as (keyof LogConfig)[]) {
    const v = (input as Record<string, unknown>)[key];
    if (v === undefined) {
      const d = LOG_CONFIG_DEFAULTS[key];
      out[key] = Array.isArray(d) ? [...d] : d;
      continue;
    }
    const rule = RULES[key];
    const bad = rule.kind === 'number' ? checkNumber(rule, v) : checkEnum(rule, v);
    if (bad) issues.push(`${key}${bad.startsWith('[') ? '' : ': '}${bad}`);
    else out[key] = Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  if (issues.length > 0) throw new StorageError('TP_STORAGE_INVALID_CONFIG', `invalid log config: ${issues.join('; ')}`);
  return out as unknown as LogConfig;
}
