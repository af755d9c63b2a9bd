import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import alterConfigsApi from '../../protocol/schema/33-alter-configs.js';
import describeConfigsApi from '../../protocol/schema/32-describe-configs.js';
import { ConfigSource } from '../config/index.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, tempDir, type TestBroker } from '../test-support/test-broker.js';

const TOPIC = 2;
const BROKER = 4;

async function describeOne(c: KafkaTestClient, type: number, name: string, key: string) {
  const res = await c.send(describeConfigsApi, 4, { resources: [{ resourceType: type, resourceName: name, configurationKeys: [key] }], includeSynonyms: false, includeDocumentation: false });
  return res.results[0].configs[0];
}

describe('33-alter-configs over TCP', () => {
  const dir = tempDir();
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker({ dataDir: dir });
    tb.broker.topics.create('orders', { partitions: 1, configs: { 'segment.ms': '100000' } });
    tb.broker.topics.create('other', { partitions: 1 });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it.each([0, 1, 2])('v%i replaces the topic overrides and reads them back', async (v) => {
    const res = await c.send(alterConfigsApi, v, {
      resources: [{ resourceType: TOPIC, resourceName: 'orders', configs: [{ name: 'retention.ms', value: String(1000 + v) }, { name: 'cleanup.policy', value: 'compact, delete' }] }],
      validateOnly: false,
    });
    expect(res.responses).toEqual([{ errorCode: 0, errorMessage: null, resourceType: TOPIC, resourceName: 'orders' }]);
    expect(await describeOne(c, TOPIC, 'orders', 'retention.ms')).toMatchObject({ value: String(1000 + v), configSource: ConfigSource.DYNAMIC_TOPIC_CONFIG });
    expect((await describeOne(c, TOPIC, 'orders', 'cleanup.policy')).value).toBe('compact,delete');
    // segment.ms was not listed, so legacy AlterConfigs removed it.
    expect(await describeOne(c, TOPIC, 'orders', 'segment.ms')).toMatchObject({ value: '604800000', configSource: ConfigSource.DEFAULT_CONFIG });
    expect(tb.broker.topics.get('orders')!.record.configs).toEqual({ 'retention.ms': String(1000 + v), 'cleanup.policy': 'compact,delete' });
  });

  it('validateOnly checks and changes nothing', async () => {
    const ok = await c.send(alterConfigsApi, 1, { resources: [{ resourceType: TOPIC, resourceName: 'orders', configs: [{ name: 'retention.ms', value: '5' }] }], validateOnly: true });
    expect(ok.responses[0].errorCode).toBe(0);
    const bad = await c.send(alterConfigsApi, 1, { resources: [{ resourceType: TOPIC, resourceName: 'orders', configs: [{ name: 'retention.ms', value: 'x' }] }], validateOnly: true });
    expect(bad.responses[0].errorCode).toBe(KafkaError.INVALID_CONFIG.code);
    expect((await describeOne(c, TOPIC, 'orders', 'retention.ms')).value).toBe('1002');
  });

  it('answers each failing resource with Kafka\'s error and applies none of them', async () => {
    const res = await c.send(alterConfigsApi, 2, {
      resources: [
        { resourceType: TOPIC, resourceName: 'orders', configs: [{ name: 'retention.msx', value: '1' }] },
        { resourceType: TOPIC, resourceName: 'missing', configs: [{ name: 'retention.ms', value: '1' }] },
        { resourceType: TOPIC, resourceName: 'bad name', configs: [] },
        { resourceType: TOPIC, resourceName: '', configs: [] },
        { resourceType: BROKER, resourceName: String(tb.broker.nodeId), configs: [{ name: 'num.partitions', value: '4' }] },
        { resourceType: BROKER, resourceName: '77', configs: [] },
        { resourceType: 8, resourceName: '1', configs: [] },
        { resourceType: TOPIC, resourceName: 'other', configs: [{ name: 'retention.ms', value: null }] },
      ],
      validateOnly: false,
    });
    expect(res.responses.map((r) => [r.resourceName, r.errorCode])).toEqual([
      ['orders', KafkaError.INVALID_CONFIG.code], ['missing', KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code],
      ['bad name', KafkaError.INVALID_TOPIC_EXCEPTION.code], ['', KafkaError.INVALID_REQUEST.code],
      [String(tb.broker.nodeId), KafkaError.INVALID_REQUEST.code], ['77', KafkaError.INVALID_REQUEST.code],
      ['1', KafkaError.INVALID_REQUEST.code], ['other', KafkaError.INVALID_REQUEST.code],
    ]);
    expect(res.responses[0].errorMessage).toBe("unknown topic config 'retention.msx'; did you mean 'retention.ms'?");
    expect(res.responses[4].errorMessage).toBe('cannot update these broker configs dynamically: num.partitions');
    expect((await describeOne(c, TOPIC, 'orders', 'retention.ms')).value).toBe('1002');
  });

  it('rejects a resource named twice in one request', async () => {
    const r = { resourceType: TOPIC, resourceName: 'orders', configs: [{ name: 'retention.ms', value: '7' }] };
    const res = await c.send(alterConfigsApi, 0, { resources: [r, { ...r }], validateOnly: false });
    expect(res.responses.map((x) => [x.errorCode, x.errorMessage])).toEqual([
      [KafkaError.INVALID_REQUEST.code, 'Each resource must appear at most once.'],
      [KafkaError.INVALID_REQUEST.code, 'Each resource must appear at most once.'],
    ]);
    expect((await describeOne(c, TOPIC, 'orders', 'retention.ms')).value).toBe('1002');
  });

  it('sets broker dynamic configs, and both they and topic overrides survive a restart', async () => {
    const id = String(tb.broker.nodeId);
    const res = await c.send(alterConfigsApi, 2, {
      resources: [
        { resourceType: BROKER, resourceName: id, configs: [{ name: 'log.retention.ms', value: '3600000' }] },
        { resourceType: BROKER, resourceName: '', configs: [{ name: 'log.segment.bytes', value: '2097152' }] },
      ],
      validateOnly: false,
    });
    expect(res.responses.map((r) => r.errorCode)).toEqual([0, 0]);
    expect(await describeOne(c, BROKER, id, 'log.retention.ms')).toMatchObject({ value: '3600000', configSource: ConfigSource.DYNAMIC_BROKER_CONFIG });
    expect(await describeOne(c, BROKER, id, 'log.segment.bytes')).toMatchObject({ value: '2097152', configSource: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
    c.close();
    await tb.broker.stop();
    tb = await startTestBroker({ dataDir: dir });
    c = await KafkaTestClient.connect(tb.broker.port);
    expect(await describeOne(c, BROKER, id, 'log.retention.ms')).toMatchObject({ value: '3600000', configSource: ConfigSource.DYNAMIC_BROKER_CONFIG });
    expect(await describeOne(c, TOPIC, 'orders', 'retention.ms')).toMatchObject({ value: '1002', configSource: ConfigSource.DYNAMIC_TOPIC_CONFIG });
    expect(await describeOne(c, TOPIC, 'orders', 'segment.bytes')).toMatchObject({ value: '2097152', configSource: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
  });
});
