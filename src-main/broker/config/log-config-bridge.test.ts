import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSettings } from '../settings.js';
import { TopicManager } from '../topics/index.js';
import { BrokerConfig } from './broker-config.js';
import { applyLogConfig, logConfigFor, logConfigInputFor } from './log-config-bridge.js';
import { effectiveTopicConfig } from './topic-config.js';

const m = (o: Record<string, string>) => new Map(Object.entries(o));
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('log config bridge', () => {
  it("maps Kafka's effective topic configs to storage's, with Long.MAX_VALUE flushes as -1 (never)", () => {
    const broker = new BrokerConfig({ static: m({ 'log.retention.hours': '2' }) });
    expect(logConfigInputFor(effectiveTopicConfig(m({ 'cleanup.policy': 'compact,delete', 'segment.bytes': '1048576' }), broker))).toEqual({
      segmentBytes: 1048576, segmentMs: 604800000, indexIntervalBytes: 4096, retentionMs: 7200000, retentionBytes: -1,
      cleanupPolicy: ['compact', 'delete'], deleteRetentionMs: 86400000, minCompactionLagMs: 0, minCleanableDirtyRatio: 0.5,
      flushMessages: -1, flushMs: -1, messageTimestampType: 'CreateTime',
    });
    expect(logConfigInputFor(effectiveTopicConfig(m({ 'cleanup.policy': '' }), broker)).cleanupPolicy).toEqual([]);
  });

  it('refuses what storage cannot use (a Kafka-legal segment.bytes below one batch header)', () => {
    expect(() => logConfigFor(m({ 'segment.bytes': '20' }), new BrokerConfig())).toThrow(/invalid log config/);
  });

  it('applies a config to every open log of a topic', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-bridge-'));
    dirs.push(dir);
    const topics = new TopicManager({ settings: makeSettings({ dataDir: dir }) });
    const t = topics.create('t', { partitions: 2 });
    applyLogConfig(t, logConfigFor(m({ 'retention.ms': '1234' }), new BrokerConfig()));
    for (const p of t.partitions) expect((p!.log as unknown as { config: { retentionMs: number } }).config.retentionMs).toBe(1234);
    topics.close();
  });
});
