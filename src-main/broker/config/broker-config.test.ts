import { describe, expect, it } from 'vitest';
import { BrokerConfig, brokerSynonymNames } from './broker-config.js';
import { ConfigError } from './config-types.js';
import { TOPIC_CONFIG_BY_NAME } from './topic-configs.js';

const topic = (name: string) => TOPIC_CONFIG_BY_NAME.get(name)!;
const m = (o: Record<string, string>) => new Map(Object.entries(o));

describe('BrokerConfig', () => {
  it('uses Kafka defaults when nothing is set', () => {
    const c = new BrokerConfig();
    expect(c.int('num.partitions')).toBe(1);
    expect(c.bool('auto.create.topics.enable')).toBe(true);
    expect(c.get('log.retention.ms')).toBeNull();
    expect(c.value('log.retention.ms')).toBeNull();
    expect(c.value('log.retention.bytes')).toBe(-1n);
    expect(c.nodeId).toBe(0);
    expect(new BrokerConfig({ defaultNodeId: 3 }).nodeId).toBe(3);
  });

  it('layers static < dynamic default < dynamic per-broker', () => {
    const c = new BrokerConfig({ static: m({ 'message.max.bytes': '2000' }) });
    expect(c.int('message.max.bytes')).toBe(2000);
    c.replaceDynamic('cluster-default', BrokerConfig.validateDynamic(m({ 'message.max.bytes': '3000' })));
    expect(c.int('message.max.bytes')).toBe(3000);
    c.replaceDynamic('broker', BrokerConfig.validateDynamic(m({ 'message.max.bytes': '4000' })));
    expect(c.int('message.max.bytes')).toBe(4000);
    expect(c.dynamic('broker').get('message.max.bytes')).toBe('4000');
    expect(c.staticValues().get('message.max.bytes')).toBe('2000');
  });

  it('follows the synonym chain for topic defaults, converting units', () => {
    expect(new BrokerConfig().topicDefault(topic('retention.ms'))).toEqual({ value: '604800000', from: 'log.retention.hours' });
    const hours = new BrokerConfig({ static: m({ 'log.retention.hours': '1' }) });
    expect(hours.topicDefault(topic('retention.ms')).value).toBe('3600000');
    const minutes = new BrokerConfig({ static: m({ 'log.retention.hours': '1', 'log.retention.minutes': '2' }) });
    expect(minutes.topicDefault(topic('retention.ms'))).toEqual({ value: '120000', from: 'log.retention.minutes' });
    const ms = new BrokerConfig({ static: m({ 'log.retention.minutes': '2', 'log.retention.ms': '5' }) });
    expect(ms.topicDefault(topic('retention.ms')).value).toBe('5');
    expect(new BrokerConfig().topicDefault(topic('flush.ms')).from).toBe('log.flush.scheduler.interval.ms');
    expect(new BrokerConfig().topicDefault(topic('segment.ms')).value).toBe('604800000');
    expect(new BrokerConfig().topicDefault(topic('remote.storage.enable'))).toEqual({ value: 'false', from: null });
    expect(new BrokerConfig({ static: m({ 'message.max.bytes': '777' }) }).topicDefault(topic('max.message.bytes')).value).toBe('777');
  });

  it('knows each broker config\'s own synonyms', () => {
    expect(brokerSynonymNames('log.retention.ms')).toEqual(['log.retention.ms', 'log.retention.minutes', 'log.retention.hours']);
    expect(brokerSynonymNames('log.retention.minutes')).toEqual(['log.retention.minutes', 'log.retention.hours']);
    expect(brokerSynonymNames('log.roll.ms')).toEqual(['log.roll.ms', 'log.roll.hours']);
    expect(brokerSynonymNames('num.partitions')).toEqual(['num.partitions']);
  });

  it('rejects unknown names and bad values in static config, and warns for ignored Kafka keys', () => {
    expect(() => new BrokerConfig({ static: m({ 'num.partition': '3' }) }))
      .toThrow("unknown broker config 'num.partition'; did you mean 'num.partitions'?");
    expect(() => new BrokerConfig({ static: m({ 'num.partitions': '0' }) }))
      .toThrow("num.partitions must be an int >= 1, got '0'");
    const c = new BrokerConfig({ static: m({ 'num.io.threads': '8', 'process.roles': 'broker,controller' }) });
    expect(c.warnings).toHaveLength(2);
    expect(c.warnings[0]).toContain('num.io.threads');
  });

  it('takes node.id or broker.id and rejects a mismatch', () => {
    expect(new BrokerConfig({ static: m({ 'node.id': '4' }) }).nodeId).toBe(4);
    expect(new BrokerConfig({ static: m({ 'broker.id': '5' }) }).nodeId).toBe(5);
    expect(() => new BrokerConfig({ static: m({ 'broker.id': '5', 'node.id': '6' }) })).toThrow(ConfigError);
  });

  it('allows only dynamic configs to change at run time', () => {
    expect(() => BrokerConfig.validateDynamic(m({ 'num.partitions': '3', 'log.retention.hours': '1' })))
      .toThrow('cannot update these broker configs dynamically: num.partitions, log.retention.hours');
    expect(() => BrokerConfig.validateDynamic(m({ 'log.retention.ms': 'soon' })))
      .toThrow("log.retention.ms must be a long, got 'soon'");
    expect(() => BrokerConfig.validateDynamic(m({ 'log.retention.msx': '1' }))).toThrow(/did you mean 'log.retention.ms'/);
    expect(BrokerConfig.validateDynamic(m({ 'log.cleanup.policy': 'compact, delete' })).get('log.cleanup.policy')).toBe('compact,delete');
  });
});
