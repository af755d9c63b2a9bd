import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterInfo, KafkaBackend, PartitionEnd, TopicInfo } from '../clients/index.js';
import type { ThroughputSample } from '../contract/index.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { ThroughputSampler } from './throughput-sampler.js';

// A scripted cluster: the test sets leaders and high watermarks between rounds; the real-broker path is
// in throughput-service.test.ts.
interface State {
  fail: string | null;
  brokers: number[];
  /** topic -> per partition [leader, high watermark]; a missing high = offline (endOffsets leaves it out). */
  topics: Record<string, [number, bigint | null][]>;
  calls: string[];
}

function scripted(s: State): KafkaBackend {
  const info = (): ClusterInfo => ({ clusterId: 'c', controllerId: s.brokers[0] ?? -1, brokers: s.brokers.map((nodeId) => ({ nodeId, host: 'h', port: 1, rack: null })) });
  const fail = () => { if (s.fail !== null) throw new Error(s.fail); };
  const b: Partial<KafkaBackend> = {
    library: 'scripted',
    connect: async () => info(),
    describeCluster: async () => { s.calls.push('describeCluster'); fail(); return info(); },
    listTopics: async (names) => {
      s.calls.push(`listTopics(${names === undefined ? '' : names.join()})`);
      fail();
      return Object.entries(s.topics).map(([name, ps]): TopicInfo => ({
        name, partitions: ps.map(([leader], partition) => ({ partition, leader, replicas: [leader], isr: [leader], offlineReplicas: [] })),
      }));
    },
    endOffsets: async (topics) => {
      s.calls.push(`endOffsets(${topics.length})`);
      fail();
      return topics.flatMap((topic) => (s.topics[topic] ?? []).flatMap(([, high], partition): PartitionEnd[] =>
        (high === null ? [] : [{ topic, partition, low: 0n, high }])));
    },
    close: async () => {},
  };
  return b as KafkaBackend;
}

describe('ThroughputSampler', () => {
  const registries: ClusterRegistry[] = [];
  afterEach(async () => { for (const r of registries.splice(0)) await r.close(); });

  async function setUp(s: State, capacity = 120) {
    const r = new ClusterRegistry({ backendFactory: () => scripted(s) });
    registries.push(r);
    await r.registerLocal('127.0.0.1:9092');
    let clock = 1_000_000;
    const sampler = new ThroughputSampler(r, { intervalMs: 60_000, capacity, now: () => clock });
    const got: ThroughputSample[] = [];
    sampler.onSample(LOCAL_CLUSTER_ID, (x) => got.push(x));
    const round = async (advanceMs: number) => { clock += advanceMs; await sampler.tick(); return got.at(-1)!; };
    return { r, sampler, got, round };
  }

  it('has no rate on the first round, then messages/s per topic and per leader, quiet topics left out', async () => {
    const s: State = { fail: null, brokers: [1, 2, 3], calls: [], topics: { a: [[1, 100n], [2, 0n]], b: [[2, 5n]], idle: [[1, 7n]] } };
    const { r, got, round, sampler } = await setUp(s);
    await sampler.tick();
    expect(got).toEqual([]); // not connected: the sampler never connects on its own
    await r.connect(LOCAL_CLUSTER_ID);
    const first = await round(0);
    expect(first).toEqual({
      clusterId: LOCAL_CLUSTER_ID, time: 1_000_000, intervalSec: null, topics: [], activeTopics: 0,
      brokers: [{ nodeId: 1, messagesPerSec: 0 }, { nodeId: 2, messagesPerSec: 0 }, { nodeId: 3, messagesPerSec: 0 }],
    });
    s.topics = { a: [[1, 150n], [2, 20n]], b: [[2, 15n]], idle: [[1, 7n]] };
    const second = await round(5000);
    expect(second.intervalSec).toBe(5);
    expect(second.topics).toEqual([{ topic: 'a', messagesPerSec: 14 }, { topic: 'b', messagesPerSec: 2 }]);
    expect(second.activeTopics).toBe(2);
    expect(second.brokers).toEqual([{ nodeId: 1, messagesPerSec: 10 }, { nodeId: 2, messagesPerSec: 6 }, { nodeId: 3, messagesPerSec: 0 }]);
    expect(second.error).toBeUndefined();
  });

  it('counts a partition for its current leader after a leader move', async () => {
    const s: State = { fail: null, brokers: [1, 2], calls: [], topics: { t: [[1, 0n]] } };
    const { r, round } = await setUp(s);
    await r.connect(LOCAL_CLUSTER_ID);
    await round(0);
    s.topics = { t: [[2, 30n]] };
    expect((await round(10_000)).brokers).toEqual([{ nodeId: 1, messagesPerSec: 0 }, { nodeId: 2, messagesPerSec: 3 }]);
  });

  it('counts 0 for a shrinking watermark (topic recreated), a partition not seen before and an offline one', async () => {
    const s: State = { fail: null, brokers: [1], calls: [], topics: { re: [[1, 500n]], grow: [[1, 10n]] } };
    const { r, round } = await setUp(s);
    await r.connect(LOCAL_CLUSTER_ID);
    await round(0);
    // "re" recreated (500 -> 3), "grow" got a new partition with 40 records and lost its leader on partition 0.
    s.topics = { re: [[1, 3n]], grow: [[-1, null], [1, 40n]], fresh: [[1, 8n]] };
    const x = await round(1000);
    expect(x.topics).toEqual([]);
    expect(x.brokers).toEqual([{ nodeId: 1, messagesPerSec: 0 }]);
    // From there on they count normally.
    s.topics = { re: [[1, 5n]], grow: [[1, 12n], [1, 41n]], fresh: [[1, 9n]] };
    const y = await round(1000);
    expect(y.topics).toEqual([{ topic: 're', messagesPerSec: 2 }, { topic: 'fresh', messagesPerSec: 1 }, { topic: 'grow', messagesPerSec: 1 }]);
    expect(y.brokers).toEqual([{ nodeId: 1, messagesPerSec: 4 }]);
  });

  it('a failing read gives an error sample and the next round measures over the whole gap', async () => {
    const s: State = { fail: null, brokers: [1], calls: [], topics: { t: [[1, 0n]] } };
    const { r, round, got } = await setUp(s);
    await r.connect(LOCAL_CLUSTER_ID);
    await round(0);
    s.fail = 'broker went away';
    expect(await round(5000)).toMatchObject({ intervalSec: null, topics: [], brokers: [], error: 'broker went away' });
    s.fail = null;
    s.topics = { t: [[1, 100n]] };
    expect(await round(5000)).toMatchObject({ intervalSec: 10, topics: [{ topic: 't', messagesPerSec: 10 }] });
    expect(got).toHaveLength(3);
  });

  it('keeps a bounded history, joins overlapping ticks, and costs three calls a round whatever the topic count', async () => {
    const topics: State['topics'] = {};
    for (let i = 0; i < 10_000; i++) topics[`t${i}`] = [[1 + (i % 3), BigInt(i)]];
    const s: State = { fail: null, brokers: [1, 2, 3], calls: [], topics };
    const { r, round, sampler } = await setUp(s, 3);
    await r.connect(LOCAL_CLUSTER_ID);
    for (let i = 0; i < 4; i++) await round(5000);
    // Every topic grows by its index + 1: all 10,000 are active, the sample keeps the 100 busiest.
    for (const [i, t] of Object.values(topics).entries()) t[0]![1] = BigInt(2 * i + 1);
    const busy = await round(5000);
    expect(busy.activeTopics).toBe(10_000);
    expect(busy.topics).toHaveLength(100);
    expect(busy.topics[0]).toEqual({ topic: 't9999', messagesPerSec: 2000 });
    expect(busy.topics[99]).toEqual({ topic: 't9900', messagesPerSec: 1980.2 });
    const h = sampler.history(LOCAL_CLUSTER_ID);
    expect(h.map((x) => x.time)).toEqual([1_015_000, 1_020_000, 1_025_000]);
    expect(sampler.history('other')).toEqual([]);
    expect(s.calls.slice(-3).sort()).toEqual(['describeCluster', 'endOffsets(10000)', 'listTopics()']);
    expect(s.calls).toHaveLength(15);
    await Promise.all([sampler.tick(), sampler.tick()]);
    expect(s.calls).toHaveLength(18); // joined, not run twice
  });

  it('forgets the previous round of a cluster that disconnected, and stop() leaves no timer behind', async () => {
    const s: State = { fail: null, brokers: [1], calls: [], topics: { t: [[1, 0n]] } };
    const { r, round, sampler, got } = await setUp(s);
    await r.connect(LOCAL_CLUSTER_ID);
    await round(0);
    await r.disconnect(LOCAL_CLUSTER_ID);
    await round(5000);
    expect(got).toHaveLength(1);
    await r.connect(LOCAL_CLUSTER_ID);
    s.topics = { t: [[1, 50n]] };
    expect((await round(5000)).intervalSec).toBeNull();
    expect(sampler).toBeDefined();
    // A fast sampler runs on its timer, and after stop() nothing more arrives.
    const fast = new ThroughputSampler(r, { intervalMs: 10 });
    const ticks: ThroughputSample[] = [];
    fast.onSample(LOCAL_CLUSTER_ID, (x) => ticks.push(x));
    fast.start();
    fast.start(); // idempotent: one timer
    await vi.waitFor(() => expect(ticks.length).toBeGreaterThanOrEqual(3));
    await fast.stop();
    const n = ticks.length;
    await new Promise((res) => setTimeout(res, 60));
    expect(ticks.length).toBe(n);
  });
});
