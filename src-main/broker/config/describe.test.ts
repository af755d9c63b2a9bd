import { describe, expect, it } from 'vitest';
import { BrokerConfig } from './broker-config.js';
import { ConfigSource, ConfigType } from './config-types.js';
import { describeBrokerConfigs, describeTopicConfigs } from './describe.js';
import { TOPIC_CONFIGS } from './topic-configs.js';

const m = (o: Record<string, string>) => new Map(Object.entries(o));
const S = ConfigSource;

describe('describeTopicConfigs', () => {
  const broker = new BrokerConfig({ static: m({ 'log.retention.hours': '2', 'log.segment.bytes': '2048' }) });

  it('lists every topic config with effective value and source', () => {
    const entries = describeTopicConfigs(broker, m({ 'cleanup.policy': 'compact' }), { includeSynonyms: true });
    expect(entries.map((e) => e.name)).toEqual(TOPIC_CONFIGS.map((d) => d.name));
    const by = new Map(entries.map((e) => [e.name, e]));
    expect(by.get('cleanup.policy')).toMatchObject({
      value: 'compact', configSource: S.DYNAMIC_TOPIC_CONFIG, readOnly: false, isDefault: false, isSensitive: false,
      configType: ConfigType.LIST, documentation: null,
      synonyms: [
        { name: 'cleanup.policy', value: 'compact', source: S.DYNAMIC_TOPIC_CONFIG },
        { name: 'log.cleanup.policy', value: 'delete', source: S.DEFAULT_CONFIG },
      ],
    });
    expect(by.get('retention.ms')).toMatchObject({
      value: '7200000', configSource: S.STATIC_BROKER_CONFIG, configType: ConfigType.LONG,
      synonyms: [
        { name: 'log.retention.hours', value: '2', source: S.STATIC_BROKER_CONFIG },
        { name: 'log.retention.hours', value: '168', source: S.DEFAULT_CONFIG },
      ],
    });
    expect(by.get('segment.bytes')).toMatchObject({ value: '2048', configSource: S.STATIC_BROKER_CONFIG });
    expect(by.get('preallocate')).toMatchObject({ value: 'false', configSource: S.DEFAULT_CONFIG, isDefault: true });
    expect(by.get('remote.storage.enable')).toMatchObject({ configSource: S.DEFAULT_CONFIG, synonyms: [] });
  });

  it('filters by keys, omits synonyms unless asked, includes docs when asked', () => {
    const entries = describeTopicConfigs(broker, new Map(), { keys: ['retention.ms', 'nope'], includeDocumentation: true });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.synonyms).toEqual([]);
    expect(entries[0]!.documentation).toMatch(/retention|kept/i);
  });
});

describe('describeBrokerConfigs', () => {
  const broker = new BrokerConfig({ static: m({ 'num.partitions': '3', 'log.retention.hours': '5' }) });
  broker.replaceDynamic('cluster-default', BrokerConfig.validateDynamic(m({ 'message.max.bytes': '5000' })));
  broker.replaceDynamic('broker', BrokerConfig.validateDynamic(m({ 'message.max.bytes': '6000', 'ssl.key.password': 'secret' })));

  it('describes the broker itself with sources, read-only flags and synonyms', () => {
    const by = new Map(describeBrokerConfigs(broker, true, { includeSynonyms: true }).map((e) => [e.name, e]));
    expect(by.get('num.partitions')).toMatchObject({
      value: '3', configSource: S.STATIC_BROKER_CONFIG, readOnly: true, configType: ConfigType.INT,
      synonyms: [{ name: 'num.partitions', value: '3', source: S.STATIC_BROKER_CONFIG }, { name: 'num.partitions', value: '1', source: S.DEFAULT_CONFIG }],
    });
    expect(by.get('message.max.bytes')).toMatchObject({
      value: '6000', configSource: S.DYNAMIC_BROKER_CONFIG, readOnly: false,
      synonyms: [
        { name: 'message.max.bytes', value: '6000', source: S.DYNAMIC_BROKER_CONFIG },
        { name: 'message.max.bytes', value: '5000', source: S.DYNAMIC_DEFAULT_BROKER_CONFIG },
        { name: 'message.max.bytes', value: '1048588', source: S.DEFAULT_CONFIG },
      ],
    });
    // As in Kafka: log.retention.ms itself is unset, so value null and source DEFAULT_CONFIG.
    expect(by.get('log.retention.ms')).toMatchObject({ value: null, configSource: S.DEFAULT_CONFIG, synonyms: [] });
    expect(by.get('log.retention.hours')).toMatchObject({ value: '5', configSource: S.STATIC_BROKER_CONFIG, readOnly: true });
    expect(by.get('ssl.key.password')).toMatchObject({
      value: null, isSensitive: true, configType: ConfigType.PASSWORD, configSource: S.DYNAMIC_BROKER_CONFIG,
      synonyms: [{ name: 'ssl.key.password', value: null, source: S.DYNAMIC_BROKER_CONFIG }],
    });
  });

  it('describes the cluster-wide defaults (resource name "") with only those set', () => {
    const entries = describeBrokerConfigs(broker, false, { includeSynonyms: true });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      name: 'message.max.bytes', value: '5000', configSource: S.DYNAMIC_DEFAULT_BROKER_CONFIG,
      synonyms: [{ name: 'message.max.bytes', value: '5000', source: S.DYNAMIC_DEFAULT_BROKER_CONFIG }],
    });
  });
});
