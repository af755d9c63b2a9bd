import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicConsumerGroup } from '../contract/index.js';
import type { LocalCluster } from '../cluster/index.js';
import type { ClusterRegistry } from './cluster-registry.js';
import { LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';

// topics.consumers through the Dispatcher on a real cluster, with real commits and a real joined consumer.
describe('topics.consumers on a real local cluster', () => {
  let h: ServiceHarness;
  let cluster: LocalCluster;
  let registry: ClusterRegistry;
  const clusterId = LOCAL_CLUSTER_ID;
  const call = <T>(name: string, input: unknown) => h.call<T>(name, input);

  beforeAll(async () => {
    h = await startServiceHarness({ name: 'topic-consumers' });
    ({ cluster, registry } = h);
    await call('topics.create', { clusterId, topic: 'read.me', partitions: 2, replicationFactor: 1 });
    await call('topics.create', { clusterId, topic: 'other', partitions: 1, replicationFactor: 1 });
    const { Kafka, logLevel } = await import('kafkajs');
    const producer = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'read.me', messages: [0, 1, 2, 3, 4].map((i) => ({ value: `v${i}`, partition: 0 })).concat([{ value: 'w', partition: 1 }]) });
    await producer.send({ topic: 'other', messages: [{ value: 'x', partition: 0 }] });
    await producer.disconnect();
  }, 30_000);
  afterAll(async () => { await h?.close(); });

  it('answers an empty list when no group reads the topic', async () => {
    await expect(call('topics.consumers', { clusterId, topic: 'read.me' })).resolves.toEqual([]);
  });

  it('lists a group that committed to the topic with per-partition lag, and leaves out a group of another topic', async () => {
    // A real OffsetCommit (simple consumer) at offset 2 of partition 0 only.
    await registry.init();
    const b = await registry.backend(clusterId);
    await b.commitGroupOffsets('g.commit', [{ topic: 'read.me', partition: 0, offset: 2n }]);
    await b.commitGroupOffsets('g.other', [{ topic: 'other', partition: 0, offset: 0n }]);
    const rows = await call<TopicConsumerGroup[]>('topics.consumers', { clusterId, topic: 'read.me' });
    expect(rows.map((r) => r.groupId)).toEqual(['g.commit']);
    expect(rows[0]).toMatchObject({ state: 'Empty', members: 0, totalLag: 3n, uncommitted: 1 });
    expect(rows[0].partitions).toEqual([
      { partition: 0, committed: 2n, logStart: 0n, end: 5n, lag: 3n, behindLogStart: false, owner: null },
      { partition: 1, committed: null, logStart: 0n, end: 1n, lag: null, behindLogStart: false, owner: null },
    ]);
  });

  it('lists a group whose live member is assigned the topic, with the owning member', async () => {
    const { Kafka, logLevel } = await import('kafkajs');
    const consumer = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING, clientId: 'reader' })
      .consumer({ groupId: 'g.live', sessionTimeout: 10_000, heartbeatInterval: 500 });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: 'read.me', fromBeginning: true });
      await consumer.run({ autoCommit: false, eachMessage: async () => {} });
      const deadline = Date.now() + 20_000;
      let live: TopicConsumerGroup | undefined;
      while (Date.now() < deadline) {
        live = (await call<TopicConsumerGroup[]>('topics.consumers', { clusterId, topic: 'read.me' })).find((r) => r.groupId === 'g.live');
        if (live?.state === 'Stable' && live.partitions.every((p) => p.owner !== null)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(live).toMatchObject({ state: 'Stable', members: 1, totalLag: 0n, uncommitted: 2 });
      expect(live!.partitions.map((p) => p.partition)).toEqual([0, 1]);
      expect(live!.partitions.every((p) => p.owner !== null && p.owner.startsWith('reader'))).toBe(true);
    } finally {
      await consumer.disconnect();
    }
  }, 30_000);

  it('refuses an unknown topic, a bad name and an unknown cluster with typed errors', async () => {
    await expect(call('topics.consumers', { clusterId, topic: 'no-such-topic' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
    await expect(call('topics.consumers', { clusterId, topic: 'bad name!' })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(call('topics.consumers', { clusterId: 'nope', topic: 'read.me' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });
});
