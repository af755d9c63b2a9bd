import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterInfo, KafkaBackend } from '../clients/index.js';
import type { LagSample } from '../contract/index.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { LagSampler } from './lag-sampler.js';

// A scripted backend: the real-broker path is covered by groups-service.test.ts; this one drives failures.
function scripted(state: { fail: string | null; end: bigint }): KafkaBackend {
  const info: ClusterInfo = { clusterId: 'c', controllerId: 1, brokers: [{ nodeId: 1, host: 'h', port: 1, rack: null }] };
  const reject = async () => { throw new Error(state.fail!); };
  // Partial: only the calls the sampler makes, so other helpers' backend additions do not break this fake.
  const b: Partial<KafkaBackend> = {
    library: 'scripted',
    connect: async () => info,
    describeCluster: async () => info,
    listGroups: async () => (state.fail ? reject() : [
      { groupId: 'g', state: 'Empty', protocolType: 'consumer', members: 0 },
      { groupId: 'vanished', state: 'Empty', protocolType: 'consumer', members: 0 },
    ]),
    describeGroup: reject,
    committedOffsets: async (id) => (id === 'vanished' ? reject() : [{ topic: 't', partition: 0, offset: 4n, metadata: null }]),
    endOffsets: async () => [{ topic: 't', partition: 0, low: 0n, high: state.end }],
    offsetsForTimestamp: reject,
    commitGroupOffsets: reject,
    deleteGroup: reject,
    close: async () => {},
  };
  return b as KafkaBackend;
}

describe('LagSampler', () => {
  const registries: ClusterRegistry[] = [];
  afterEach(async () => { for (const r of registries.splice(0)) await r.close(); });

  it('samples connected clusters only, keeps going through failures and drops groups that vanish mid-round', async () => {
    const state = { fail: null as string | null, end: 10n };
    const r = new ClusterRegistry({ backendFactory: () => scripted(state) });
    registries.push(r);
    await r.registerLocal('127.0.0.1:9092');
    const sampler = new LagSampler(r, { intervalMs: 60_000, capacity: 2 });
    const got: LagSample[] = [];
    sampler.onSample(LOCAL_CLUSTER_ID, (s) => got.push(s));

    await sampler.tick();
    expect(got).toEqual([]); // not connected yet: never connects on its own
    await r.connect(LOCAL_CLUSTER_ID);
    await sampler.tick();
    expect(got[0]!.groups).toEqual([{ groupId: 'g', state: 'Empty', members: 0, totalLag: 6n, partitions: [{ topic: 't', partition: 0, lag: 6n }] }]);

    state.fail = 'broker went away';
    await sampler.tick();
    expect(got[1]).toMatchObject({ clusterId: LOCAL_CLUSTER_ID, groups: [], error: 'broker went away' });

    state.fail = null;
    state.end = 7n;
    await Promise.all([sampler.tick(), sampler.tick()]); // joined, not run twice
    expect(got).toHaveLength(3);
    expect(got[2]!.groups[0]!.totalLag).toBe(3n);
    expect(sampler.history(LOCAL_CLUSTER_ID)).toEqual(got.slice(1)); // capacity 2
    expect(sampler.history('other')).toEqual([]);
  });

  it('starts sampling at once, on a timer, and stops cleanly', async () => {
    const r = new ClusterRegistry({ backendFactory: () => scripted({ fail: null, end: 5n }) });
    registries.push(r);
    await r.registerLocal('127.0.0.1:9092');
    await r.connect(LOCAL_CLUSTER_ID);
    const sampler = new LagSampler(r, { intervalMs: 20 });
    const got: LagSample[] = [];
    const unsub = sampler.onSample(LOCAL_CLUSTER_ID, (s) => got.push(s));
    sampler.start();
    await expect.poll(() => got.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await sampler.stop();
    unsub();
    const n = got.length;
    await new Promise((res) => setTimeout(res, 60));
    expect(got.length).toBe(n);
  });
});
