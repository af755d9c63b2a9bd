import { describe, expect, it } from 'vitest';
import { BrokerConfig } from './broker-config.js';
import { effectiveTopicConfig, topicConfigValue, validateTopicOverrides } from './topic-config.js';

const m = <V>(o: Record<string, V>) => new Map(Object.entries(o));

describe('topic overrides', () => {
  const broker = new BrokerConfig({ static: m({ 'log.retention.hours': '2', 'compression.type': 'gzip' }) });

  it('validates and canonicalises overrides', () => {
    const v = validateTopicOverrides(m({ 'retention.ms': ' 1000', 'cleanup.policy': 'compact, delete' }), broker);
    expect([...v]).toEqual([['retention.ms', '1000'], ['cleanup.policy', 'compact,delete']]);
  });

  it('rejects unknown names, bad values, null values and conflicting compaction lags', () => {
    expect(() => validateTopicOverrides(m({ 'retention.msx': '1' }), broker))
      .toThrow("unknown topic config 'retention.msx'; did you mean 'retention.ms'?");
    expect(() => validateTopicOverrides(m({ 'retention.ms': 'abc' }), broker))
      .toThrow("retention.ms must be a long >= -1, got 'abc'");
    expect(() => validateTopicOverrides(m<string | null>({ 'retention.ms': null }), broker)).toThrow('retention.ms must have a value');
    expect(() => validateTopicOverrides(m({ 'min.compaction.lag.ms': '10', 'max.compaction.lag.ms': '5' }), broker))
      .toThrow('min.compaction.lag.ms (10) must not be greater than max.compaction.lag.ms (5)');
    expect(() => validateTopicOverrides(m({ 'remote.storage.enable': 'true' }), broker)).toThrow(/tiered storage/);
  });

  it('resolves effective values from override, broker synonym, then default', () => {
    const eff = effectiveTopicConfig(m({ 'segment.ms': '100' }), broker);
    expect(eff.get('segment.ms')).toBe('100');
    expect(eff.get('retention.ms')).toBe('7200000');
    expect(eff.get('compression.type')).toBe('gzip');
    expect(eff.get('max.message.bytes')).toBe('1048588');
    expect(eff.get('min.cleanable.dirty.ratio')).toBe('0.5');
    expect(topicConfigValue('retention.ms', new Map(), broker)).toBe(7200000n);
    expect(topicConfigValue('cleanup.policy', m({ 'cleanup.policy': 'compact' }), broker)).toEqual(['compact']);
    expect(topicConfigValue('max.message.bytes', new Map(), broker)).toBe(1048588);
  });
});
