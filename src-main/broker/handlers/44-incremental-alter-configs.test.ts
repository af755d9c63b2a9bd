import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import describeConfigsApi from '../../protocol/schema/32-describe-configs.js';
import incrementalApi from '../../protocol/schema/44-incremental-alter-configs.js';
import { ConfigSource } from '../config/index.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, tempDir, type TestBroker } from '../test-support/test-broker.js';

const TOPIC = 2;
const BROKER = 4;
const SET = 0, DELETE = 1, APPEND = 2, SUBTRACT = 3;

describe('44-incremental-alter-configs over TCP', () => {
  const dir = tempDir();
  let tb: TestBroker;
  let c: KafkaTestClient;
  const value = async (type: number, name: string, key: string) => {
    const res = await c.send(describeConfigsApi, 4, { resources: [{ resourceType: type, resourceName: name, configurationKeys: [key] }], includeSynonyms: false, includeDocumentation: false });
    return res.results[0].configs[0];
  };
  const alter = (ops: { name: string; configOperation: number; value: string | null }[], opts: { v?: number; type?: number; name?: string; validateOnly?: boolean } = {}) =>
    c.send(incrementalApi, opts.v ?? 1, { resources: [{ resourceType: opts.type ?? TOPIC, resourceName: opts.name ?? 'events', configs: ops }], validateOnly: opts.validateOnly ?? false });

  beforeAll(async () => {
    tb = await startTestBroker({ dataDir: dir });
    tb.broker.topics.create('events', { partitions: 1, configs: { 'segment.ms': '100000' } });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it.each([0, 1])('v%i SET keeps the other overrides', async (v) => {
    const res = await alter([{ name: 'retention.ms', configOperation: SET, value: `${5000 + v}` }], { v });
    expect(res.responses).toEqual([{ errorCode: 0, errorMessage: null, resourceType: TOPIC, resourceName: 'events' }]);
    expect(await value(TOPIC, 'events', 'retention.ms')).toMatchObject({ value: `${5000 + v}`, configSource: ConfigSource.DYNAMIC_TOPIC_CONFIG });
    expect((await value(TOPIC, 'events', 'segment.ms')).value).toBe('100000');
  });

  it('APPEND and SUBTRACT edit list configs, starting from the default', async () => {
    expect((await alter([{ name: 'cleanup.policy', configOperation: APPEND, value: 'compact' }])).responses[0].errorCode).toBe(0);
    expect((await value(TOPIC, 'events', 'cleanup.policy')).value).toBe('delete,compact');
    expect((await alter([{ name: 'cleanup.policy', configOperation: SUBTRACT, value: 'delete' }])).responses[0].errorCode).toBe(0);
    expect((await value(TOPIC, 'events', 'cleanup.policy')).value).toBe('compact');
  });

  it('DELETE returns a config to its default', async () => {
    expect((await alter([{ name: 'segment.ms', configOperation: DELETE, value: null }])).responses[0].errorCode).toBe(0);
    expect(await value(TOPIC, 'events', 'segment.ms')).toMatchObject({ value: '604800000', configSource: ConfigSource.DEFAULT_CONFIG });
  });

  it('validateOnly changes nothing', async () => {
    const res = await alter([{ name: 'retention.ms', configOperation: SET, value: '1' }], { validateOnly: true });
    expect(res.responses[0].errorCode).toBe(0);
    expect((await value(TOPIC, 'events', 'retention.ms')).value).toBe('5001');
  });

  it('answers every bad operation with Kafka\'s error and writes nothing', async () => {
    const cases: [Parameters<typeof alter>[0], Parameters<typeof alter>[1], number, string | null][] = [
      [[{ name: 'retention.ms', configOperation: APPEND, value: '1' }], {}, KafkaError.INVALID_CONFIG.code, "Can't APPEND to key retention.ms because its type is not LIST."],
      [[{ name: 'retention.ms', configOperation: SET, value: 'soon' }], {}, KafkaError.INVALID_CONFIG.code, "retention.ms must be a long >= -1, got 'soon'"],
      [[{ name: 'retension.ms', configOperation: SET, value: '1' }], {}, KafkaError.INVALID_CONFIG.code, "unknown topic config 'retension.ms'; did you mean 'retention.ms'?"],
      [[{ name: 'retention.ms', configOperation: 7, value: '1' }], {}, KafkaError.INVALID_REQUEST.code, 'Unknown alter config operation 7 for retention.ms'],
      [[{ name: 'retention.ms', configOperation: SET, value: null }], {}, KafkaError.INVALID_REQUEST.code, 'Null value not supported for : retention.ms'],
      [[{ name: 'retention.ms', configOperation: SET, value: '1' }, { name: 'retention.ms', configOperation: DELETE, value: null }], {}, KafkaError.INVALID_REQUEST.code, 'Error due to duplicate config keys: retention.ms'],
      [[{ name: 'retention.ms', configOperation: SET, value: '1' }], { name: 'nope' }, KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, "The topic 'nope' does not exist."],
      [[{ name: 'log.retention.hours', configOperation: SET, value: '1' }], { type: BROKER, name: String(tb.broker.nodeId) }, KafkaError.INVALID_REQUEST.code, 'cannot update these broker configs dynamically: log.retention.hours'],
      [[], { type: BROKER, name: '5' }, KafkaError.INVALID_REQUEST.code, `Unexpected broker id, expected ${tb.broker.nodeId} or empty string, but received 5`],
      [[], { type: 8, name: '1' }, KafkaError.INVALID_REQUEST.code, 'Broker logger configs are not supported by this broker'],
    ];
    for (const [ops, opts, code, message] of cases) {
      const r = (await alter(ops, opts)).responses[0];
      expect([r.errorCode, r.errorMessage], JSON.stringify(ops)).toEqual([code, message]);
    }
    expect((await value(TOPIC, 'events', 'retention.ms')).value).toBe('5001');
  });

  it('rejects a resource named twice', async () => {
    const r = { resourceType: TOPIC, resourceName: 'events', configs: [{ name: 'retention.ms', configOperation: SET, value: '9' }] };
    const res = await c.send(incrementalApi, 0, { resources: [r, { ...r }], validateOnly: false });
    expect(res.responses.map((x) => x.errorCode)).toEqual([KafkaError.INVALID_REQUEST.code, KafkaError.INVALID_REQUEST.code]);
  });

  it('edits broker dynamic configs and keeps every change across a restart', async () => {
    const id = String(tb.broker.nodeId);
    expect((await alter([{ name: 'log.cleanup.policy', configOperation: APPEND, value: 'compact' }], { type: BROKER, name: id })).responses[0].errorCode).toBe(0);
    expect((await alter([{ name: 'message.max.bytes', configOperation: SET, value: '2000000' }], { type: BROKER, name: '' })).responses[0].errorCode).toBe(0);
    c.close();
    await tb.broker.stop();
    tb = await startTestBroker({ dataDir: dir });
    c = await KafkaTestClient.connect(tb.broker.port);
    expect(await value(BROKER, id, 'log.cleanup.policy')).toMatchObject({ value: 'delete,compact', configSource: ConfigSource.DYNAMIC_BROKER_CONFIG });
    expect(await value(BROKER, id, 'message.max.bytes')).toMatchObject({ value: '2000000', configSource: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
    expect(await value(TOPIC, 'events', 'max.message.bytes')).toMatchObject({ value: '2000000', configSource: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
    expect((await value(TOPIC, 'events', 'cleanup.policy')).value).toBe('compact');
    expect((await value(TOPIC, 'events', 'retention.ms')).value).toBe('5001');
  });
});
