import { CompressionTypes, Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCluster } from '../cluster/index.js';
import { unpackMessages, type BrowseResult as PackedBrowse, type ExportEvent, type MessageRecord, type TailEvent } from '../contract/index.js';

type BrowseResult = Omit<PackedBrowse, 'messages'> & { messages: MessageRecord[] };
import { Dispatcher } from '../transports/dispatcher.js';
import { LOCAL_CLUSTER_ID, type ClusterRegistry } from './cluster-registry.js';
import { createMessagesService } from './messages-service.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';

const BASE_TS = 1_700_000_000_000;
const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('utf8'));
const idx = (m: MessageRecord) => Number(JSON.parse(text(m.value)!.replace(/9007199254740993/, '0')).i);

async function until<T>(fn: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Through the Dispatcher so zod inputs (bigint/strings for offsets) and error serialisation are exercised.
describe('messages service on a real local cluster', () => {
  let h: ServiceHarness;
  let cluster: LocalCluster;
  let registry: ClusterRegistry;
  let d: Dispatcher;
  let producer: Producer;
  const ctx = { transport: 'in-process' as const };
  const clusterId = LOCAL_CLUSTER_ID;
  const call = <T>(name: string, input: unknown) => h.call<T>(name, input);
  const browseIn = async (input: Record<string, unknown>): Promise<BrowseResult> => {
    const r = await call<PackedBrowse>('messages.browse', input);
    return { ...r, messages: unpackMessages(r.messages) };
  };
  const browse = (input: Record<string, unknown>) => browseIn({ clusterId, topic: 'mb', ...input });

  beforeAll(async () => {
    h = await startServiceHarness({ name: 'messages-svc' });
    ({ cluster, registry, dispatcher: d } = h);
    await call('topics.create', { clusterId, topic: 'mb', partitions: 3, replicationFactor: 1 });
    producer = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    // 30 records, i % 3 = partition, timestamps BASE + i s; the value holds a 64-bit number JSON.parse would round.
    await producer.send({
      topic: 'mb',
      messages: Array.from({ length: 30 }, (_, i) => ({
        key: `k-${i}`, partition: i % 3, timestamp: String(BASE_TS + i * 1000),
        value: `{"i":${i},"big":9007199254740993,"kind":"${i % 2 ? 'odd' : 'even'}"}`,
        headers: { h: `hv-${i}`, trace: 'abc' },
      })),
    });
  }, 30_000);
  afterAll(async () => {
    await producer?.disconnect();
    await h?.close();
  });

  it('Beginning reads every record with partition, bigint offset, timestamp, key, value and header bytes, sorted by time', async () => {
    const r = await browse({ seek: { mode: 'beginning' } });
    expect(r.messages).toHaveLength(30);
    expect(r.scanned).toBe(30);
    expect(r.stopped).toBeNull();
    expect(r.messages.map(idx)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const m7 = r.messages[7];
    expect(m7).toMatchObject({ partition: 1, offset: 2n, timestamp: BigInt(BASE_TS + 7000) });
    expect(m7.key).toBeInstanceOf(Uint8Array);
    expect(text(m7.key)).toBe('k-7');
    expect(text(m7.value)).toBe('{"i":7,"big":9007199254740993,"kind":"odd"}');
    expect(m7.headers.map((h) => [h.key, text(h.value)])).toEqual([['h', 'hv-7'], ['trace', 'abc']]);
    expect(r.partitions).toEqual([0, 1, 2].map((p) => ({ partition: p, start: 0n, next: 10n, end: 10n })));
  });

  it('filters partitions and caps max results', async () => {
    const p1 = await browse({ seek: { mode: 'beginning' }, partitions: [1] });
    expect(p1.messages.map((m) => m.partition)).toEqual(Array(10).fill(1));
    const five = await browse({ seek: { mode: 'beginning' }, maxResults: 5 });
    expect(five.messages).toHaveLength(5);
    expect(five.stopped).toBe('max-results');
  });

  it('Newest-N gives the N newest records overall', async () => {
    const r = await browse({ seek: { mode: 'newest', count: 2 } });
    expect(r.messages.map(idx)).toEqual([28, 29]);
    const perPartition = await browse({ seek: { mode: 'newest', count: 3 }, partitions: [0] });
    expect(perPartition.messages.map(idx)).toEqual([21, 24, 27]);
  });

  it('Offset seeks every chosen partition to that offset (a decimal string works too)', async () => {
    const r = await browse({ seek: { mode: 'offset', offset: 7n } });
    expect(r.messages.map(idx)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29]);
    const s = await browse({ seek: { mode: 'offset', offset: '9' }, partitions: [2] });
    expect(s.messages.map(idx)).toEqual([29]);
    const past = await browse({ seek: { mode: 'offset', offset: 500n } });
    expect(past.messages).toEqual([]);
  });

  it('Timestamp seeks to the first record at or after it', async () => {
    const r = await browse({ seek: { mode: 'timestamp', timestamp: BigInt(BASE_TS + 15_000) } });
    expect(r.messages.map(idx)).toEqual(Array.from({ length: 15 }, (_, i) => i + 15));
    const future = await browse({ seek: { mode: 'timestamp', timestamp: BigInt(BASE_TS + 999_000) } });
    expect(future.messages).toEqual([]);
  });

  it('filters on key, value and header text (case-insensitive) and JSONPath, combined with AND', async () => {
    const key = await browse({ seek: { mode: 'beginning' }, filters: { key: 'K-1' } });
    expect(key.messages.map(idx)).toEqual([1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const value = await browse({ seek: { mode: 'beginning' }, filters: { value: 'ODD' } });
    expect(value.messages).toHaveLength(15);
    const header = await browse({ seek: { mode: 'beginning' }, filters: { header: 'hv-2' } });
    expect(header.messages.map(idx)).toEqual([2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    const headerName = await browse({ seek: { mode: 'beginning' }, filters: { header: 'TRACE' } });
    expect(headerName.messages).toHaveLength(30);
    const json = await browse({ seek: { mode: 'beginning' }, filters: { jsonPath: '$[?@.i > 25]' } });
    expect(json.messages.map(idx)).toEqual([26, 27, 28, 29]);
    const both = await browse({ seek: { mode: 'beginning' }, filters: { jsonPath: '$[?@.kind == "even"]', key: 'k-2' } });
    expect(both.messages.map(idx)).toEqual([2, 20, 22, 24, 26, 28]);
    const member = await browse({ seek: { mode: 'beginning' }, filters: { jsonPath: '$.kind' } });
    expect(member.messages).toHaveLength(30);
    const rfc = await browse({ seek: { mode: 'beginning' }, filters: { jsonPath: '$[?@ == "odd"]' } });
    expect(rfc.messages).toHaveLength(15);
    const none = await browse({ seek: { mode: 'beginning' }, filters: { jsonPath: '$.missing' } });
    expect(none).toMatchObject({ messages: [], scanned: 30 });
  });

  it('refuses an invalid JSONPath, an unknown topic, a missing partition and a bad offset with what to do', async () => {
    await expect(browse({ seek: { mode: 'beginning' }, filters: { jsonPath: '$[?(' } }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /JSONPath .* not valid.*RFC 9535/ });
    await expect(browseIn({ clusterId, topic: 'nope', seek: { mode: 'beginning' } }))
      .rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /"nope" does not exist/ });
    await expect(browse({ seek: { mode: 'beginning' }, partitions: [1, 9] }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /no partition 9: it has 3 \(0-2\)/ });
    await expect(browse({ seek: { mode: 'offset', offset: '-1' } })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(call('messages.browse', { clusterId: 'nope', topic: 'mb', seek: { mode: 'beginning' } }))
      .rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });

  it('reads gzip-compressed batches and creates no consumer group', async () => {
    await call('topics.create', { clusterId, topic: 'mb-gzip', partitions: 1, replicationFactor: 1 });
    await producer.send({ topic: 'mb-gzip', compression: CompressionTypes.GZIP, messages: Array.from({ length: 50 }, (_, i) => ({ value: `z${i}` })) });
    const r = await browseIn({ clusterId, topic: 'mb-gzip', seek: { mode: 'offset', offset: 45n } });
    expect(r.messages.map((m) => text(m.value))).toEqual(['z45', 'z46', 'z47', 'z48', 'z49']);
    const groups = await call<{ groupId: string }[]>('groups.list', { clusterId });
    expect(groups).toEqual([]);
  });

  it('Newest-N with a filter keeps the newest matches of the window', async () => {
    const r = await browse({ seek: { mode: 'newest', count: 6 }, filters: { value: 'even' } });
    // The window is the 6 newest of each partition (i = 12..29); of those, the even ones, newest 6 overall.
    expect(r.messages.map(idx)).toEqual([18, 20, 22, 24, 26, 28]);
  });

  it('stops at the scan limit and says so, but not when the limit is met at the end', async () => {
    // 1,000 records of 2 KB: more than one 1 MB fetch round.
    await call('topics.create', { clusterId, topic: 'mb-scan', partitions: 1, replicationFactor: 1 });
    for (let b = 0; b < 2; b++) await producer.send({ topic: 'mb-scan', messages: Array.from({ length: 500 }, () => ({ value: 'y'.repeat(2000) })) });
    const limited = new Dispatcher(createMessagesService(registry, { browseScanLimit: 10 }) as never);
    const run = async (topic: string) => {
      const res = await limited.call('messages.browse', { clusterId, topic, seek: { mode: 'beginning' }, filters: { value: 'no-such-text' } }, ctx);
      if (!res.ok) throw new Error(res.error.message);
      return res.value as PackedBrowse;
    };
    const r = await run('mb-scan');
    expect(r.stopped).toBe('scan-limit');
    expect(r.scanned).toBeGreaterThanOrEqual(10);
    expect(r.scanned).toBeLessThan(1000);
    expect(r.messages.count).toBe(0);
    const small = await run('mb'); // one round reads all 30: the end, not the limit
    expect(small).toMatchObject({ stopped: null, scanned: 30 });
  });

  it('an offset below the log start (records deleted) starts at the log start', async () => {
    await call('topics.create', { clusterId, topic: 'mb-trim', partitions: 1, replicationFactor: 1 });
    await producer.send({ topic: 'mb-trim', messages: Array.from({ length: 10 }, (_, i) => ({ value: `t${i}` })) });
    const admin = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.fetchTopicMetadata({ topics: ['mb-trim'] }); // kafkajs needs the metadata loaded first
    await admin.deleteTopicRecords({ topic: 'mb-trim', partitions: [{ partition: 0, offset: '6' }] });
    await admin.disconnect();
    const r = await browseIn({ clusterId, topic: 'mb-trim', seek: { mode: 'offset', offset: 2n } });
    expect(r.messages.map((m) => text(m.value))).toEqual(['t6', 't7', 't8', 't9']);
    expect(r.partitions).toEqual([{ partition: 0, start: 6n, next: 10n, end: 10n }]);
  });

  it('live tail pushes records produced after subscribing, filtered, and stops on unsubscribe', async () => {
    const events: TailEvent[] = [];
    const unsub = d.subscribe('messages.tail', { clusterId, topic: 'mb', partitions: [0, 2], filters: { value: 'tail' } }, (e) => events.push(e as TailEvent), ctx);
    try {
      const started = await until(() => events.find((e) => e.kind === 'started'), 'tail start');
      expect(started).toMatchObject({ partitions: [{ partition: 0, offset: 10n }, { partition: 2, offset: 10n }] });
      await producer.send({ topic: 'mb', messages: [{ value: 'skip me', partition: 0 }, { value: 'tail-other-partition', partition: 1 }, { value: 'tail-1', partition: 2, key: 'x' }] });
      const got = await until(() => {
        const all = events.flatMap((e) => (e.kind === 'messages' ? e.messages : []));
        return all.length > 0 ? all : undefined;
      }, 'tailed record');
      expect(got.map((m) => [m.partition, m.offset, text(m.value)])).toEqual([[2, 10n, 'tail-1']]);
    } finally {
      unsub();
    }
    const n = events.length;
    await producer.send({ topic: 'mb', messages: [{ value: 'tail-after', partition: 1 }] });
    await new Promise((r) => setTimeout(r, 800));
    expect(events).toHaveLength(n);
    expect(events.some((e) => e.kind === 'error')).toBe(false);
  });

  it('tail on an unknown topic reports the error as an event', async () => {
    const events: TailEvent[] = [];
    const unsub = d.subscribe('messages.tail', { clusterId, topic: 'no-such-topic' }, (e) => events.push(e as TailEvent), ctx);
    const err = await until(() => events.find((e) => e.kind === 'error'), 'tail error');
    unsub();
    expect(err).toMatchObject({ error: { code: 'TP_NOT_FOUND' } });
  });

  describe('live tail and topic changes (metadata re-read every 150 ms here)', () => {
    let fast: Dispatcher;
    const tailOn = (input: Record<string, unknown>) => {
      const events: TailEvent[] = [];
      const unsub = fast.subscribe('messages.tail', { clusterId, ...input }, (e) => events.push(e as TailEvent), ctx);
      return { events, unsub };
    };
    beforeAll(() => { fast = new Dispatcher(createMessagesService(registry, { tailMetadataRefreshMs: 150 }) as never); });

    it('follows partitions added after it started, from offset 0; a tail of picked partitions does not', async () => {
      await call('topics.create', { clusterId, topic: 'mb-grow', partitions: 1, replicationFactor: 1 });
      await producer.send({ topic: 'mb-grow', messages: [{ value: 'old', partition: 0 }] });
      const all = tailOn({ topic: 'mb-grow' });
      const picked = tailOn({ topic: 'mb-grow', partitions: [0] });
      try {
        await until(() => all.events.find((e) => e.kind === 'started'), 'tail start');
        await until(() => picked.events.find((e) => e.kind === 'started'), 'picked tail start');
        await call('topics.addPartitions', { clusterId, topic: 'mb-grow', totalCount: 3 });
        const added = await until(() => all.events.find((e) => e.kind === 'partitions-added'), 'partitions-added');
        expect(added).toEqual({ kind: 'partitions-added', partitions: [{ partition: 1, offset: 0n }, { partition: 2, offset: 0n }] });
        // A fresh producer: kafkajs's cached metadata still says one partition.
        const p2 = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING }).producer();
        await p2.connect();
        await p2.send({ topic: 'mb-grow', messages: [{ value: 'in-new-partition', partition: 2 }, { value: 'new-in-0', partition: 0 }] });
        await p2.disconnect();
        const got = await until(() => {
          const ms = all.events.flatMap((e) => (e.kind === 'messages' ? e.messages : []));
          return ms.length >= 2 ? ms : undefined;
        }, 'records from old and new partitions');
        expect(got.map((m) => [m.partition, m.offset, text(m.value)]).sort()).toEqual([[0, 1n, 'new-in-0'], [2, 0n, 'in-new-partition']]);
        const pickedRecords = await until(() => {
          const ms = picked.events.flatMap((e) => (e.kind === 'messages' ? e.messages : []));
          return ms.length > 0 ? ms : undefined;
        }, 'picked tail record');
        await new Promise((r) => setTimeout(r, 400)); // a few more metadata re-reads
        expect(pickedRecords.map((m) => [m.partition, text(m.value)])).toEqual([[0, 'new-in-0']]);
        expect(picked.events.some((e) => e.kind === 'partitions-added')).toBe(false);
        expect([...all.events, ...picked.events].some((e) => e.kind === 'error')).toBe(false);
      } finally {
        all.unsub();
        picked.unsub();
      }
    });

    it('a topic deleted during the tail ends it with a clear TP_NOT_FOUND event, also for picked partitions', async () => {
      await call('topics.create', { clusterId, topic: 'mb-gone', partitions: 2, replicationFactor: 1 });
      const all = tailOn({ topic: 'mb-gone' });
      const picked = tailOn({ topic: 'mb-gone', partitions: [1] });
      try {
        await until(() => all.events.find((e) => e.kind === 'started'), 'tail start');
        await until(() => picked.events.find((e) => e.kind === 'started'), 'picked tail start');
        await call('topics.delete', { clusterId, topic: 'mb-gone' });
        for (const t of [all, picked]) {
          const err = await until(() => t.events.find((e) => e.kind === 'error'), 'tail error after delete');
          expect(err).toMatchObject({ error: { code: 'TP_NOT_FOUND' } });
          expect(err.kind === 'error' && err.error.message).toMatch(/"mb-gone".*deleted while the live tail was running/);
          const n = t.events.length;
          await new Promise((r) => setTimeout(r, 300));
          expect(t.events).toHaveLength(n); // ended: nothing after the error
        }
      } finally {
        all.unsub();
        picked.unsub();
      }
    });
  });

  it('export streams every matching record with progress, then done', async () => {
    const events: ExportEvent[] = [];
    const unsub = d.subscribe('messages.export', { clusterId, topic: 'mb', seek: { mode: 'beginning' }, partitions: [0, 1, 2], filters: { key: 'k-' } },
      (e) => events.push(e as ExportEvent), ctx);
    const done = await until(() => events.find((e) => e.kind === 'done'), 'export done');
    unsub();
    expect(events[0]).toMatchObject({ kind: 'started' });
    const records = events.flatMap((e) => (e.kind === 'records' ? unpackMessages(e.records) : []));
    expect(records).toHaveLength(30);
    expect(done).toMatchObject({ matched: 30, stopped: null });
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.kind === 'progress' && last.scanned === last.total).toBe(true);
  });

  it('export is cancelled by unsubscribing: no more events, no done', async () => {
    await call('topics.create', { clusterId, topic: 'mb-big', partitions: 1, replicationFactor: 1 });
    const value = 'x'.repeat(2000);
    for (let b = 0; b < 4; b++) {
      await producer.send({ topic: 'mb-big', messages: Array.from({ length: 500 }, () => ({ value })) });
    }
    const events: ExportEvent[] = [];
    let unsub = () => {};
    unsub = d.subscribe('messages.export', { clusterId, topic: 'mb-big', seek: { mode: 'beginning' } }, (e) => {
      events.push(e as ExportEvent);
      if ((e as ExportEvent).kind === 'progress') unsub(); // cancel after the first round
    }, ctx);
    await until(() => events.find((e) => e.kind === 'progress'), 'first progress');
    await new Promise((r) => setTimeout(r, 1000));
    expect(events.some((e) => e.kind === 'done' || e.kind === 'error')).toBe(false);
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress).toHaveLength(1);
    const p = progress[0];
    expect(p.kind === 'progress' && p.total === 2000n && p.scanned < p.total).toBe(true);
  });
});
