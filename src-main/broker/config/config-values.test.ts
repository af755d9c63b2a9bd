import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-types.js';
import { canonicalConfigValue, javaDoubleString, parseConfigValue } from './config-values.js';
import { TOPIC_CONFIG_BY_NAME } from './topic-configs.js';
import { BROKER_CONFIG_BY_NAME } from './broker-configs.js';

const t = (name: string) => TOPIC_CONFIG_BY_NAME.get(name)!;
const b = (name: string) => BROKER_CONFIG_BY_NAME.get(name)!;

function errorOf(fn: () => unknown): ConfigError {
  try { fn(); } catch (e) { if (e instanceof ConfigError) return e; throw e; }
  throw new Error('expected a ConfigError');
}

describe('parseConfigValue', () => {
  it('parses each type the Java way', () => {
    expect(parseConfigValue(t('retention.ms'), ' 1000 ')).toBe(1000n);
    expect(parseConfigValue(t('retention.ms'), '9223372036854775807')).toBe(9223372036854775807n);
    expect(parseConfigValue(t('max.message.bytes'), '+12')).toBe(12);
    expect(parseConfigValue(t('preallocate'), 'TRUE')).toBe(true);
    expect(parseConfigValue(t('preallocate'), ' false')).toBe(false);
    expect(parseConfigValue(t('min.cleanable.dirty.ratio'), '0.25')).toBe(0.25);
    expect(parseConfigValue(t('min.cleanable.dirty.ratio'), '1')).toBe(1);
    expect(parseConfigValue(t('cleanup.policy'), 'compact , delete')).toEqual(['compact', 'delete']);
    expect(parseConfigValue(t('leader.replication.throttled.replicas'), '')).toEqual([]);
    expect(parseConfigValue(t('leader.replication.throttled.replicas'), '0:1,1:2')).toEqual(['0:1', '1:2']);
    expect(parseConfigValue(t('leader.replication.throttled.replicas'), '*')).toEqual(['*']);
    expect(parseConfigValue(b('offsets.topic.replication.factor'), '3')).toBe(3);
    expect(parseConfigValue(t('compression.gzip.level'), '-1')).toBe(-1);
    expect(parseConfigValue(t('message.format.version'), '2.8-IV1')).toBe('2.8-IV1');
  });

  it('gives a clear error for values of the wrong type or out of range', () => {
    expect(errorOf(() => parseConfigValue(t('retention.ms'), 'abc')).message)
      .toBe("retention.ms must be a long >= -1, got 'abc'");
    expect(errorOf(() => parseConfigValue(t('retention.ms'), '-2')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(t('retention.ms'), '9223372036854775808')).configName).toBe('retention.ms');
    expect(errorOf(() => parseConfigValue(t('max.message.bytes'), '2147483648')).message)
      .toBe("max.message.bytes must be an int >= 0, got '2147483648'");
    expect(errorOf(() => parseConfigValue(t('max.message.bytes'), '1.5')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(b('offsets.topic.replication.factor'), '40000')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(t('preallocate'), 'yes')).message)
      .toBe("preallocate must be a boolean (true or false), got 'yes'");
    expect(errorOf(() => parseConfigValue(t('min.cleanable.dirty.ratio'), '1.5')).message)
      .toBe("min.cleanable.dirty.ratio must be a double between 0 and 1, got '1.5'");
    expect(errorOf(() => parseConfigValue(t('min.cleanable.dirty.ratio'), 'half')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(t('message.timestamp.type'), 'createtime')).message)
      .toBe("message.timestamp.type must be one of [CreateTime, LogAppendTime], got 'createtime'");
    expect(errorOf(() => parseConfigValue(t('cleanup.policy'), 'compact,forever')).message)
      .toBe("cleanup.policy must be a list of values from [compact, delete], got 'compact,forever'");
    expect(errorOf(() => parseConfigValue(t('compression.gzip.level'), '0')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(t('compression.zstd.level'), '23')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(t('leader.replication.throttled.replicas'), '*,0:1')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(t('leader.replication.throttled.replicas'), 'x:1')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(t('message.format.version'), 'latest')).kind).toBe('invalid-value');
    expect(errorOf(() => parseConfigValue(b('fetch.max.bytes'), '1023')).message)
      .toBe("fetch.max.bytes must be an int >= 1024, got '1023'");
  });

  it('canonicalises values as Kafka shows them', () => {
    expect(canonicalConfigValue(t('cleanup.policy'), ' compact ,delete ')).toBe('compact,delete');
    expect(canonicalConfigValue(t('min.cleanable.dirty.ratio'), '1')).toBe('1.0');
    expect(canonicalConfigValue(t('retention.ms'), '+0010')).toBe('10');
    expect(canonicalConfigValue(t('preallocate'), 'True')).toBe('true');
  });

  it('prints doubles like Java', () => {
    expect(javaDoubleString(0.5)).toBe('0.5');
    expect(javaDoubleString(1)).toBe('1.0');
    expect(javaDoubleString(0)).toBe('0.0');
    expect(javaDoubleString(1e7)).toBe('1.0E7');
    expect(javaDoubleString(1.5e-4)).toBe('1.5E-4');
    expect(javaDoubleString(Number.NaN)).toBe('NaN');
  });
});
