import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCluster } from '../cluster/index.js';
import type { TopicDetail } from '../contract/index.js';
import type { Dispatcher } from '../transports/dispatcher.js';
import { LOCAL_CLUSTER_ID, type ClusterRegistry } from './cluster-registry.js';
import { withStats } from './topics-service.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';

describe('topics.describe with high watermark and size', () => {
  let h: ServiceHarness;
  let cluster: LocalCluster;
  let registry: ClusterRegistry;
  let d: Dispatcher;

  beforeAll(async () => {
    h = await startServiceHarness({ name: 'describe-stats' });
    ({ cluster, registry, dispatcher: d } = h);
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  it('answers each partition\'s HW (bigint) and size from the leader, through the dispatcher', async () => {
    const created = await d.call('topics.create', { clusterId: LOCAL_CLUSTER_ID, topic: 'hw.sized', partitions: 2, replicationFactor: 1 }, { transport: 'in-process' });
    expect(created.ok).toBe(true);
    const { Kafka, logLevel } = await import('kafkajs');
    const producer = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'hw.sized', messages: [{ value: 'x'.repeat(1000), partition: 0 }, { value: 'y', partition: 0 }] });
    await producer.disconnect();
    const res = await d.call('topics.describe', { clusterId: LOCAL_CLUSTER_ID, topic: 'hw.sized' }, { transport: 'in-process' });
    if (!res.ok) throw new Error(res.error.message);
    const [p0, p1] = (res.value as TopicDetail).partitions;
    expect(p0).toMatchObject({ logEndOffset: 2n, highWatermark: 2n });
    expect(p0!.sizeBytes! > 1000n).toBe(true);
    expect(p1).toMatchObject({ highWatermark: 0n, sizeBytes: 0n });
    expect(p0!.statsError).toBeUndefined();
  });

  it('withStats fills unknown partitions with null and keeps the reason', () => {
    const detail: TopicDetail = {
      name: 't', internal: false, replicationFactor: 1, messages: 0n,
      partitions: [0, 1].map((partition) => ({ partition, leader: 1, replicas: [1], isr: [1], outOfSync: [], offlineReplicas: [], logStartOffset: 0n, logEndOffset: 0n })),
    };
    const out = withStats(detail, new Map([[0, { partition: 0, highWatermark: 3n, sizeBytes: 10n }], [1, { partition: 1, highWatermark: null, sizeBytes: null, error: 'broker 1: down' }]]));
    expect(out.partitions.map((p) => [p.highWatermark, p.sizeBytes, p.statsError])).toEqual([[3n, 10n, undefined], [null, null, 'broker 1: down']]);
    expect(withStats(detail, new Map()).partitions[0]).toMatchObject({ highWatermark: null, sizeBytes: null });
  });
});
