import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import deleteRecordsApi from '../../protocol/schema/21-delete-records.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

describe('21-delete-records over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  const fill = (topic: string, batches: number, perBatch = 10) => {
    const p = tb.broker.topics.partition(topic, 0)!;
    for (let i = 0; i < batches; i++) p.append(makeBatch({ records: perBatch, valueSize: 100, seed: i }));
  };
  const del = (v: number, topic: string, partitionIndex: number, offset: bigint) =>
    c.send(deleteRecordsApi, v, { topics: [{ name: topic, partitions: [{ partitionIndex, offset }] }], timeoutMs: 1000 })
      .then((r) => r.topics[0].partitions[0]);

  beforeAll(async () => {
    tb = await startTestBroker();
    // Small segments, so moving the log start really drops files.
    tb.broker.topics.create('logs', { partitions: 2, configs: { 'segment.bytes': '2000' } });
    tb.broker.topics.create('compacted', { partitions: 1, configs: { 'cleanup.policy': 'compact' } });
    tb.broker.topics.create('__consumer_offsets', { partitions: 1 });
    fill('logs', 10);
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([0, 1, 2])('v%i moves the log start and answers the new low watermark', async (v) => {
    const log = tb.broker.topics.partition('logs', 0)!.log as unknown as { segments: unknown[]; logStartOffset: bigint };
    const segmentsBefore = log.segments.length;
    const target = BigInt(10 + v * 25);
    expect(await del(v, 'logs', 0, target)).toEqual({ partitionIndex: 0, lowWatermark: target, errorCode: 0 });
    expect(log.logStartOffset).toBe(target);
    if (v === 2) expect(log.segments.length).toBeLessThan(segmentsBefore);
  });

  it('a lower offset than the current start is a no-op that reports the current start', async () => {
    expect(await del(1, 'logs', 0, 3n)).toEqual({ partitionIndex: 0, lowWatermark: 60n, errorCode: 0 });
  });

  it('-1 means the high watermark', async () => {
    expect(await del(2, 'logs', 0, -1n)).toEqual({ partitionIndex: 0, lowWatermark: 100n, errorCode: 0 });
  });

  it('answers OFFSET_OUT_OF_RANGE above the high watermark and for negative offsets', async () => {
    expect(await del(2, 'logs', 0, 101n)).toEqual({ partitionIndex: 0, lowWatermark: -1n, errorCode: KafkaError.OFFSET_OUT_OF_RANGE.code });
    expect(await del(2, 'logs', 1, 1n)).toMatchObject({ errorCode: KafkaError.OFFSET_OUT_OF_RANGE.code }); // empty partition
    expect(await del(2, 'logs', 0, -2n)).toMatchObject({ errorCode: KafkaError.OFFSET_OUT_OF_RANGE.code });
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION, POLICY_VIOLATION and INVALID_TOPIC_EXCEPTION per partition', async () => {
    const res = await c.send(deleteRecordsApi, 2, {
      topics: [
        { name: 'missing', partitions: [{ partitionIndex: 0, offset: 0n }] },
        { name: 'logs', partitions: [{ partitionIndex: 9, offset: 0n }, { partitionIndex: 1, offset: 0n }] },
        { name: 'compacted', partitions: [{ partitionIndex: 0, offset: 0n }] },
        { name: '__consumer_offsets', partitions: [{ partitionIndex: 0, offset: 0n }] },
      ],
      timeoutMs: 1000,
    });
    expect(res.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.errorCode, p.lowWatermark])])).toEqual([
      ['missing', [[0, KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, -1n]]],
      ['logs', [[9, KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, -1n], [1, 0, 0n]]],
      ['compacted', [[0, KafkaError.POLICY_VIOLATION.code, -1n]]],
      ['__consumer_offsets', [[0, KafkaError.INVALID_TOPIC_EXCEPTION.code, -1n]]],
    ]);
  });
});
