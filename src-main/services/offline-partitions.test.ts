// A broker down with the only replica of a partition: the Brokers/Overview health, the topic list and the
// topic detail must report that partition offline (leader -1) instead of failing the whole call, as Kafka
// answers Metadata with LEADER_NOT_AVAILABLE for it and every other partition intact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '../cluster/index.js';
import type { BrokersOverview, TopicDetail, TopicRow } from '../contract/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { createServiceHandlers } from './service-handlers.js';
import { MetricsSampler } from './metrics-sampler.js';

describe('services with an offline partition (its only replica on a killed broker)', () => {
  let dir: string;
  let cluster: LocalCluster;
  let registry: ClusterRegistry;
  let d: Dispatcher;
  const ctx = { transport: 'in-process' as const };
  const clusterId = LOCAL_CLUSTER_ID;
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await d.call(name, input, ctx);
    if (!res.ok) throw Object.assign(new Error(`${res.error.code}: ${res.error.message}`), res.error);
    return res.value as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-offline-'));
    cluster = await LocalCluster.start({
      dataDir: dir, port: 0, brokers: 2,
      config: new Map([['broker.session.timeout.ms', '1000'], ['broker.heartbeat.interval.ms', '100']]),
    });
    registry = new ClusterRegistry({ backend: { connectTimeoutMs: 3000, requestTimeoutMs: 5000 } });
    await registry.registerLocal(cluster.bootstrap);
    d = new Dispatcher(createServiceHandlers({ version: 't', sampler: new MetricsSampler(), clusters: registry }));
    // Two RF 1 partitions: placement puts one on each broker. And an RF 2 topic that stays online.
    await call('topics.create', { clusterId, topic: 'solo', partitions: 2, replicationFactor: 1 });
    await call('topics.create', { clusterId, topic: 'both', partitions: 1, replicationFactor: 2 });
    await cluster.killBroker(2);
    // The controller fences broker 2 once its session (1 s here) runs out, as after a real crash.
    for (const end = Date.now() + 15_000; ;) {
      const o = await call<BrokersOverview>('brokers.list', { clusterId }).catch(() => null);
      if (o !== null && o.brokers.length === 1) break;
      if (Date.now() > end) throw new Error('broker 2 was never fenced');
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);
  afterAll(async () => {
    await registry.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });

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
