// localCluster.* end to end on a real 3-broker LocalCluster through the Dispatcher: a topic created by a real
// client (kafkajs), then kill / pause / isolate / heal through the API, each effect arriving on the
// localCluster.events subscription as metadata events with time and cause (fenced, leader change, ISR
// shrink, controller move, faults), and restart bringing the broker back (registered, unfenced).
import { rmSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../broker/test-support/test-broker.js';
import { LocalCluster } from '../cluster/index.js';
import type { LocalClusterEvent, LocalClusterInfo, PartitionReplication } from '../contract/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { LocalClusterHost } from './local-cluster-host.js';
import { MetricsSampler } from './metrics-sampler.js';
import { createServiceHandlers } from './service-handlers.js';

const ctx = { transport: 'in-process' as const };
/** Fencing within a test: short sessions; everything else Kafka's defaults. */
const FAST = new Map([
  ['broker.heartbeat.interval.ms', '50'], ['broker.session.timeout.ms', '500'], ['offsets.topic.num.partitions', '3'],
  ['replica.lag.time.max.ms', '800'],
]);
const quiet = { info: () => {}, warn: () => {} };

describe('localCluster API on a real 3-broker cluster', () => {
  const dir = tempDir('tidepool-lc-multi-');
  const registry = new ClusterRegistry();
  const host = new LocalClusterHost({
    registry,
    start: async (brokers) => {
      const c = await LocalCluster.start({ dataDir: dir, brokers, port: 0, config: FAST, logger: quiet });
      return { control: c, bootstrap: c.bootstrap, stop: () => c.stop() };
    },
  });
  const d = new Dispatcher(createServiceHandlers({ version: 't', sampler: new MetricsSampler(), clusters: registry, localCluster: host }));
  const call = async <T = LocalClusterInfo>(name: string, input: unknown): Promise<T> => {
    const res = await d.call(name, input, ctx);
    if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
    return res.value as T;
  };
  const got: LocalClusterEvent[] = [];
  let off = () => {};
  const waitEvent = async (what: string, match: (e: LocalClusterEvent) => boolean, after = 0, ms = 10_000): Promise<LocalClusterEvent> => {
    const end = Date.now() + ms;
    for (;;) {
      const e = got.find((x) => x.seq > after && match(x));
      if (e) return e;
      if (Date.now() > end) throw new Error(`no ${what} event; got ${got.map((x) => `${x.seq} ${x.kind} ${x.cause}`).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const lastSeq = () => got.at(-1)?.seq ?? 0;
  let kafka: Kafka;

  beforeAll(async () => {
    const info = await call('localCluster.start', { brokers: 3 });
    expect(info.status?.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
    off = d.subscribe('localCluster.events', {}, (e) => got.push(e as LocalClusterEvent), ctx);
    kafka = new Kafka({ clientId: 'lc-multi', brokers: info.status!.bootstrap.split(','), logLevel: logLevel.NOTHING });
  }, 30_000);
  afterAll(async () => {
    off();
    await host.stop();
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with registrations in the backlog and the bootstrap of all three brokers registered as the local profile', async () => {
    await waitEvent('registration of 3', (e) => e.kind === 'broker-registered' && e.brokerId === 3);
    expect(got.filter((e) => e.kind === 'broker-unfenced').map((e) => e.brokerId).sort()).toEqual([1, 2, 3]);
    expect(got.every((e) => e.run === 1)).toBe(true);
    expect(registry.list()[0]).toMatchObject({ id: LOCAL_CLUSTER_ID });
    expect(registry.list()[0].bootstrap.split(',')).toHaveLength(3);
  });

  it('a topic created by kafkajs shows as topic-created with its partitions and RF', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3, replicationFactor: 3 }] });
    } finally {
      await admin.disconnect();
    }
    const e = await waitEvent('topic-created', (x) => x.kind === 'topic-created' && x.topic === 'orders');
    expect(e.detail).toMatchObject({ partitions: 3, replicationFactor: 3 });
  });

  it('replication internals: per replica LEO and lag, HW, epoch history, after acks=all writes', async () => {
    const producer = kafka.producer();
    await producer.connect();
    try {
      for (let i = 0; i < 5; i++) await producer.send({ topic: 'orders', acks: -1, messages: [{ key: `k${i}`, value: `v${i}` }] });
    } finally {
      await producer.disconnect();
    }
    const parts = await call<PartitionReplication[]>('localCluster.replication', { topic: 'orders' });
    expect(parts.map((p) => p.partition).sort()).toEqual([0, 1, 2]);
    let total = 0n;
    for (const p of parts) {
      expect(p.topic).toBe('orders');
      expect(p.replicas.map((r) => r.nodeId).sort()).toEqual([1, 2, 3]);
      expect(typeof p.highWatermark).toBe('bigint');
      const leader = p.replicas.find((r) => r.nodeId === p.leader)!;
      expect(leader.lag).toBe(0n);
      expect(p.highWatermark).toBeLessThanOrEqual(leader.logEndOffset);
      for (const r of p.replicas) expect(r.inIsr).toBe(true);
      if (p.highWatermark > 0n) expect(p.epochHistory[0]).toMatchObject({ startOffset: 0n });
      total += p.highWatermark;
    }
    expect(total).toBe(5n);
  });

  it('slow follower: ISR shrink with the leader\'s reason, then expand once the delay is lifted', async () => {
    const before = lastSeq();
    await call('localCluster.slowBroker', { nodeId: 3, fetchDelayMs: 5000 });
    // As in Kafka, a follower at the log end stays in sync however slow: it falls behind only under writes.
    const producer = kafka.producer();
    await producer.connect();
    let writing = true;
    const writes = (async () => {
      while (writing) {
        await producer.send({ topic: 'orders', acks: 1, messages: [{ key: 'a', value: 'x' }, { key: 'b', value: 'y' }, { key: 'c', value: 'z' }] });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    let shrink: LocalClusterEvent;
    try {
      shrink = await waitEvent('isr-shrink of 3', (e) => e.kind === 'isr-shrink' && e.brokerId === 3 && e.topic === 'orders', before);
    } finally {
      writing = false;
      await writes;
      await producer.disconnect();
    }
    expect(shrink.cause).toMatch(/replica 3 not caught up for \d+ ms \(replica\.lag\.time\.max\.ms 800\)/);
    const rep = await call<PartitionReplication[]>('localCluster.replication', { topic: 'orders' });
    const out = rep.find((p) => p.partition === shrink.partition)!.replicas.find((r) => r.nodeId === 3)!;
    expect(out.inIsr).toBe(false);
    expect(out.outOfSyncReason).toMatch(/not caught up/);
    await call('localCluster.slowBroker', { nodeId: 3, fetchDelayMs: 0 });
    const expand = await waitEvent('isr-expand of 3', (e) => e.kind === 'isr-expand' && e.brokerId === 3 && e.partition === shrink.partition, shrink.seq, 15_000);
    expect(expand.cause).toMatch(/replica 3 caught up/);
  });

  it('kill via the API: broker-fenced and leader-change arrive with cause and time', async () => {
    const before = lastSeq();
    const t0 = Date.now();
    const info = await call('localCluster.killBroker', { nodeId: 2 });
    expect(info.status?.brokers[1].state).toBe('killed');
    const fenced = await waitEvent('broker-fenced', (e) => e.kind === 'broker-fenced' && e.brokerId === 2, before);
    expect(fenced.cause).toMatch(/^broker 2 killed; .*no heartbeat/);
    expect(fenced.time).toBeGreaterThanOrEqual(t0);
    const lc = await waitEvent('leader-change', (e) => e.kind === 'leader-change' && e.topic === 'orders' && e.detail?.from === 2, before);
    expect(lc.cause).toMatch(/broker 2 killed/);
    expect(lc.detail?.to).not.toBe(2);
    const shrink = await waitEvent('isr-shrink', (e) => e.kind === 'isr-shrink' && e.brokerId === 2 && e.topic === 'orders', before);
    expect(shrink.detail?.isr).not.toContain(2);
    // The API refuses what does not fit a killed broker, and starts it again.
    await expect(call('localCluster.pauseBroker', { nodeId: 2 })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
    const mark = lastSeq();
    await call('localCluster.startBroker', { nodeId: 2 });
    await waitEvent('broker 2 re-registered', (e) => e.kind === 'broker-registered' && e.brokerId === 2 && e.detail?.restart === true, mark);
    await waitEvent('broker 2 unfenced', (e) => e.kind === 'broker-unfenced' && e.brokerId === 2, mark);
  });

  it('killing the controller moves the role, with a controller-move event', async () => {
    const { status } = await call('localCluster.status', {});
    const controller = status!.controllerId;
    const before = lastSeq();
    await call('localCluster.killBroker', { nodeId: controller });
    const move = await waitEvent('controller-move', (e) => e.kind === 'controller-move', before);
    expect(move.detail).toMatchObject({ from: controller });
    expect(move.brokerId).not.toBe(controller);
    const mark = lastSeq();
    await call('localCluster.startBroker', { nodeId: controller });
    await waitEvent('unfenced again', (e) => e.kind === 'broker-unfenced' && e.brokerId === controller, mark);
  });

  it('pause: a fault event, then the fence says it was paused; resume unfences', async () => {
    const before = lastSeq();
    const info = await call('localCluster.pauseBroker', { nodeId: 3 });
    expect(info.status?.brokers[2]).toMatchObject({ paused: true });
    const fault = await waitEvent('fault', (e) => e.kind === 'fault' && e.brokerId === 3, before);
    expect(fault.cause).toMatch(/paused/);
    const fenced = await waitEvent('fenced', (e) => e.kind === 'broker-fenced' && e.brokerId === 3, before);
    expect(fenced.cause).toMatch(/^broker 3 paused; /);
    await call('localCluster.resumeBroker', { nodeId: 3 });
    await waitEvent('unfenced', (e) => e.kind === 'broker-unfenced' && e.brokerId === 3, fenced.seq);
  });

  it('isolate from brokers fences; isolate from clients does not; heal clears both', async () => {
    let before = lastSeq();
    const iso = await call('localCluster.isolateBroker', { nodeId: 3, mode: 'brokers' });
    expect(iso.status?.brokers[2].isolation).toBe('brokers');
    const fenced = await waitEvent('fenced', (e) => e.kind === 'broker-fenced' && e.brokerId === 3, before);
    expect(fenced.cause).toMatch(/isolated from the other brokers/);
    await call('localCluster.healBroker', { nodeId: 3 });
    await waitEvent('unfenced', (e) => e.kind === 'broker-unfenced' && e.brokerId === 3, fenced.seq);
    before = lastSeq();
    const c = await call('localCluster.isolateBroker', { nodeId: 3, mode: 'clients' });
    expect(c.status?.brokers[2]).toMatchObject({ isolation: 'clients', fenced: false });
    await call('localCluster.slowBroker', { nodeId: 1, fetchDelayMs: 100 });
    const healed = await call('localCluster.healBroker', { nodeId: 3 });
    expect(healed.status?.brokers[2]).toMatchObject({ isolation: 'none', paused: false });
    expect(got.filter((e) => e.seq > before).map((e) => e.detail?.fault)).toEqual(['isolate', 'slow', 'heal']);
    await call('localCluster.slowBroker', { nodeId: 1, fetchDelayMs: 0 });
  });

  it('reports errors for an unknown node and a second start', async () => {
    await expect(call('localCluster.killBroker', { nodeId: 4 })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
    await expect(call('localCluster.start', { brokers: 2 })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
    await expect(call('localCluster.replication', { topic: 'orders' })).resolves.toBeInstanceOf(Array);
  });
});
