// A broker down with the only replica of a partition: the Brokers/Overview health, the topic list and the
// topic detail must report that partition offline (leader -1) instead of failing the whole call, as Kafka
// answers Metadata with LEADER_NOT_AVAILABLE for it and every other partition intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokersOverview, TopicDetail, TopicRow } from '../contract/index.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';

describe('services with an offline partition (its only replica on a killed broker)', () => {
  let h: ServiceHarness;
  const clusterId = 'local';
  const call = <T>(name: string, input: unknown) => h.call<T>(name, input);

  beforeAll(async () => {
    h = await startServiceHarness({
      name: 'offline', requestTimeoutMs: 5000,
      cluster: { brokers: 2, config: new Map([['broker.session.timeout.ms', '1000'], ['broker.heartbeat.interval.ms', '100']]) },
    });
    // Two RF 1 partitions: placement puts one on each broker. And an RF 2 topic that stays online.
    await call('topics.create', { clusterId, topic: 'solo', partitions: 2, replicationFactor: 1 });
    await call('topics.create', { clusterId, topic: 'both', partitions: 1, replicationFactor: 2 });
    await h.cluster.killBroker(2);
    // The controller fences broker 2 once its session (1 s here) runs out, as after a real crash.
    for (const end = Date.now() + 15_000; ;) {
      const o = await call<BrokersOverview>('brokers.list', { clusterId }).catch(() => null);
      if (o !== null && o.brokers.length === 1) break;
      if (Date.now() > end) throw new Error('broker 2 was never fenced');
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);
  afterAll(async () => { await h?.close(); });

  it('brokers.list counts the offline partition in the health and lists it first among the problems', async () => {
    const o = await call<BrokersOverview>('brokers.list', { clusterId });
    expect(o.brokers.map((b) => b.nodeId)).toEqual([1]);
    expect(o.health.offline).toBe(1);
    expect(o.health.underReplicated).toBeGreaterThanOrEqual(1);
    expect(o.health.problems[0]).toMatchObject({ topic: 'solo', leader: -1, replicas: [2], offline: true });
  });

  it('topics.list shows the topic with one offline partition', async () => {
    const rows = await call<TopicRow[]>('topics.list', { clusterId });
    expect(rows.find((r) => r.name === 'solo')).toMatchObject({ partitions: 2, offline: 1 });
    expect(rows.find((r) => r.name === 'both')).toMatchObject({ partitions: 1, offline: 0, underReplicated: 1 });
  });

  it('topics.describe shows the offline partition with unknown offsets and the online one with its offsets', async () => {
    const t = await call<TopicDetail>('topics.describe', { clusterId, topic: 'solo' });
    const off = t.partitions.find((p) => p.leader === -1)!;
    const on = t.partitions.find((p) => p.leader === 1)!;
    expect(off).toMatchObject({ replicas: [2], offlineReplicas: [2], logEndOffset: -1n, highWatermark: null });
    expect(on).toMatchObject({ replicas: [1], logEndOffset: 0n, highWatermark: 0n });
  });
});
