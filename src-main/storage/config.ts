/**
 * Per-partition log configuration: Kafka's topic-level names in camelCase with Kafka's defaults, validated
 * with zod so a bad value is a typed TP_STORAGE_INVALID_CONFIG error instead of odd behaviour later.
 */
import { z } from 'zod';
import { StorageError } from './errors.js';

const DAY = 24 * 60 * 60 * 1000;
const INT32_MAX = 2 ** 31 - 1;

/** -1 means "no limit" for the retention and flush settings, as in Kafka. */
const limit = z.number().int().gte(-1);

export const LogConfigSchema = z.object({
  /** segment.bytes: roll the active segment when it would exceed this. */
  segmentBytes: z.number().int().gte(14 + 61).lte(INT32_MAX).default(1024 ** 3),
  /** segment.ms: roll when the active segment's first batch is older than this. */
  segmentMs: z.number().int().gte(1).default(7 * DAY),
  /** index.interval.bytes: bytes of log between two sparse index entries. */
  indexIntervalBytes: z.number().int().gte(0).default(4096),
  retentionMs: limit.default(7 * DAY),
  retentionBytes: limit.default(-1),
  cleanupPolicy: z.array(z.enum(['delete', 'compact'])).default(['delete']),
  deleteRetentionMs: z.number().int().gte(0).default(DAY),
  minCompactionLagMs: z.number().int().gte(0).default(0),
  minCleanableDirtyRatio: z.number().gte(0).lte(1).default(0.5),
  /** flush.messages: fsync after this many records (-1: leave it to the OS). */
  flushMessages: limit.default(-1),
  /** flush.ms: fsync at least this often, driven by LogManager's timer (-1: never). */
  flushMs: limit.default(-1),
  messageTimestampType: z.enum(['CreateTime', 'LogAppendTime']).default('CreateTime'),
});

export type LogConfig = z.infer<typeof LogConfigSchema>;
export type LogConfigInput = z.input<typeof LogConfigSchema>;

export function resolveLogConfig(input: LogConfigInput = {}): LogConfig {
  const parsed = LogConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new StorageError('TP_STORAGE_INVALID_CONFIG', `invalid log config: ${issues}`, { cause: parsed.error });
  }
  return parsed.data;
}
