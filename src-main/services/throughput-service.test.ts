// The throughput sampler on a real local cluster, through the Dispatcher (zod inputs, event subscription):
// records produced between two rounds show up as a non-zero rate for their topic and their leader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCluster } from '../cluster/index.js';
import type { ThroughputSample } from '../contract/index.js';
import type { Dispatcher } from '../transports/dispatcher.js';
import { LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';
import { ThroughputSampler } from './throughput-sampler.js';

describe('throughput on a real local cluster', () => {
  let h: ServiceHarness;
  let cluster: LocalCluster;
  let sampler: ThroughputSampler;
  let d: Dispatcher;
  const ctx = { transport: 'in-process' as const };
  const clusterId = LOCAL_CLUSTER_ID;
  const call = <T>(name: string, input: unknown) => h.call<T>(name, input);

  beforeAll(async () => {
    // Ticked by hand: the interval is never reached.
    h = await startServiceHarness({ name: 'throughput', deps: (registry) => ({ throughputSampler: sampler = new ThroughputSampler(registry, { intervalMs: 600_000 }) }) });
    ({ cluster, dispatcher: d } = h);
    await h.registry.connect(clusterId);
  }, 30_000);
  afterAll(async () => {
    await sampler?.stop();
    await h?.close();
  });

  it('shows records produced between two rounds as messages/s of their topic and leader, live and in the history', async () => {
    await call('topics.create', { clusterId, topic: 'tp.busy', partitions: 2, replicationFactor: 1 });
    await call('topics.create', { clusterId, topic: 'tp.quiet', partitions: 1, replicationFactor: 1 });
    await sampler.tick();
    const pushed: ThroughputSample[] = [];
    const unsub = d.subscribe('throughput.sample', { clusterId }, (s) => pushed.push(s as ThroughputSample), ctx);
    const { Kafka, logLevel } = await import('kafkajs');
    const producer = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'tp.busy', messages: Array.from({ length: 40 }, (_, i) => ({ value: `m${i}`, partition: i % 2 })) });
    await producer.disconnect();
    await sampler.tick();
    unsub();
    expect(pushed).toHaveLength(1);
    const s = pushed[0]!;
    expect(s.error).toBeUndefined();
    expect(s.intervalSec).toBeGreaterThan(0);
    const busy = s.topics.find((t) => t.topic === 'tp.busy');
    expect(busy!.messagesPerSec).toBeCloseTo(40 / s.intervalSec!, 6);
    expect(s.topics.find((t) => t.topic === 'tp.quiet')).toBeUndefined();
    expect(s.activeTopics).toBe(s.topics.length);
    const node = cluster.brokers[0].nodeId;
    expect(s.brokers.find((b) => b.nodeId === node)!.messagesPerSec).toBeGreaterThanOrEqual(busy!.messagesPerSec);
    const history = await call<ThroughputSample[]>('throughput.history', { clusterId });
    expect(history).toHaveLength(2);
    expect(history[0]!.intervalSec).toBeNull();
    expect(history[1]).toEqual(s);
    await expect(call('throughput.history', { clusterId: '' })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
  }, 30_000);
});
