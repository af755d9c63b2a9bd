import { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import { BatchField, updateBatchCrc } from '../../protocol/records/batch-header.js';
import produceApi from '../../protocol/schema/00-produce.js';
import fetchApi from '../../protocol/schema/01-fetch.js';
import { decodeMessageSet } from '../../protocol/records/index.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

interface Want { topic: string; partition: number; offset: bigint; max?: number; epoch?: number }

function fetchBody(wants: Want[], o: { maxWaitMs?: number; minBytes?: number; maxBytes?: number; isolationLevel?: number; sessionId?: number; sessionEpoch?: number } = {}) {
  const topics = [...new Set(wants.map((w) => w.topic))].map((topic) => ({
    topic,
    partitions: wants.filter((w) => w.topic === topic).map((w) => ({
      partition: w.partition, fetchOffset: w.offset, partitionMaxBytes: w.max ?? 1 << 20, currentLeaderEpoch: w.epoch ?? -1,
      lastFetchedEpoch: -1, logStartOffset: -1n,
    })),
  }));
  return {
    maxWaitMs: o.maxWaitMs ?? 0, minBytes: o.minBytes ?? 0, maxBytes: o.maxBytes ?? 1 << 24, isolationLevel: o.isolationLevel ?? 0,
    sessionId: o.sessionId ?? 0, sessionEpoch: o.sessionEpoch ?? -1, forgottenTopicsData: [], rackId: '', topics,
  };
}

/** Base offsets of the whole batches in fetched bytes. */
function batchOffsets(data: Uint8Array | null | undefined): bigint[] {
  const b = Buffer.from(data ?? new Uint8Array(0));
  const out: bigint[] = [];
  for (let at = 0; at + 12 <= b.length; at += b.readInt32BE(at + 8) + 12) out.push(b.readBigInt64BE(at));
  return out;
}

describe('01-fetch over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  const produce = async (topic: string, partition: number, batch: Buffer) => {
    const r = await c.send(produceApi, 7, { transactionalId: null, acks: 1, timeoutMs: 1000, topicData: [{ name: topic, partitionData: [{ index: partition, records: batch }] }] });
    expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
    return r.responses[0].partitionResponses[0].baseOffset;
  };
  beforeAll(async () => {
    tb = await startTestBroker();
    tb.broker.topics.create('f', { partitions: 2 });
    tb.broker.topics.create('wait');
    tb.broker.topics.create('z');
    c = await KafkaTestClient.connect(tb.broker.port);
    for (let i = 0; i < 3; i++) await produce('f', 0, makeBatch({ records: 4, valueSize: 100, seed: i })); // offsets 0-11
    await produce('f', 1, makeBatch({ records: 2, valueSize: 100 }));
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([4, 7, 11, 12])('v%i returns whole batches from the fetch offset, with HW and log start', async (v) => {
    const res = await c.send(fetchApi, v, fetchBody([{ topic: 'f', partition: 0, offset: 0n }]));
    const p = res.responses[0].partitions[0];
    expect(p).toMatchObject({ errorCode: 0, highWatermark: 12n });
    if (v >= 5) expect(p.logStartOffset).toBe(0n);
    expect(batchOffsets(p.records)).toEqual([0n, 4n, 8n]);
    if (v >= 7) expect(res.sessionId).toBe(0);
  });

  it('starts with the batch containing an offset inside it', async () => {
    const res = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 6n }]));
    expect(batchOffsets(res.responses[0].partitions[0].records)).toEqual([4n, 8n]);
  });

  it('at the log end answers empty; past it or below the start OFFSET_OUT_OF_RANGE', async () => {
    const res = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 12n }, { topic: 'f', partition: 1, offset: 99n }]));
    expect(res.responses[0].partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 12n });
    expect(res.responses[0].partitions[0].records!.length).toBe(0);
    expect(res.responses[0].partitions[1].errorCode).toBe(KafkaError.OFFSET_OUT_OF_RANGE.code);
    const neg = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: -1n }]));
    expect(neg.responses[0].partitions[0].errorCode).toBe(KafkaError.OFFSET_OUT_OF_RANGE.code);
  });

  it('KIP-74: a first batch larger than partition max bytes still comes whole; later partitions respect the budget', async () => {
    const res = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 0n, max: 10 }, { topic: 'f', partition: 1, offset: 0n, max: 10 }]));
    expect(batchOffsets(res.responses[0].partitions[0].records)).toEqual([0n]);
    expect(res.responses[0].partitions[1].records!.length).toBe(0);
  });

  it('response max bytes bounds the sum over partitions (soft for the first batch)', async () => {
    const res = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 0n }, { topic: 'f', partition: 1, offset: 0n }], { maxBytes: 100 }));
    expect(batchOffsets(res.responses[0].partitions[0].records)).toEqual([0n]);
    expect(res.responses[0].partitions[1].records!.length).toBe(0);
  });

  it('unknown topic or partition: UNKNOWN_TOPIC_OR_PARTITION, per partition', async () => {
    const res = await c.send(fetchApi, 11, fetchBody([{ topic: 'nope', partition: 0, offset: 0n }, { topic: 'f', partition: 7, offset: 0n }]));
    expect(res.responses[0].partitions[0].errorCode).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
    expect(res.responses[1].partitions[0].errorCode).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
  });

  it('fences a newer current leader epoch with UNKNOWN_LEADER_EPOCH (v9+)', async () => {
    const res = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 0n, epoch: 3 }]));
    expect(res.responses[0].partitions[0].errorCode).toBe(KafkaError.UNKNOWN_LEADER_EPOCH.code);
  });

  it('declines fetch sessions (KIP-227): sessionId 0 back; a named session is FETCH_SESSION_ID_NOT_FOUND', async () => {
    const create = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 0n }], { sessionEpoch: 0 }));
    expect(create).toMatchObject({ errorCode: 0, sessionId: 0 });
    expect(batchOffsets(create.responses[0].partitions[0].records).length).toBe(3);
    const named = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 0n }], { sessionId: 42, sessionEpoch: 1 }));
    expect(named.errorCode).toBe(KafkaError.FETCH_SESSION_ID_NOT_FOUND.code);
    const badEpoch = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 0n }], { sessionEpoch: 3 }));
    expect(badEpoch.errorCode).toBe(KafkaError.INVALID_FETCH_SESSION_EPOCH.code);
  });

  it('read_committed gets an (empty) aborted-transactions list; read_uncommitted gets null', async () => {
    const rc = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 0n }], { isolationLevel: 1 }));
    expect(rc.responses[0].partitions[0]).toMatchObject({ abortedTransactions: [], lastStableOffset: 12n });
    const ru = await c.send(fetchApi, 11, fetchBody([{ topic: 'f', partition: 0, offset: 0n }]));
    expect(ru.responses[0].partitions[0].abortedTransactions).toBeNull();
  });

  it('long poll: waits for data and wakes on an append from another connection', async () => {
    const other = await KafkaTestClient.connect(tb.broker.port);
    const started = Date.now();
    const pending = c.send(fetchApi, 11, fetchBody([{ topic: 'wait', partition: 0, offset: 0n }], { maxWaitMs: 10_000, minBytes: 1 }));
    await new Promise((r) => setTimeout(r, 150));
    await other.send(produceApi, 7, { transactionalId: null, acks: 1, timeoutMs: 1000, topicData: [{ name: 'wait', partitionData: [{ index: 0, records: makeBatch({ records: 2 }) }] }] });
    const res = await pending;
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(5000); // woken by the append, not by max_wait
    expect(batchOffsets(res.responses[0].partitions[0].records)).toEqual([0n]);
    other.close();
  });

  it('long poll: answers empty at max_wait_ms when nothing arrives', async () => {
    const started = Date.now();
    const res = await c.send(fetchApi, 11, fetchBody([{ topic: 'wait', partition: 0, offset: 1000n }], { maxWaitMs: 200, minBytes: 1 }));
    expect(res.responses[0].partitions[0].errorCode).toBe(KafkaError.OFFSET_OUT_OF_RANGE.code); // errors answer at once
    const end = tb.broker.topics.partition('wait', 0)!.log.logEndOffset;
    const empty = await c.send(fetchApi, 11, fetchBody([{ topic: 'wait', partition: 0, offset: end }], { maxWaitMs: 200, minBytes: 1 }));
    expect(empty.responses[0].partitions[0].records!.length).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('zstd batches are UNSUPPORTED_COMPRESSION_TYPE for fetch versions below 10', async () => {
    const b = makeBatch();
    new DataView(b.buffer, b.byteOffset).setInt16(BatchField.attributes, 4);
    updateBatchCrc(b, 0);
    await produce('z', 0, b);
    const old = await c.send(fetchApi, 9, fetchBody([{ topic: 'z', partition: 0, offset: 0n }]));
    expect(old.responses[0].partitions[0].errorCode).toBe(KafkaError.UNSUPPORTED_COMPRESSION_TYPE.code);
    const modern = await c.send(fetchApi, 10, fetchBody([{ topic: 'z', partition: 0, offset: 0n }]));
    expect(modern.responses[0].partitions[0].errorCode).toBe(0);
  });

  it.each([[0, 0], [1, 0], [2, 1], [3, 1]] as const)('v%i down-converts to magic %i, from the fetch offset on', async (v, magic) => {
    const res = await c.send(fetchApi, v, fetchBody([{ topic: 'f', partition: 0, offset: 6n }]));
    const p = res.responses[0].partitions[0];
    expect(p.errorCode).toBe(0);
    const set = decodeMessageSet(p.records!, { allowPartial: true });
    expect(set.records.every((r) => r.magic === magic)).toBe(true);
    expect(set.records.map((r) => r.offset)).toEqual([6n, 7n, 8n, 9n, 10n, 11n]);
    expect(set.records[0].value!.length).toBe(100);
  });

  it('v0-3 cannot read zstd batches: UNSUPPORTED_COMPRESSION_TYPE', async () => {
    const res = await c.send(fetchApi, 3, fetchBody([{ topic: 'z', partition: 0, offset: 0n }]));
    expect(res.responses[0].partitions[0].errorCode).toBe(KafkaError.UNSUPPORTED_COMPRESSION_TYPE.code);
  });
});
