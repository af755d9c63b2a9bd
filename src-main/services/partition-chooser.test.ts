import { describe, expect, it } from 'vitest';
import { partitionForKey, type KafkaBackend } from '../clients/index.js';
import type { BulkProgress } from '../contract/index.js';
import { PartitionChooser } from './partition-chooser.js';
import { BulkJobs, sendOne } from './producer-service.js';

const enc = (s: string) => new TextEncoder().encode(s);
const parts = (...leaders: number[]) => leaders.map((leader, partition) => ({ partition, leader }));
/** A fixed sequence of "random" numbers in [0, 1). */
const seq = (...xs: number[]) => { let i = 0; return () => xs[i++ % xs.length]!; };

describe('PartitionChooser', () => {
  it('keyless records stick to one partition until a new batch, then move to a different one', () => {
    const c = new PartitionChooser('t', parts(1, 1, 1, 1), 'auto', seq(0.6, 0.0, 0.99));
    const first = [c.choose(null), c.choose(null), c.choose(null)];
    expect(first).toEqual(Array(3).fill({ partition: 2, by: 'sticky' })); // floor(0.6 * 4)
    c.newBatch();
    // Previous (2) is excluded: the pick is among [0, 1, 3].
    expect(c.choose(null)).toEqual({ partition: 0, by: 'sticky' });
    expect(c.choose(null)).toEqual({ partition: 0, by: 'sticky' });
    c.newBatch();
    expect(c.choose(null)).toEqual({ partition: 3, by: 'sticky' }); // floor(0.99 * 3) of [1, 2, 3]
  });

  it('skips partitions without a leader for keyless records, but not for keyed ones', () => {
    const c = new PartitionChooser('t', parts(-1, 2, -1, 3, -1), 'auto', () => 0.999);
    for (let i = 0; i < 5; i++) {
      c.newBatch();
      expect([1, 3]).toContain(c.choose(null).partition);
    }
    const key = [...Array(50).keys()].map((i) => enc(`k${i}`)).find((k) => partitionForKey(k, 5) === 0)!;
    expect(c.choose(key)).toEqual({ partition: 0, by: 'murmur2' });
  });

  it('with one available partition, every batch uses it', () => {
    const c = new PartitionChooser('t', parts(-1, 1, -1), 'auto', Math.random);
    for (let i = 0; i < 4; i++) { c.newBatch(); expect(c.choose(null).partition).toBe(1); }
  });

  it('when no partition has a leader, keyless records pick from all (the send then reports the broker error)', () => {
    const c = new PartitionChooser('t', parts(-1, -1, -1), 'auto', () => 0.5);
    expect(c.choose(null)).toEqual({ partition: 1, by: 'sticky' });
  });

  it('random() returning 1 still gives a valid partition', () => {
    expect(new PartitionChooser('t', parts(1, 1), 'auto', () => 1).choose(null).partition).toBe(1);
  });

  it('spreads batches over every available partition over time', () => {
    const c = new PartitionChooser('t', parts(1, 1, 1, 1, 1), 'auto');
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) { c.newBatch(); seen.add(c.choose(null).partition); }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('keyed records use murmur2 over all partitions; explicit partitions are kept; a missing one is refused', () => {
    const c = new PartitionChooser('t', parts(1, 1, 1, 1, 1), 'auto');
    for (const k of ['alpha', 'beta', 'gamma']) expect(c.choose(enc(k))).toEqual({ partition: partitionForKey(enc(k), 5), by: 'murmur2' });
    expect(new PartitionChooser('t', parts(1, -1), 1).choose(null)).toEqual({ partition: 1, by: 'explicit' });
    expect(() => new PartitionChooser('orders', parts(1, 1), 2)).toThrow(/Topic "orders" has 2 partitions \(0-1\); partition 2 does not exist/);
  });
});

describe('producer service wiring (backend stand-in: listTopics and produce only)', () => {
  // Leaders come from the backend's metadata: partitions 0 and 2 are offline (leader -1).
  const fakeBackend = () => {
    const produced: { partition: number; n: number }[] = [];
    const backend = {
      listTopics: async () => [{ name: 't', partitions: parts(-1, 1, -1, 1).map((p) => ({ ...p, replicas: [], isr: [], offlineReplicas: [] })) }],
      produce: async (_t: string, records: readonly { partition: number }[]) => {
        produced.push(...records.map((r) => ({ partition: r.partition, n: records.length })));
        return records.map((r, i) => ({ partition: r.partition, offset: BigInt(i) }));
      },
    } as unknown as KafkaBackend;
    return { backend, produced };
  };
  const input: Parameters<typeof sendOne>[1] = {
    clusterId: 'c', topic: 't', key: null, value: 'v', keyEncoding: 'string', valueEncoding: 'string', headers: [], partition: 'auto', acks: -1, compression: 'none',
  };

  it('single keyless sends go only to partitions with a leader', async () => {
    const { backend, produced } = fakeBackend();
    for (let i = 0; i < 30; i++) expect(await sendOne(backend, input)).toMatchObject({ partitioner: 'sticky' });
    expect(new Set(produced.map((p) => p.partition))).toEqual(new Set([1, 3]));
  });

  it('a bulk job sends each request to one available partition, alternating between the two', async () => {
    const { backend, produced } = fakeBackend();
    const jobs = new BulkJobs();
    const { jobId } = jobs.start(backend, { ...input, count: 50, batchSize: 10, keyTemplate: null, valueTemplate: 'x{{i}}' }, await backend.listTopics(['t']).then((t) => t[0]!.partitions));
    const done = await new Promise<BulkProgress>((resolve) => { jobs.subscribe(jobId, (p) => { if (p.state !== 'running') resolve(p); }); });
    expect(done).toMatchObject({ state: 'done', sent: 50 });
    const perRequest = Array.from({ length: 5 }, (_, b) => new Set(produced.slice(b * 10, b * 10 + 10).map((p) => p.partition)));
    expect(perRequest.every((s) => s.size === 1)).toBe(true);
    const seq = perRequest.map((s) => [...s][0]);
    expect(seq.every((p) => p === 1 || p === 3)).toBe(true);
    for (let b = 1; b < 5; b++) expect(seq[b]).not.toBe(seq[b - 1]); // two available: a new batch always moves
  });
});
