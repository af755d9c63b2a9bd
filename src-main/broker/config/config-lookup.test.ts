import { describe, expect, it } from 'vitest';
import { requireBrokerConfig, requireTopicConfig, suggestName } from './config-lookup.js';
import { ConfigError } from './config-types.js';

describe('config lookup', () => {
  it('finds known names', () => {
    expect(requireTopicConfig('retention.ms').type).toBe('LONG');
    expect(requireBrokerConfig('num.partitions').type).toBe('INT');
  });

  it('suggests the closest name for a typo', () => {
    expect(() => requireTopicConfig('retention.msx')).toThrow("unknown topic config 'retention.msx'; did you mean 'retention.ms'?");
    expect(() => requireBrokerConfig('num.partition')).toThrow("unknown broker config 'num.partition'; did you mean 'num.partitions'?");
    try { requireTopicConfig('retention.msx'); } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).kind).toBe('unknown');
      expect((e as ConfigError).configName).toBe('retention.msx');
    }
  });

  it('does not suggest anything for a name far from all known ones', () => {
    expect(() => requireTopicConfig('completely.unrelated.setting')).toThrow("unknown topic config 'completely.unrelated.setting'");
    expect(suggestName('zzzz', ['retention.ms'])).toBeUndefined();
    expect(suggestName('', ['retention.ms'])).toBeUndefined();
    // A broker name is not a topic config.
    expect(() => requireTopicConfig('log.retention.ms')).toThrow(/unknown topic config 'log.retention.ms'/);
  });
});
