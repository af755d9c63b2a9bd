/**
 * Maps Kafka topic configs (topic override, else the broker's `log.*` default) to the storage layer's
 * LogConfigInput, and answers the few effective topic settings the produce path needs.
 */
import type { LogConfigInput } from '../../storage/config.js';
import type { BrokerSettings } from '../settings.js';

const HOUR = 3_600_000;

/** topic config name -> broker default name(s), first present wins. */
const BROKER_DEFAULT: Record<string, readonly string[]> = {
  'segment.bytes': ['log.segment.bytes'],
  'segment.ms': ['log.roll.ms', 'log.roll.hours'],
  'retention.ms': ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'],
  'retention.bytes': ['log.retention.bytes'],
  'cleanup.policy': ['log.cleanup.policy'],
  'delete.retention.ms': ['log.cleaner.delete.retention.ms'],
  'min.compaction.lag.ms': ['log.cleaner.min.compaction.lag.ms'],
  'min.cleanable.dirty.ratio': ['log.cleaner.min.cleanable.ratio'],
  'flush.messages': ['log.flush.interval.messages'],
  'flush.ms': ['log.flush.interval.ms'],
  'index.interval.bytes': ['log.index.interval.bytes'],
  'message.timestamp.type': ['log.message.timestamp.type'],
  'message.timestamp.before.max.ms': ['log.message.timestamp.before.max.ms'],
  'message.timestamp.after.max.ms': ['log.message.timestamp.after.max.ms'],
  'min.insync.replicas': ['min.insync.replicas'],
  'max.message.bytes': ['message.max.bytes'],
};

const UNIT: Record<string, number> = { 'log.roll.hours': HOUR, 'log.retention.hours': HOUR, 'log.retention.minutes': 60_000 };

/** The effective value of a topic config, or undefined when neither the topic nor the broker sets it. */
export function effectiveTopicConfig(settings: BrokerSettings, overrides: Readonly<Record<string, string>>, name: string): string | undefined {
  if (overrides[name] !== undefined) return overrides[name];
  for (const b of BROKER_DEFAULT[name] ?? []) {
    const v = settings.raw[b];
    if (v === undefined) continue;
    const unit = UNIT[b];
    return unit === undefined ? v : String(Number(v) * unit);
  }
  return undefined;
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

export function logConfigFor(settings: BrokerSettings, overrides: Readonly<Record<string, string>>): LogConfigInput {
  const get = (n: string) => effectiveTopicConfig(settings, overrides, n);
  const policy = get('cleanup.policy');
  const ts = get('message.timestamp.type');
  const cfg: LogConfigInput = {
    segmentBytes: num(get('segment.bytes')),
    segmentMs: num(get('segment.ms')),
    retentionMs: num(get('retention.ms')),
    retentionBytes: num(get('retention.bytes')),
    cleanupPolicy: policy === undefined ? undefined
      : policy.split(',').map((s) => s.trim()).filter(Boolean) as ('delete' | 'compact')[],
    deleteRetentionMs: num(get('delete.retention.ms')),
    minCompactionLagMs: num(get('min.compaction.lag.ms')),
    minCleanableDirtyRatio: num(get('min.cleanable.dirty.ratio')),
    flushMessages: num(get('flush.messages')),
    flushMs: num(get('flush.ms')),
    indexIntervalBytes: num(get('index.interval.bytes')),
    messageTimestampType: ts === undefined ? undefined : ts as 'CreateTime' | 'LogAppendTime',
  };
  return Object.fromEntries(Object.entries(cfg).filter(([, v]) => v !== undefined)) as LogConfigInput;
}

/** max.message.bytes of a topic (its override, else message.max.bytes). */
export function maxMessageBytes(settings: BrokerSettings, overrides: Readonly<Record<string, string>>): number {
  return overrides['max.message.bytes'] !== undefined ? Number(overrides['max.message.bytes']) : settings.messageMaxBytes;
}
