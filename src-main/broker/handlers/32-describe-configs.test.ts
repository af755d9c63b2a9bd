import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import describeConfigsApi from '../../protocol/schema/32-describe-configs.js';
import { ConfigSource, ConfigType, TOPIC_CONFIGS } from '../config/index.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

const TOPIC = 2;
const BROKER = 4;

describe('32-describe-configs over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker({ numPartitions: 3, raw: { 'log.retention.hours': '24' } });
    tb.broker.topics.create('orders', { partitions: 1, configs: { 'cleanup.policy': 'compact', 'retention.ms': '1000' } });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([0, 1, 2, 3, 4])('v%i describes every topic config with effective values', async (v) => {
    const res = await c.send(describeConfigsApi, v, {
      resources: [{ resourceType: TOPIC, resourceName: 'orders', configurationKeys: null }], includeSynonyms: false, includeDocumentation: false,
    });
    const r = res.results[0];
    expect(r).toMatchObject({ errorCode: 0, errorMessage: null, resourceType: TOPIC, resourceName: 'orders' });
    expect(r.configs.map((x) => x.name)).toEqual(TOPIC_CONFIGS.map((d) => d.name));
    const by = new Map(r.configs.map((x) => [x.name, x]));
    expect(by.get('cleanup.policy')).toMatchObject({ value: 'compact', readOnly: false, isSensitive: false });
    expect(by.get('retention.ms')!.value).toBe('1000');
    expect(by.get('segment.ms')!.value).toBe('604800000');
    if (v === 0) {
      expect(by.get('cleanup.policy')!.isDefault).toBe(false);
      expect(by.get('segment.ms')!.isDefault).toBe(true);
    } else {
      expect(by.get('cleanup.policy')!.configSource).toBe(ConfigSource.DYNAMIC_TOPIC_CONFIG);
      expect(by.get('segment.ms')!.configSource).toBe(ConfigSource.DEFAULT_CONFIG);
      expect(by.get('cleanup.policy')!.synonyms).toEqual([]);
    }
    if (v >= 3) expect(by.get('retention.ms')!.configType).toBe(ConfigType.LONG);
  });

  it('v1+ returns synonyms when asked, v3+ documentation when asked', async () => {
    const res = await c.send(describeConfigsApi, 4, {
      resources: [{ resourceType: TOPIC, resourceName: 'orders', configurationKeys: ['cleanup.policy', 'delete.retention.ms'] }],
      includeSynonyms: true, includeDocumentation: true,
    });
    const [policy, del] = res.results[0].configs;
    expect(policy).toMatchObject({
      name: 'cleanup.policy', configType: ConfigType.LIST,
      synonyms: [
        { name: 'cleanup.policy', value: 'compact', source: ConfigSource.DYNAMIC_TOPIC_CONFIG },
        { name: 'log.cleanup.policy', value: 'delete', source: ConfigSource.DEFAULT_CONFIG },
      ],
    });
    expect(policy.documentation).toMatch(/compact/);
    expect(del).toMatchObject({ name: 'delete.retention.ms', value: '86400000', configSource: ConfigSource.DEFAULT_CONFIG });
  });

  it('describes the broker with static settings and their source', async () => {
    const res = await c.send(describeConfigsApi, 4, {
      resources: [{ resourceType: BROKER, resourceName: String(tb.broker.nodeId), configurationKeys: ['num.partitions', 'log.retention.hours', 'message.max.bytes', 'log.retention.ms'] }],
      includeSynonyms: true, includeDocumentation: false,
    });
    const by = new Map(res.results[0].configs.map((x) => [x.name, x]));
    expect(res.results[0].errorCode).toBe(0);
    expect(by.get('num.partitions')).toMatchObject({ value: '3', configSource: ConfigSource.STATIC_BROKER_CONFIG, readOnly: true, configType: ConfigType.INT });
    expect(by.get('log.retention.hours')).toMatchObject({ value: '24', configSource: ConfigSource.STATIC_BROKER_CONFIG });
    expect(by.get('message.max.bytes')).toMatchObject({ value: '1048588', configSource: ConfigSource.DEFAULT_CONFIG, readOnly: false });
    expect(by.get('log.retention.ms')).toMatchObject({ value: null, configSource: ConfigSource.DEFAULT_CONFIG });
    // The topic default follows the broker's log.retention.hours.
    const t = await c.send(describeConfigsApi, 1, {
      resources: [{ resourceType: TOPIC, resourceName: 'orders', configurationKeys: ['segment.bytes'] }], includeSynonyms: true,
    });
    expect(t.results[0].configs[0].synonyms).toEqual([{ name: 'log.segment.bytes', value: '1073741824', source: ConfigSource.DEFAULT_CONFIG }]);
  });

  it('describes the cluster-wide defaults (empty name): nothing set yet', async () => {
    const res = await c.send(describeConfigsApi, 2, { resources: [{ resourceType: BROKER, resourceName: '', configurationKeys: null }], includeSynonyms: true });
    expect(res.results[0]).toMatchObject({ errorCode: 0, configs: [] });
  });

  it('answers every bad resource with its own error, and the others normally', async () => {
    const res = await c.send(describeConfigsApi, 4, {
      resources: [
        { resourceType: TOPIC, resourceName: 'missing', configurationKeys: null },
        { resourceType: TOPIC, resourceName: 'bad name!', configurationKeys: null },
        { resourceType: BROKER, resourceName: '99', configurationKeys: null },
        { resourceType: BROKER, resourceName: 'abc', configurationKeys: null },
        { resourceType: 8, resourceName: '1', configurationKeys: null },
        { resourceType: 42, resourceName: 'x', configurationKeys: null },
        { resourceType: TOPIC, resourceName: 'orders', configurationKeys: ['retention.ms'] },
      ],
      includeSynonyms: false, includeDocumentation: false,
    });
    expect(res.results.map((r) => r.errorCode)).toEqual([
      KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, KafkaError.INVALID_TOPIC_EXCEPTION.code, KafkaError.INVALID_REQUEST.code,
      KafkaError.INVALID_REQUEST.code, KafkaError.INVALID_REQUEST.code, KafkaError.INVALID_REQUEST.code, 0,
    ]);
    expect(res.results[2].errorMessage).toBe(`Unexpected broker id, expected ${tb.broker.nodeId} or empty string, but received 99`);
    expect(res.results.slice(0, 6).every((r) => r.configs.length === 0)).toBe(true);
    expect(res.results[6].configs).toHaveLength(1);
  });
});
