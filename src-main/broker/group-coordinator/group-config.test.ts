import { describe, expect, it } from 'vitest';
import { ManualClock, systemScheduler } from './clock.js';
import { DEFAULT_GROUP_CONFIG, groupConfigFromBrokerConfig } from './group-config.js';

describe('group coordinator config', () => {
  it("uses Kafka 3.9's defaults", () => {
    expect(groupConfigFromBrokerConfig(() => undefined)).toEqual({ ...DEFAULT_GROUP_CONFIG });
    expect(DEFAULT_GROUP_CONFIG).toMatchObject({
      minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 1_800_000, initialRebalanceDelayMs: 3000,
      offsetsRetentionMs: 10080 * 60_000, offsetsRetentionCheckIntervalMs: 600_000, offsetMetadataMaxBytes: 4096,
      offsetsTopicNumPartitions: 50,
    });
  });

  it('reads the Kafka names, as text or numbers, and ignores values that are not numbers', () => {
    const raw: Record<string, string | number> = {
      'group.min.session.timeout.ms': '1000', 'group.max.session.timeout.ms': 5000, 'group.initial.rebalance.delay.ms': '0',
      'group.max.size': '3', 'offsets.retention.minutes': '2', 'offsets.retention.check.interval.ms': '100',
      'offset.metadata.max.bytes': '10', 'offsets.topic.num.partitions': 'many',
    };
    expect(groupConfigFromBrokerConfig((n) => raw[n])).toMatchObject({
      minSessionTimeoutMs: 1000, maxSessionTimeoutMs: 5000, initialRebalanceDelayMs: 0, maxGroupSize: 3,
      offsetsRetentionMs: 120_000, offsetsRetentionCheckIntervalMs: 100, offsetMetadataMaxBytes: 10, offsetsTopicNumPartitions: 50,
    });
  });
});

describe('clocks', () => {
  it('the manual clock fires due timers in time order and skips cancelled ones', () => {
    const c = new ManualClock(0);
    const fired: string[] = [];
    c.schedule(20, () => fired.push(`b@${c.now()}`));
    c.schedule(10, () => { fired.push(`a@${c.now()}`); c.schedule(5, () => fired.push(`c@${c.now()}`)); });
    const cancel = c.schedule(12, () => fired.push('never'));
    cancel();
    c.advance(30);
    expect(fired).toEqual(['a@10', 'c@15', 'b@20']);
    expect(c.now()).toBe(30);
    expect(c.pendingTimers()).toBe(0);
  });

  it('the system scheduler runs and cancels real timers', async () => {
    let ran = 0;
    systemScheduler.schedule(1, () => ran++);
    const cancel = systemScheduler.schedule(1, () => ran += 10);
    cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(1);
    expect(Math.abs(systemScheduler.now() - Date.now())).toBeLessThan(50);
  });
});
