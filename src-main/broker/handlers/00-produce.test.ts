import { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import { BatchField, updateBatchCrc } from '../../protocol/records/batch-header.js';
import produceApi from '../../protocol/schema/00-produce.js';
import fetchApi from '../../protocol/schema/01-fetch.js';
import apiVersionsApi from '../../protocol/schema/18-api-versions.js';
import { decodeRecordBatch, encodeMessageSet } from '../../protocol/records/index.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

function produceBody(topic: string, partition: number, records: Uint8Array | null, acks = 1, transactionalId: string | null = null) {
  return { transactionalId, acks, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] };
}

/** A copy of `b` with one header field changed and the CRC recomputed. */
function patched(b: Buffer, set: (v: DataView) => void, fixCrc = true): Buffer {
  const c = Buffer.from(b);
  set(new DataView(c.buffer, c.byteOffset, c.byteLength));
  if (fixCrc) updateBatchCrc(c, 0);
  return c;
}

describe('00-produce over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  const send = async (v: number, topic: string, records: Uint8Array | null, acks = 1, txn: string | null = null) => {
    const res = await c.send(produceApi, v, produceBody(topic, 0, records, acks, txn));
    return res.responses[0].partitionResponses[0];
  };
  beforeAll(async () => {
    tb = await startTestBroker();
    const t = tb.broker.topics;
    t.create('p', { partitions: 2 });
    t.create('small', { configs: { 'max.message.bytes': '500' } });
    t.create('isr2', { configs: { 'min.insync.replicas': '2' } });
    t.create('lat', { configs: { 'message.timestamp.type': 'LogAppendTime' } });
    t.create('window', { configs: { 'message.timestamp.before.max.ms': '60000' } });
    t.create('compacted', { configs: { 'cleanup.policy': 'compact' } });
    t.create('__consumer_offsets');
    t.create('legacy');
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([3, 7, 9, 11])('v%i appends and assigns consecutive offsets', async (v) => {
    const before = tb.broker.topics.partition('p', 0)!.log.logEndOffset;
    const r1 = await send(v, 'p', makeBatch({ records: 5 }));
    const r2 = await send(v, 'p', makeBatch({ records: 3 }));
    expect(r1).toMatchObject({ errorCode: 0, baseOffset: before });
    expect(r2).toMatchObject({ errorCode: 0, baseOffset: before + 5n });
    if (v >= 5) expect(r2.logStartOffset).toBe(0n);
    expect(tb.broker.topics.partition('p', 0)!.log.highWatermark).toBe(before + 8n);
  });

  it('stores the batch bytes as sent (only offset and leader epoch patched)', async () => {
    const batch = makeBatch({ records: 2, seed: 9 });
    const r = await send(9, 'p', Buffer.from(batch));
    const f = await c.send(fetchApi, 12, {
      maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
      topics: [{ topic: 'p', partitions: [{ partition: 0, fetchOffset: r.baseOffset, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1, logStartOffset: -1n }] }],
    });
    const got = Buffer.from(f.responses[0].partitions[0].records!);
    expect(got.length).toBe(batch.length);
    expect(got.readBigInt64BE(0)).toBe(r.baseOffset);
    expect(got.subarray(16).equals(batch.subarray(16))).toBe(true); // magic, CRC and everything after
  });

  it('acks=0 sends nothing back and the next request is answered in order', async () => {
    const end = tb.broker.topics.partition('p', 1)!.log.logEndOffset;
    c.sendNoResponse(produceApi, 7, produceBody('p', 1, makeBatch({ records: 4 }), 0));
    const av = await c.send(apiVersionsApi, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    expect(av.errorCode).toBe(0);
    expect(tb.broker.topics.partition('p', 1)!.log.logEndOffset).toBe(end + 4n);
  });

  it('acks=0 with an error closes the connection (Kafka has no other way to tell the client)', async () => {
    const c2 = await KafkaTestClient.connect(tb.broker.port);
    c2.sendNoResponse(produceApi, 7, produceBody('missing-topic', 0, makeBatch(), 0));
    await c2.closed;
    expect(tb.logs.some((l) => l.includes('acks=0 produce failed'))).toBe(true);
  });

  it('acks=-1 appends on one replica, and honours min.insync.replicas', async () => {
    expect((await send(7, 'p', makeBatch(), -1)).errorCode).toBe(0);
    const r = await send(7, 'isr2', makeBatch(), -1);
    expect(r.errorCode).toBe(KafkaError.NOT_ENOUGH_REPLICAS.code);
    expect(tb.broker.topics.partition('isr2', 0)!.log.logEndOffset).toBe(0n);
    expect((await send(7, 'isr2', makeBatch(), 1)).errorCode).toBe(0); // min ISR applies to acks=all only
  });

  it('rejects acks other than -1, 0, 1 with INVALID_REQUIRED_ACKS', async () => {
    expect((await send(7, 'p', makeBatch(), 2)).errorCode).toBe(KafkaError.INVALID_REQUIRED_ACKS.code);
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a missing topic or partition (no auto-creation on produce)', async () => {
    expect((await send(7, 'nope', makeBatch())).errorCode).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
    const res = await c.send(produceApi, 7, produceBody('p', 9, makeBatch()));
    expect(res.responses[0].partitionResponses[0].errorCode).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
    expect(tb.broker.topics.get('nope')).toBeUndefined();
  });

  it('rejects a CRC mismatch with CORRUPT_MESSAGE', async () => {
    const b = patched(makeBatch({ records: 2 }), (v) => v.setUint8(70, v.getUint8(70) ^ 0xff), false);
    expect((await send(7, 'p', b)).errorCode).toBe(KafkaError.CORRUPT_MESSAGE.code);
  });

  it('rejects a batch whose length runs past the data with CORRUPT_MESSAGE', async () => {
    const b = makeBatch({ records: 2 });
    expect((await send(7, 'p', b.subarray(0, b.length - 5))).errorCode).toBe(KafkaError.CORRUPT_MESSAGE.code);
    expect((await send(7, 'p', b.subarray(0, 20))).errorCode).toBe(KafkaError.CORRUPT_MESSAGE.code);
  });

  it('rejects two batches in one partition, no batch, or magic 1 with INVALID_RECORD', async () => {
    const two = Buffer.concat([makeBatch(), makeBatch()]);
    expect((await send(7, 'p', two)).errorCode).toBe(KafkaError.INVALID_RECORD.code);
    expect((await send(7, 'p', null)).errorCode).toBe(KafkaError.INVALID_RECORD.code);
    const magic1 = patched(makeBatch(), (v) => v.setInt8(BatchField.magic, 1), false);
    expect((await send(7, 'p', magic1)).errorCode).toBe(KafkaError.INVALID_RECORD.code);
  });

  it('rejects a record count that disagrees with lastOffsetDelta, and control batches, with INVALID_RECORD', async () => {
    const miscount = patched(makeBatch({ records: 3 }), (v) => v.setInt32(BatchField.recordCount, 5));
    expect((await send(7, 'p', miscount)).errorCode).toBe(KafkaError.INVALID_RECORD.code);
    const control = patched(makeBatch(), (v) => v.setInt16(BatchField.attributes, 0x20));
    expect((await send(7, 'p', control)).errorCode).toBe(KafkaError.INVALID_RECORD.code);
  });

  it('rejects a batch over max.message.bytes with MESSAGE_TOO_LARGE, then carries on', async () => {
    const r = await send(8, 'small', makeBatch({ records: 1, valueSize: 600 }));
    expect(r.errorCode).toBe(KafkaError.MESSAGE_TOO_LARGE.code);
    expect(r.errorMessage).toMatch(/max.message.bytes/);
    expect((await send(7, 'small', makeBatch({ records: 1, valueSize: 100 }))).errorCode).toBe(0);
  });

  it('accepts a message just under the broker limit (message.max.bytes)', async () => {
    const r = await send(7, 'p', makeBatch({ records: 1, valueSize: 900 * 1024 }));
    expect(r.errorCode).toBe(0);
  });

  it('rejects zstd before v7 with UNSUPPORTED_COMPRESSION_TYPE', async () => {
    const zstd = patched(makeBatch(), (v) => v.setInt16(BatchField.attributes, 4));
    expect((await send(6, 'p', zstd)).errorCode).toBe(KafkaError.UNSUPPORTED_COMPRESSION_TYPE.code);
  });

  it('stamps LogAppendTime topics with the broker time', async () => {
    const before = BigInt(Date.now());
    const r = await send(7, 'lat', makeBatch({ timestamp: 1000n }));
    expect(r.errorCode).toBe(0);
    expect(r.logAppendTimeMs).toBeGreaterThanOrEqual(before);
    expect((await send(7, 'p', makeBatch())).logAppendTimeMs).toBe(-1n);
  });

  it('rejects timestamps outside message.timestamp.before.max.ms with INVALID_TIMESTAMP', async () => {
    expect((await send(7, 'window', makeBatch({ timestamp: 1000n }))).errorCode).toBe(KafkaError.INVALID_TIMESTAMP.code);
    expect((await send(7, 'window', makeBatch({ timestamp: BigInt(Date.now()) }))).errorCode).toBe(0);
  });

  it('rejects keyless records on a compacted topic with INVALID_RECORD', async () => {
    expect((await send(7, 'compacted', makeBatch({ keys: ['a', null] }))).errorCode).toBe(KafkaError.INVALID_RECORD.code);
    expect((await send(7, 'compacted', makeBatch({ keys: ['a', 'b'] }))).errorCode).toBe(0);
  });

  it('refuses writes to internal topics', async () => {
    expect((await send(7, '__consumer_offsets', makeBatch())).errorCode).toBe(KafkaError.INVALID_TOPIC_EXCEPTION.code);
  });

  it('idempotent batches: a retry gets its original offset, a gap gets OUT_OF_ORDER_SEQUENCE_NUMBER', async () => {
    const b0 = makeBatch({ records: 2, producerId: 77n, producerEpoch: 0, baseSequence: 0 });
    const first = await send(7, 'p', Buffer.from(b0));
    const retry = await send(7, 'p', Buffer.from(b0));
    expect(first.errorCode).toBe(0);
    expect(retry).toMatchObject({ errorCode: 0, baseOffset: first.baseOffset });
    const gap = await send(7, 'p', makeBatch({ records: 1, producerId: 77n, producerEpoch: 0, baseSequence: 5 }));
    expect(gap.errorCode).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
  });

  it('refuses transactional produce until transactions exist', async () => {
    expect((await send(7, 'p', makeBatch(), 1, 'txn-1')).errorCode).toBe(KafkaError.INVALID_TXN_STATE.code);
    const txnBit = patched(makeBatch({ producerId: 5n, producerEpoch: 0, baseSequence: 0 }), (v) => v.setInt16(BatchField.attributes, 0x10));
    expect((await send(7, 'p', txnBit)).errorCode).toBe(KafkaError.INVALID_TXN_STATE.code);
  });

  it('a producer id with a negative base sequence is INVALID_RECORD', async () => {
    expect((await send(7, 'p', makeBatch({ producerId: 6n, producerEpoch: 0, baseSequence: -1 }))).errorCode).toBe(KafkaError.INVALID_RECORD.code);
  });

  it.each([[0, 0], [1, 0], [2, 1]] as const)('v%i up-converts a magic-%i MessageSet into one v2 batch', async (v, magic) => {
    const end = tb.broker.topics.partition('legacy', 0)!.log.logEndOffset;
    const set = encodeMessageSet({ magic, records: [
      { offset: 0n, timestamp: 5000n, key: Buffer.from('a'), value: Buffer.from('one') },
      { offset: 1n, timestamp: 5001n, key: null, value: Buffer.from('two') },
    ] });
    const r = await send(v, 'legacy', set);
    expect(r).toMatchObject({ errorCode: 0, baseOffset: end });
    const stored = tb.broker.topics.partition('legacy', 0)!.log.read(end, 1 << 20).bytes;
    const batch = decodeRecordBatch(stored, 0);
    expect(batch.header.magic).toBe(2);
    expect(batch.records.map((x) => [x.offset, Buffer.from(x.value!).toString(), x.timestamp])).toEqual([
      [end, 'one', magic === 0 ? -1n : 5000n], [end + 1n, 'two', magic === 0 ? -1n : 5001n],
    ]);
  });

  it('v0-2 rejects a corrupt MessageSet (CRC) with CORRUPT_MESSAGE and magic 2 data with INVALID_RECORD', async () => {
    const set = Buffer.from(encodeMessageSet({ magic: 1, records: [{ offset: 0n, timestamp: 1n, key: null, value: Buffer.from('x') }] }));
    set[set.length - 1] ^= 0xff;
    expect((await send(2, 'legacy', set)).errorCode).toBe(KafkaError.CORRUPT_MESSAGE.code);
    expect((await send(2, 'legacy', makeBatch())).errorCode).toBe(KafkaError.INVALID_RECORD.code);
  });
});
