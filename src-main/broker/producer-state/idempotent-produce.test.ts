/**
 * End-to-end idempotent producer over real TCP: InitProducerId for the id, then Produce retries, gaps,
 * stale epochs, a restart and DeleteRecords, checking what the log really holds afterwards.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import produceApi from '../../protocol/schema/00-produce.js';
import deleteRecordsApi from '../../protocol/schema/21-delete-records.js';
import initProducerIdApi from '../../protocol/schema/22-init-producer-id.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, tempDir, type TestBroker } from '../test-support/test-broker.js';

describe('idempotent producer over TCP', () => {
  const dir = tempDir();
  let tb: TestBroker;
  let c: KafkaTestClient;
  let pid: bigint;
  const produce = async (seq: number, epoch = 0, records = 2) => {
    const res = await c.send(produceApi, 9, {
      transactionalId: null, acks: -1, timeoutMs: 5000,
      topicData: [{ name: 'idem', partitionData: [{ index: 0, records: makeBatch({ records, producerId: pid, producerEpoch: epoch, baseSequence: seq, seed: seq }) }] }],
    });
    return res.responses[0].partitionResponses[0];
  };
  const leo = () => tb.broker.topics.partition('idem', 0)!.log.logEndOffset;

  beforeAll(async () => {
    tb = await startTestBroker({ dataDir: dir });
    tb.broker.topics.create('idem', { partitions: 1 });
    c = await KafkaTestClient.connect(tb.broker.port);
    const init = await c.send(initProducerIdApi, 4, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1n, producerEpoch: -1 });
    expect(init.errorCode).toBe(0);
    pid = init.producerId;
  });
  afterAll(async () => { c.close(); await tb.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it('acknowledges a retried batch with its original offset and writes it once', async () => {
    expect(await produce(0)).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(await produce(2)).toMatchObject({ errorCode: 0, baseOffset: 2n });
    expect(await produce(0)).toMatchObject({ errorCode: 0, baseOffset: 0n }); // retry of the first batch
    expect(await produce(2)).toMatchObject({ errorCode: 0, baseOffset: 2n });
    expect(leo()).toBe(4n);
  });

  it('answers OUT_OF_ORDER_SEQUENCE_NUMBER for a gap and INVALID_PRODUCER_EPOCH for a stale epoch', async () => {
    expect((await produce(9)).errorCode).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    expect(await produce(0, 1)).toMatchObject({ errorCode: 0, baseOffset: 4n }); // the client bumped its epoch
    expect((await produce(2, 0)).errorCode).toBe(KafkaError.INVALID_PRODUCER_EPOCH.code);
    expect((await produce(5, 2)).errorCode).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code); // new epoch must start at 0
    expect(leo()).toBe(6n);
  });

  it('still recognises a retry after the broker restarts', async () => {
    c.close();
    await tb.broker.stop();
    tb = await startTestBroker({ dataDir: dir });
    c = await KafkaTestClient.connect(tb.broker.port);
    expect(await produce(0, 1)).toMatchObject({ errorCode: 0, baseOffset: 4n });
    expect(await produce(2, 1)).toMatchObject({ errorCode: 0, baseOffset: 6n });
    expect(leo()).toBe(8n);
  });

  it('forgets the producer once DeleteRecords removes all its batches, then accepts any sequence (KIP-360)', async () => {
    const del = await c.send(deleteRecordsApi, 2, { topics: [{ name: 'idem', partitions: [{ partitionIndex: 0, offset: -1n }] }], timeoutMs: 1000 });
    expect(del.topics[0].partitions[0]).toMatchObject({ errorCode: 0, lowWatermark: 8n });
    expect(await produce(40, 1)).toMatchObject({ errorCode: 0, baseOffset: 8n });
  });
});
