import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCluster } from '../cluster/index.js';
import type { BrokersOverview, TopicDetail } from '../contract/index.js';
import { LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';

// Goes through the Dispatcher so the zod inputs and the error serialisation are exercised too.
describe('topics and brokers services on a real local cluster', () => {
  let h: ServiceHarness;
  let cluster: LocalCluster;
  const call = <T>(name: string, input: unknown) => h.call<T>(name, input);
  const clusterId = LOCAL_CLUSTER_ID;

  beforeAll(async () => {
    h = await startServiceHarness({ name: 'topics-svc' });
    ({ cluster } = h);
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  it('creates a topic with 3 partitions and configs, lists and describes it with bigint offsets', async () => {
    const created = await call<TopicDetail>('topics.create', {
      clusterId, topic: 'orders.v1', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '3600000' },
    });
    expect(created.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    const node = cluster.brokers[0].nodeId;
    for (const p of created.partitions) {
      expect(p).toMatchObject({ leader: node, replicas: [node], isr: [node], outOfSync: [] });
      expect(typeof p.logStartOffset).toBe('bigint');
      expect(p.logEndOffset).toBe(0n);
    }
    expect(created.messages).toBe(0n);

    const list = await call<{ name: string; partitions: number; replicationFactor: number; underReplicated: number }[]>('topics.list', { clusterId });
    expect(list.find((t) => t.name === 'orders.v1')).toMatchObject({ partitions: 3, replicationFactor: 1, underReplicated: 0, offline: 0 });

    const configs = await call<{ name: string; value: string | null; source: string; isDefault: boolean }[]>('topics.configs', { clusterId, topic: 'orders.v1' });
    expect(configs.find((c) => c.name === 'retention.ms')).toMatchObject({ value: '3600000', source: 'topic', isDefault: false });
    const other = configs.find((c) => c.name === 'cleanup.policy');
    expect(other?.isDefault).toBe(true);
  });

  it('counts messages from real produced records (end - start, bigint)', async () => {
    const { Kafka, logLevel } = await import('kafkajs');
    const producer = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'orders.v1', messages: [{ value: 'a', partition: 0 }, { value: 'b', partition: 0 }, { value: 'c', partition: 2 }] });
    await producer.disconnect();
    const res = await call<{ topic: string; messages: bigint; sizeBytes: bigint | null }[]>('topics.messages', { clusterId, topics: ['orders.v1'] });
    const detail = await call<TopicDetail>('topics.describe', { clusterId, topic: 'orders.v1' });
    expect(detail.partitions.map((p) => p.logEndOffset)).toEqual([2n, 0n, 1n]);
    // The size is the leaders' log bytes, the same numbers the Partitions tab shows, summed once.
    const sizes = detail.partitions.map((p) => p.sizeBytes);
    expect(sizes.every((x) => typeof x === 'bigint')).toBe(true);
    const sum = sizes.reduce<bigint>((a, x) => a + (x ?? 0n), 0n);
    expect(sum).toBeGreaterThan(0n);
    expect(res).toEqual([{ topic: 'orders.v1', messages: 3n, sizeBytes: sum }]);
  });

  it('reports brokers with partition and leader counts, the controller and health', async () => {
    const o = await call<{ brokers: { nodeId: number; controller: boolean; partitions: number; leaders: number; host: string; port: number }[]; health: { underReplicated: number; offline: number; partitions: number } }>('brokers.list', { clusterId });
    expect(o.brokers).toHaveLength(1);
    expect(o.brokers[0]).toMatchObject({ controller: true, port: cluster.brokers[0].port });
    expect(o.brokers[0].leaders).toBe(o.health.partitions);
    expect(o.brokers[0].partitions).toBeGreaterThanOrEqual(3);
    expect(o.health).toMatchObject({ underReplicated: 0, offline: 0 });
  });

  it('reports each broker\'s log size from DescribeLogDirs, grown by the records produced above', async () => {
    const o = await call<BrokersOverview>('brokers.list', { clusterId });
    const before = o.brokers[0].logSizeBytes;
    expect(typeof before).toBe('bigint');
    expect(before!).toBeGreaterThan(0n);
    expect(o.brokers[0].logSizeError).toBeUndefined();
    const { Kafka, logLevel } = await import('kafkajs');
    const producer = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'orders.v1', messages: [{ value: 'x'.repeat(5000), partition: 1 }] });
    await producer.disconnect();
    const after = (await call<BrokersOverview>('brokers.list', { clusterId })).brokers[0].logSizeBytes!;
    expect(after - before!).toBeGreaterThanOrEqual(5000n);
  });

  it('adds partitions, and refuses to shrink', async () => {
    const grown = await call<TopicDetail>('topics.addPartitions', { clusterId, topic: 'orders.v1', totalCount: 5 });
    expect(grown.partitions).toHaveLength(5);
    await expect(call('topics.addPartitions', { clusterId, topic: 'orders.v1', totalCount: 2 })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
  });

  it('refuses an existing topic, a bad name, an unknown cluster and an unknown topic with readable errors', async () => {
    await expect(call('topics.create', { clusterId, topic: 'orders.v1', partitions: 1, replicationFactor: 1 }))
      .rejects.toMatchObject({ code: 'TP_CONFLICT', message: /already exists/ });
    await expect(call('topics.create', { clusterId, topic: 'bad name!', partitions: 1, replicationFactor: 1 }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /letters, digits/ });
    await expect(call('topics.create', { clusterId, topic: '..', partitions: 1, replicationFactor: 1 }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(call('topics.create', { clusterId, topic: 'x', partitions: 0, replicationFactor: 1 }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(call('topics.list', { clusterId: 'nope' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /No cluster profile/ });
    await expect(call('topics.delete', { clusterId, topic: 'does-not-exist' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /does not exist/ });
    await expect(call('topics.configs', { clusterId, topic: 'does-not-exist' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });

  it('refuses a replication factor larger than the broker count', async () => {
    await expect(call('topics.create', { clusterId, topic: 'rf3', partitions: 1, replicationFactor: 3 }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /rf3/ });
  });

  it('deletes a topic', async () => {
    await call('topics.create', { clusterId, topic: 'to-delete', partitions: 1, replicationFactor: 1 });
    await expect(call('topics.delete', { clusterId, topic: 'to-delete' })).resolves.toEqual({ deleted: true });
    const list = await call<{ name: string }[]>('topics.list', { clusterId });
    expect(list.map((t) => t.name)).not.toContain('to-delete');
  });
});
