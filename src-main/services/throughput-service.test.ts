// The throughput sampler on a real local cluster, through the Dispatcher (zod inputs, event subscription):
// records produced between two rounds show up as a non-zero rate for their topic and their leader.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '../cluster/index.js';
import type { ThroughputSample } from '../contract/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { MetricsSampler } from './metrics-sampler.js';
import { createServiceHandlers } from './service-handlers.js';
import { ThroughputSampler } from './throughput-sampler.js';

describe('throughput on a real local cluster', () => {
  let dir: string;
  let cluster: LocalCluster;
  let registry: ClusterRegistry;
  let sampler: ThroughputSampler;
  let d: Dispatcher;
  const ctx = { transport: 'in-process' as const };
  const clusterId = LOCAL_CLUSTER_ID;
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await d.call(name, input, ctx);
    if (!res.ok) throw Object.assign(new Error(`${res.error.code}: ${res.error.message}`), res.error);
    return res.value as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-throughput-'));
    cluster = await LocalCluster.start({ dataDir: dir, port: 0 });
    registry = new ClusterRegistry({ backend: { connectTimeoutMs: 3000, requestTimeoutMs: 10_000 } });
    await registry.registerLocal(cluster.bootstrap);
    await registry.connect(clusterId);
    // Ticked by hand: the interval is never reached.
    sampler = new ThroughputSampler(registry, { intervalMs: 600_000 });
    d = new Dispatcher(createServiceHandlers({ version: 't', sampler: new MetricsSampler(), clusters: registry, throughputSampler: sampler }));
  }, 30_000);
  afterAll(async () => {
    await sampler.stop();
    await registry.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
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
