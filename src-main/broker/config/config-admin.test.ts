import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import { BrokerConfig } from './broker-config.js';
import { AlterConfigOp as Op, ConfigAdmin, applyConfigOps, duplicateResources, type TopicConfigRepository } from './config-admin.js';
import { ConfigResourceType as RT, ConfigSource } from './config-types.js';
import { DynamicConfigStore } from './dynamic-config-store.js';
import { findTopicConfig } from './config-lookup.js';

const code = (name: string) => KafkaError[name]!.code;
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

class MemoryTopics implements TopicConfigRepository {
  readonly topics = new Map<string, Map<string, string>>([['orders', new Map()]]);
  writes = 0;
  hasTopic(name: string) { return this.topics.has(name); }
  topicOverrides(name: string) { return this.topics.get(name)!; }
  setTopicOverrides(name: string, o: ReadonlyMap<string, string>) { this.writes++; this.topics.set(name, new Map(o)); }
}

function setup(nodeId = 1) {
  const dir = mkdtempSync(join(tmpdir(), 'tp-cfgadmin-'));
  dirs.push(dir);
  const broker = new BrokerConfig({ defaultNodeId: nodeId });
  const topics = new MemoryTopics();
  const store = new DynamicConfigStore(dir);
  let changes = 0;
  const admin = new ConfigAdmin({ broker, topics, store, onBrokerConfigChange: () => { changes++; } });
  return { dir, broker, topics, store, admin, changes: () => changes };
}

describe('ConfigAdmin.describe', () => {
  it('describes topics and the broker, and reports per-resource errors', () => {
    const { admin } = setup();
    const t = admin.describe(RT.TOPIC, 'orders', { keys: ['retention.ms'] });
    expect(t).toMatchObject({ errorCode: 0, errorMessage: null, configs: [{ name: 'retention.ms', value: '604800000' }] });
    expect(admin.describe(RT.BROKER, '1', { keys: ['num.partitions'] }).configs[0]).toMatchObject({ value: '1', readOnly: true });
    expect(admin.describe(RT.BROKER, '', {}).configs).toEqual([]);
    expect(admin.describe(RT.TOPIC, 'nope', {})).toMatchObject({ errorCode: code('UNKNOWN_TOPIC_OR_PARTITION'), configs: [] });
    expect(admin.describe(RT.TOPIC, 'bad/name', {}).errorCode).toBe(code('INVALID_TOPIC_EXCEPTION'));
    expect(admin.describe(RT.TOPIC, '', {}).errorCode).toBe(code('INVALID_TOPIC_EXCEPTION'));
    expect(admin.describe(RT.TOPIC, 'x'.repeat(250), {}).errorCode).toBe(code('INVALID_TOPIC_EXCEPTION'));
    expect(admin.describe(RT.BROKER, '2', {})).toMatchObject({ errorCode: code('INVALID_REQUEST'), errorMessage: 'Unexpected broker id, expected 1 or empty string, but received 2' });
    expect(admin.describe(RT.BROKER, 'abc', {}).errorMessage).toBe('Broker id must be an integer, but it is: abc');
    expect(admin.describe(RT.BROKER_LOGGER, '1', {}).errorCode).toBe(code('INVALID_REQUEST'));
    expect(admin.describe(99, 'x', {}).errorMessage).toBe('Unsupported resource type 99');
  });
});

describe('ConfigAdmin.alter (legacy: replaces the whole set)', () => {
  it('replaces topic overrides, validates, and honours validateOnly', async () => {
    const { admin, topics } = setup();
    expect(await admin.alter(RT.TOPIC, 'orders', [{ name: 'retention.ms', value: '1000' }, { name: 'cleanup.policy', value: 'compact' }], false)).toEqual({ errorCode: 0, errorMessage: null });
    expect([...topics.topics.get('orders')!]).toEqual([['retention.ms', '1000'], ['cleanup.policy', 'compact']]);
    expect(await admin.alter(RT.TOPIC, 'orders', [{ name: 'segment.ms', value: '5000' }], true)).toMatchObject({ errorCode: 0 });
    expect(topics.topics.get('orders')!.get('segment.ms')).toBeUndefined(); // validateOnly wrote nothing
    await admin.alter(RT.TOPIC, 'orders', [{ name: 'segment.ms', value: '5000' }], false);
    expect([...topics.topics.get('orders')!]).toEqual([['segment.ms', '5000']]); // the others are gone
  });

  it('maps every failure to its Kafka error', async () => {
    const { admin, topics } = setup();
    expect(await admin.alter(RT.TOPIC, 'orders', [{ name: 'retention.msx', value: '1' }], false))
      .toEqual({ errorCode: code('INVALID_CONFIG'), errorMessage: "unknown topic config 'retention.msx'; did you mean 'retention.ms'?" });
    expect(await admin.alter(RT.TOPIC, 'orders', [{ name: 'retention.ms', value: 'abc' }], false))
      .toEqual({ errorCode: code('INVALID_CONFIG'), errorMessage: "retention.ms must be a long >= -1, got 'abc'" });
    expect((await admin.alter(RT.TOPIC, 'orders', [{ name: 'retention.ms', value: null }], false)).errorCode).toBe(code('INVALID_REQUEST'));
    expect((await admin.alter(RT.TOPIC, 'orders', [{ name: 'retention.ms', value: '1' }, { name: 'retention.ms', value: '2' }], false)))
      .toEqual({ errorCode: code('INVALID_REQUEST'), errorMessage: 'Error due to duplicate config keys: retention.ms' });
    expect((await admin.alter(RT.TOPIC, 'ghost', [], false)).errorCode).toBe(code('UNKNOWN_TOPIC_OR_PARTITION'));
    expect((await admin.alter(RT.TOPIC, '', [], false)).errorCode).toBe(code('INVALID_REQUEST'));
    expect((await admin.alter(RT.TOPIC, 'a b', [], false)).errorCode).toBe(code('INVALID_TOPIC_EXCEPTION'));
    expect((await admin.alter(RT.BROKER_LOGGER, '1', [], false)).errorCode).toBe(code('INVALID_REQUEST'));
    expect(topics.writes).toBe(0);
  });

  it('alters broker dynamic configs per broker and cluster-wide, persisted across a reload', async () => {
    const { admin, broker, dir, changes } = setup();
    expect(await admin.alter(RT.BROKER, '1', [{ name: 'log.retention.ms', value: '60000' }], false)).toMatchObject({ errorCode: 0 });
    expect(await admin.alter(RT.BROKER, '', [{ name: 'message.max.bytes', value: '2000000' }], false)).toMatchObject({ errorCode: 0 });
    expect(changes()).toBe(2);
    expect(broker.get('log.retention.ms')).toBe('60000');
    expect(admin.describe(RT.TOPIC, 'orders', { keys: ['retention.ms'] }).configs[0])
      .toMatchObject({ value: '60000', configSource: ConfigSource.DYNAMIC_BROKER_CONFIG });
    const stored = new DynamicConfigStore(dir).load();
    const reloaded = new BrokerConfig({ defaultNodeId: 1, dynamicBroker: stored.broker, dynamicDefault: stored.clusterDefault });
    expect(reloaded.get('log.retention.ms')).toBe('60000');
    expect(reloaded.get('message.max.bytes')).toBe('2000000');
    expect(JSON.parse(readFileSync(join(dir, 'dynamic-broker-configs.json'), 'utf8')).version).toBe(1);
  });

  it('rejects read-only, unknown and invalid broker configs with INVALID_REQUEST', async () => {
    const { admin, broker } = setup();
    expect(await admin.alter(RT.BROKER, '1', [{ name: 'num.partitions', value: '3' }], false))
      .toEqual({ errorCode: code('INVALID_REQUEST'), errorMessage: 'cannot update these broker configs dynamically: num.partitions' });
    expect((await admin.alter(RT.BROKER, '1', [{ name: 'message.max.bytes', value: '-5' }], false)).errorCode).toBe(code('INVALID_REQUEST'));
    expect((await admin.alter(RT.BROKER, '1', [{ name: 'mesage.max.bytes', value: '5' }], false)).errorMessage).toMatch(/did you mean 'message.max.bytes'/);
    expect((await admin.alter(RT.BROKER, '7', [], false)).errorCode).toBe(code('INVALID_REQUEST'));
    expect(broker.dynamic('broker').size).toBe(0);
  });

  it('reports a failure to persist as UNKNOWN_SERVER_ERROR and keeps memory unchanged', async () => {
    const { admin, broker, dir } = setup();
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'not a directory');
    const r = await admin.alter(RT.BROKER, '1', [{ name: 'log.retention.ms', value: '1' }], false);
    expect(r.errorCode).toBe(code('UNKNOWN_SERVER_ERROR'));
    expect(broker.get('log.retention.ms')).toBeNull();
    rmSync(dir);
  });
});

describe('ConfigAdmin.incrementalAlter', () => {
  it('applies SET, DELETE, APPEND and SUBTRACT', async () => {
    const { admin, topics } = setup();
    await admin.incrementalAlter(RT.TOPIC, 'orders', [{ name: 'retention.ms', op: Op.SET, value: '1000' }, { name: 'segment.ms', op: Op.SET, value: '9' }], false);
    await admin.incrementalAlter(RT.TOPIC, 'orders', [{ name: 'segment.ms', op: Op.DELETE, value: null }], false);
    expect([...topics.topics.get('orders')!]).toEqual([['retention.ms', '1000']]); // incremental keeps the rest
    await admin.incrementalAlter(RT.TOPIC, 'orders', [{ name: 'cleanup.policy', op: Op.APPEND, value: 'compact' }], false);
    expect(topics.topics.get('orders')!.get('cleanup.policy')).toBe('delete,compact'); // appended to the default
    await admin.incrementalAlter(RT.TOPIC, 'orders', [{ name: 'cleanup.policy', op: Op.SUBTRACT, value: 'delete' }], false);
    expect(topics.topics.get('orders')!.get('cleanup.policy')).toBe('compact');
    expect(admin.describe(RT.TOPIC, 'orders', { keys: ['cleanup.policy'] }).configs[0]).toMatchObject({ value: 'compact', configSource: ConfigSource.DYNAMIC_TOPIC_CONFIG });
    await admin.incrementalAlter(RT.TOPIC, 'orders', [{ name: 'not.a.config', op: Op.DELETE, value: null }], false); // no-op, as Kafka
    expect(topics.topics.get('orders')!.size).toBe(2);
  });

  it('rejects bad operations with Kafka errors and writes nothing', async () => {
    const { admin, topics } = setup();
    const r = (ops: Parameters<ConfigAdmin['incrementalAlter']>[2]) => admin.incrementalAlter(RT.TOPIC, 'orders', ops, false);
    expect(await r([{ name: 'retention.ms', op: Op.APPEND, value: '5' }]))
      .toEqual({ errorCode: code('INVALID_CONFIG'), errorMessage: "Can't APPEND to key retention.ms because its type is not LIST." });
    expect((await r([{ name: 'retention.ms', op: 9, value: '5' }])).errorCode).toBe(code('INVALID_REQUEST'));
    expect((await r([{ name: 'retention.ms', op: Op.SET, value: null }])).errorMessage).toBe('Null value not supported for : retention.ms');
    expect((await r([{ name: 'cleanup.policy', op: Op.APPEND, value: 'forever' }])).errorCode).toBe(code('INVALID_CONFIG'));
    expect((await r([{ name: 'min.compaction.lag.ms', op: Op.SET, value: '10' }, { name: 'max.compaction.lag.ms', op: Op.SET, value: '5' }])).errorCode).toBe(code('INVALID_CONFIG'));
    expect(topics.writes).toBe(0);
    expect((await admin.incrementalAlter(RT.BROKER, '1', [{ name: 'log.cleanup.policy', op: Op.APPEND, value: 'compact' }], false)).errorCode).toBe(0);
    expect((await admin.incrementalAlter(RT.BROKER, '1', [{ name: 'num.partitions', op: Op.SET, value: '2' }], false)).errorCode).toBe(code('INVALID_REQUEST'));
  });
});

describe('helpers', () => {
  it('applyConfigOps de-duplicates appended values', () => {
    const next = applyConfigOps(new Map([['cleanup.policy', 'delete']]), [{ name: 'cleanup.policy', op: Op.APPEND, value: 'compact,compact,delete' }], findTopicConfig);
    expect(next.get('cleanup.policy')).toBe('delete,compact');
  });

  it('duplicateResources finds every copy of a repeated resource', () => {
    const a = { resourceType: 2, resourceName: 't' };
    const b = { resourceType: 2, resourceName: 't' };
    const c = { resourceType: 4, resourceName: 't' };
    expect([...duplicateResources([a, b, c])]).toEqual([a, b]);
  });

  it('DynamicConfigStore rejects a damaged file clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-dyn-'));
    dirs.push(dir);
    const store = new DynamicConfigStore(dir);
    expect(store.load().broker.size).toBe(0);
    writeFileSync(store.path, '{');
    expect(() => store.load()).toThrow(/not valid JSON/);
    writeFileSync(store.path, '{"version":2}');
    expect(() => store.load()).toThrow(/unknown version 2/);
    writeFileSync(store.path, '{"version":1,"broker":{"a":1},"clusterDefault":{}}');
    expect(() => store.load()).toThrow(/value of 'a' is not a string/);
    writeFileSync(store.path, '{"version":1,"broker":[],"clusterDefault":{}}');
    expect(() => store.load()).toThrow(/expected an object/);
  });
});
