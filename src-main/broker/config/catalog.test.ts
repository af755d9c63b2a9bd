import { describe, expect, it } from 'vitest';
import { BROKER_CONFIGS, BROKER_CONFIG_BY_NAME } from './broker-configs.js';
import { parseConfigValue } from './config-values.js';
import { TOPIC_CONFIGS } from './topic-configs.js';

describe('config catalog data', () => {
  it('every default parses under its own type and validator', () => {
    for (const def of [...TOPIC_CONFIGS, ...BROKER_CONFIGS]) {
      if (def.default === null) continue;
      expect(() => parseConfigValue(def, def.default!), def.name).not.toThrow();
    }
  });

  it('names are unique and every topic synonym is a broker config of a compatible type', () => {
    expect(new Set(TOPIC_CONFIGS.map((d) => d.name)).size).toBe(TOPIC_CONFIGS.length);
    expect(new Set(BROKER_CONFIGS.map((d) => d.name)).size).toBe(BROKER_CONFIGS.length);
    for (const t of TOPIC_CONFIGS) {
      for (const s of t.brokerSynonyms) {
        const b = BROKER_CONFIG_BY_NAME.get(s.name);
        expect(b, `${t.name} -> ${s.name}`).toBeDefined();
        if (s.factor === undefined) expect(b!.type, `${t.name} -> ${s.name}`).toBe(t.type);
      }
    }
  });

  it('holds the Kafka 3.9 facts the broker relies on', () => {
    const t = new Map(TOPIC_CONFIGS.map((d) => [d.name, d]));
    expect(t.get('max.message.bytes')!.default).toBe('1048588');
    expect(t.get('retention.ms')!.default).toBe('604800000');
    expect(t.get('retention.ms')!.brokerSynonyms.map((s) => s.name))
      .toEqual(['log.retention.ms', 'log.retention.minutes', 'log.retention.hours']);
    expect(t.get('segment.bytes')!.default).toBe('1073741824');
    expect(t.get('cleanup.policy')!.type).toBe('LIST');
    expect(t.get('min.cleanable.dirty.ratio')!.type).toBe('DOUBLE');
    expect(BROKER_CONFIG_BY_NAME.get('offsets.retention.minutes')!.default).toBe('10080');
    expect(BROKER_CONFIG_BY_NAME.get('group.initial.rebalance.delay.ms')!.default).toBe('3000');
    expect(BROKER_CONFIG_BY_NAME.get('replica.lag.time.max.ms')!.default).toBe('30000');
    expect(BROKER_CONFIG_BY_NAME.get('log.retention.ms')!.default).toBeNull();
    expect(BROKER_CONFIG_BY_NAME.get('log.retention.hours')!.dynamic).toBeFalsy();
    expect(BROKER_CONFIG_BY_NAME.get('log.retention.ms')!.dynamic).toBe(true);
  });

  it('is sorted by name, as DescribeConfigs lists it', () => {
    const names = TOPIC_CONFIGS.map((d) => d.name);
    expect(names).toEqual([...names].sort());
    const bnames = BROKER_CONFIGS.map((d) => d.name);
    expect(bnames).toEqual([...bnames].sort());
  });
});
