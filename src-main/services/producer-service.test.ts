import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../broker/test-support/test-broker.js';
import { partitionForKey } from '../clients/index.js';
import { registerKafkajsCodecs } from '../clients/kafkajs-codecs.js';
import type { LocalCluster } from '../cluster/index.js';
import type { BulkProgress, ProduceResult } from '../contract/index.js';
import type { Dispatcher } from '../transports/dispatcher.js';
import { LOCAL_CLUSTER_ID, type ClusterRegistry } from './cluster-registry.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';

const ctx = { transport: 'in-process' as const };
const clusterId = LOCAL_CLUSTER_ID;
const enc = (s: string) => new TextEncoder().encode(s);

describe('producer.* on a real local cluster', () => {
  let h: ServiceHarness;
  let cluster: LocalCluster;
  let registry: ClusterRegistry;
  let d: Dispatcher;
  let kafka: Kafka;
  const call = <T>(name: string, input: unknown) => h.call<T>(name, input);
  /** Every record of a topic, read back with a kafkajs consumer (the app's codecs registered for snappy/lz4/zstd). */
  const readAll = async (topic: string, n: number) => {
    registerKafkajsCodecs();
    const c = kafka.consumer({ groupId: `read-${topic}-${Date.now()}`, sessionTimeout: 10_000, heartbeatInterval: 500 });
    const got: { partition: number; offset: bigint; key: string | null; value: string | null; headers: Record<string, string> }[] = [];
    await c.connect();
    await c.subscribe({ topic, fromBeginning: true });
    await c.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        got.push({ partition, offset: BigInt(message.offset), key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
      },
    });
    await waitFor(() => got.length >= n, 20_000, `${n} records read back from ${topic}`);
    await c.disconnect();
    return got;
  };

  beforeAll(async () => {
    h = await startServiceHarness({ name: 'producer', cluster: { config: new Map([['group.initial.rebalance.delay.ms', '0']]) } });
    ({ cluster, registry, dispatcher: d } = h);
    kafka = new Kafka({ clientId: 'producer-test', brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING });
    for (const [topic, partitions] of [['p.keyed', 5], ['p.codecs', 2], ['p.bulk', 4], ['p.cancel', 1]] as const) {
      await call('topics.create', { clusterId, topic, partitions, replicationFactor: 1 });
    }
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  it('sends keyed records to the murmur2 partition, keyless ones sticky, explicit ones where asked; offsets are bigint', async () => {
    const sent: ProduceResult[] = [];
    for (const key of ['alpha', 'beta', 'gamma', 'alpha']) {
      sent.push(await call<ProduceResult>('producer.send', { clusterId, topic: 'p.keyed', key, value: `v-${key}` }));
    }
    expect(sent.map((r) => [r.partition, r.partitioner])).toEqual(['alpha', 'beta', 'gamma', 'alpha'].map((k) => [partitionForKey(enc(k), 5), 'murmur2']));
    expect(sent[3]!.offset).toBe(sent[0]!.offset! + 1n);
    expect(typeof sent[0]!.offset).toBe('bigint');

    // Keyless: sticky per send, i.e. each single send picks a random partition with a leader.
    const keyless: ProduceResult[] = [];
    for (let i = 0; i < 20; i++) keyless.push(await call<ProduceResult>('producer.send', { clusterId, topic: 'p.keyed', key: null, value: 'x' }));
    expect(keyless.every((r) => r.partitioner === 'sticky' && r.partition >= 0 && r.partition < 5)).toBe(true);
    expect(new Set(keyless.map((r) => r.partition)).size).toBeGreaterThan(1); // all 20 on one of 5: p = 5^-19

    const explicit = await call<ProduceResult>('producer.send', { clusterId, topic: 'p.keyed', key: 'alpha', value: 'here', partition: 4, acks: 1 });
    expect(explicit).toMatchObject({ partition: 4, partitioner: 'explicit', acks: 1 });
    const noAck = await call<ProduceResult>('producer.send', { clusterId, topic: 'p.keyed', key: 'k', value: 'fire-and-forget', acks: 0 });
    expect(noAck.offset).toBeNull();
  });

  it('sends with every compression codec, headers, JSON, base64/hex and a tombstone; a consumer reads them back intact', async () => {
    const inputs = [
      { compression: 'none', key: 'k0', value: '{"n": 9007199254740993}', valueEncoding: 'json' },
      { compression: 'gzip', key: 'k1', value: 'gzip value' },
      { compression: 'snappy', key: 'k2', value: 'snappy value' },
      { compression: 'lz4', key: 'k3', value: 'lz4 value' },
      { compression: 'zstd', key: 'k4', value: 'zstd value' },
      { compression: 'none', key: '6b35', keyEncoding: 'hex', value: 'aGVsbG8=', valueEncoding: 'base64' },
      { compression: 'none', key: 'k6', value: null },
    ];
    for (const i of inputs) {
      await call('producer.send', { clusterId, topic: 'p.codecs', partition: 0, headers: [{ key: 'trace', value: `t-${i.key}` }], ...i });
    }
    const got = (await readAll('p.codecs', inputs.length)).sort((a, b) => Number(a.offset - b.offset));
    expect(got.map((g) => [g.key, g.value, g.headers.trace])).toEqual([
      ['k0', '{"n": 9007199254740993}', 't-k0'], ['k1', 'gzip value', 't-k1'], ['k2', 'snappy value', 't-k2'],
      ['k3', 'lz4 value', 't-k3'], ['k4', 'zstd value', 't-k4'], ['k5', 'hello', 't-6b35'], ['k6', null, 't-k6'],
    ]);
  }, 40_000);

  it('refuses invalid JSON, a partition the topic lacks, an unknown topic and bad arguments with clear errors', async () => {
    await expect(call('producer.send', { clusterId, topic: 'p.keyed', value: '{"a":', valueEncoding: 'json' }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /value is not valid JSON/ });
    await expect(call('producer.send', { clusterId, topic: 'p.keyed', value: 'x', partition: 5 }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /has 5 partitions \(0-4\); partition 5 does not exist/ });
    await expect(call('producer.send', { clusterId, topic: 'no.such.topic', value: 'x' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
    await expect(call('producer.send', { clusterId, topic: 'p.keyed', value: 'x', acks: 2 })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(call('producer.send', { clusterId, topic: 'p.keyed', value: 'x', compression: 'brotli' })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(call('producer.send', { clusterId, topic: 'p.keyed', value: 'x', headers: [{ key: '', value: 'v' }] })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
  });

  it('bulk-produces from templates with progress to the end, spread by murmur2, offsets contiguous', async () => {
    const { jobId, total } = await call<{ jobId: string; total: number }>('producer.bulkStart', {
      clusterId, topic: 'p.bulk', count: 2000, batchSize: 250, keyTemplate: 'user-{{i}}', valueTemplate: '{"seq": {{n}}, "at": {{now}}}', valueEncoding: 'json', compression: 'lz4',
    });
    expect(total).toBe(2000);
    const events: BulkProgress[] = [];
    const unsub = d.subscribe('producer.bulkProgress', { jobId }, (e) => events.push(e as BulkProgress), ctx);
    await waitFor(() => events.at(-1)?.state === 'done', 30_000, 'the bulk job finishes');
    unsub();
    const last = events.at(-1)!;
    expect(last).toMatchObject({ sent: 2000, total: 2000, state: 'done', topic: 'p.bulk' });
    const want: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) { const p = partitionForKey(enc(`user-${i}`), 4); want[p] = (want[p] ?? 0) + 1; }
    expect(last.perPartition).toEqual(want);
    const sentSeq = events.map((e) => e.sent);
    expect(sentSeq).toEqual([...sentSeq].sort((a, b) => a - b));
    const offsets = await call<{ partitions: { partition: number; logEndOffset: bigint }[] }>('topics.describe', { clusterId, topic: 'p.bulk' });
    expect(offsets.partitions.map((p) => p.logEndOffset)).toEqual([0, 1, 2, 3].map((p) => BigInt(want[p] ?? 0)));
  }, 40_000);

  it('bulk-produces keyless records sticky: each batch on one partition, the next batch on another', async () => {
    await call('topics.create', { clusterId, topic: 'p.sticky', partitions: 3, replicationFactor: 1 });
    const { jobId } = await call<{ jobId: string }>('producer.bulkStart', { clusterId, topic: 'p.sticky', count: 1000, batchSize: 100, valueTemplate: 'b{{i}}' });
    const events: BulkProgress[] = [];
    const unsub = d.subscribe('producer.bulkProgress', { jobId }, (e) => events.push(e as BulkProgress), ctx);
    await waitFor(() => events.at(-1)?.state === 'done', 30_000, 'the bulk job finishes');
    unsub();
    const counts = Object.values(events.at(-1)!.perPartition);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(counts.every((n) => n % 100 === 0)).toBe(true);
    expect(counts.length).toBeGreaterThan(1);
    // Read back: record i's batch is floor(i / 100); a batch's records share a partition, consecutive batches differ.
    const got = await readAll('p.sticky', 1000);
    const partitionOfBatch = new Map<number, Set<number>>();
    for (const g of got) {
      const b = Math.floor(Number(g.value!.slice(1)) / 100);
      partitionOfBatch.set(b, (partitionOfBatch.get(b) ?? new Set()).add(g.partition));
    }
    const perBatch = [...Array(10).keys()].map((b) => [...partitionOfBatch.get(b)!]);
    expect(perBatch.every((ps) => ps.length === 1)).toBe(true);
    for (let b = 1; b < 10; b++) expect(perBatch[b]![0]).not.toBe(perBatch[b - 1]![0]);
  }, 40_000);

  it('cancels a bulk produce between requests; the end state says how many were sent', async () => {
    const { jobId } = await call<{ jobId: string }>('producer.bulkStart', { clusterId, topic: 'p.cancel', count: 5_000_000, batchSize: 100, valueTemplate: 'v{{i}}' });
    const events: BulkProgress[] = [];
    const unsub = d.subscribe('producer.bulkProgress', { jobId }, (e) => events.push(e as BulkProgress), ctx);
    await waitFor(() => (events.at(-1)?.sent ?? 0) >= 200, 20_000, 'some progress');
    expect(await call('producer.bulkCancel', { jobId })).toEqual({ cancelled: true });
    await waitFor(() => events.at(-1)?.state === 'cancelled', 20_000, 'the job stops');
    unsub();
    const last = events.at(-1)!;
    expect(last.sent).toBeLessThan(5_000_000);
    expect(last.sent % 100).toBe(0);
    expect(await call('producer.bulkCancel', { jobId })).toEqual({ cancelled: false });
    const t = await call<{ partitions: { logEndOffset: bigint }[] }>('topics.describe', { clusterId, topic: 'p.cancel' });
    expect(t.partitions[0]!.logEndOffset).toBe(BigInt(last.sent));
  }, 40_000);

  it('refuses a bulk template that renders invalid JSON before starting, and an unknown job id', async () => {
    await expect(call('producer.bulkStart', { clusterId, topic: 'p.bulk', count: 10, valueTemplate: '{"i": {{i}', valueEncoding: 'json' }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /value template is not valid JSON/ });
    expect(() => d.subscribe('producer.bulkProgress', { jobId: 'nope' }, () => undefined, ctx)).toThrow(/No bulk produce job/);
    expect(await call('producer.bulkCancel', { jobId: 'nope' })).toEqual({ cancelled: false });
  });

  it('reports a failed bulk job (topic deleted under it) with how many records went out', async () => {
    await call('topics.create', { clusterId, topic: 'p.vanish', partitions: 1, replicationFactor: 1 });
    const { jobId } = await call<{ jobId: string }>('producer.bulkStart', { clusterId, topic: 'p.vanish', count: 5_000_000, batchSize: 200, valueTemplate: 'x' });
    const events: BulkProgress[] = [];
    const unsub = d.subscribe('producer.bulkProgress', { jobId }, (e) => events.push(e as BulkProgress), ctx);
    await waitFor(() => (events.at(-1)?.sent ?? 0) >= 200, 20_000, 'some progress');
    await call('topics.delete', { clusterId, topic: 'p.vanish' });
    await waitFor(() => events.at(-1)?.state === 'failed', 30_000, 'the job fails');
    unsub();
    expect(events.at(-1)!.error).toMatch(/records were sent before the failure/);
  }, 60_000);
});
