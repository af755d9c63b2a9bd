/**
 * From a topic's effective Kafka configs (overrides, then dynamic and static broker settings, then Kafka's
 * defaults) to the storage layer's per-partition LogConfig, and applying it to a topic's open logs, so an
 * AlterConfigs on a topic or a dynamic broker default takes effect without a restart. Kafka's "never"
 * (Long.MAX_VALUE) for the flush settings is storage's -1.
 */
import type { LogConfig, LogConfigInput } from '../../storage/config.js';
import { resolveLogConfig } from '../../storage/config.js';
import type { Topic } from '../topics/index.js';
import type { BrokerConfig } from './broker-config.js';
import { effectiveTopicConfig } from './topic-config.js';

const NEVER = 2 ** 53; // anything this large is Kafka's Long.MAX_VALUE "never" in practice

function num(v: string): number {
  return Number(v);
}

function flush(v: string): number {
  const n = Number(v);
  return n >= NEVER ? -1 : n;
}

/** The storage LogConfigInput for a topic's effective config values. */
export function logConfigInputFor(effective: ReadonlyMap<string, string>): LogConfigInput {
  const get = (name: string) => effective.get(name)!;
  const policy = get('cleanup.policy').split(',').map((s) => s.trim()).filter((s) => s !== '') as ('delete' | 'compact')[];
  return {
    segmentBytes: num(get('segment.bytes')),
    segmentMs: Math.min(num(get('segment.ms')), Number.MAX_SAFE_INTEGER),
    indexIntervalBytes: num(get('index.interval.bytes')),
    retentionMs: Math.min(num(get('retention.ms')), Number.MAX_SAFE_INTEGER),
    retentionBytes: Math.min(num(get('retention.bytes')), Number.MAX_SAFE_INTEGER),
    cleanupPolicy: policy,
    deleteRetentionMs: Math.min(num(get('delete.retention.ms')), Number.MAX_SAFE_INTEGER),
    minCompactionLagMs: Math.min(num(get('min.compaction.lag.ms')), Number.MAX_SAFE_INTEGER),
    minCleanableDirtyRatio: num(get('min.cleanable.dirty.ratio')),
    flushMessages: flush(get('flush.messages')),
    flushMs: flush(get('flush.ms')),
    messageTimestampType: get('message.timestamp.type') as 'CreateTime' | 'LogAppendTime',
  };
}

/** The resolved storage config for a topic with these overrides under this broker config. */
export function logConfigFor(overrides: ReadonlyMap<string, string>, broker: BrokerConfig): LogConfig {
  return resolveLogConfig(logConfigInputFor(effectiveTopicConfig(overrides, broker)));
}

/**
 * Gives every open partition log of `topic` its new config (storage's PartitionLog reads `config` on each
 * append, roll, retention and cleaning pass). Logs that do not expose `config` are left alone.
 */
export function applyLogConfig(topic: Topic, config: LogConfig): void {
  for (const p of topic.partitions) {
    if (p === undefined) continue; // an offline partition (its log could not be opened)
    const log = p.log as unknown as { config?: LogConfig };
    if (log.config !== undefined) log.config = config;
  }
}
