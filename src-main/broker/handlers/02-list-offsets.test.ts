import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import produceApi from '../../protocol/schema/00-produce.js';
import listOffsetsApi from '../../protocol/schema/02-list-offsets.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

describe('02-list-offsets over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  const list = async (v: number, timestamp: bigint, topic = 'lo', partition = 0, currentLeaderEpoch = -1) => {
    const res = await c.send(listOffsetsApi, v, {
      replicaId: -1, isolationLevel: 0,
      topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp, currentLeaderEpoch, maxNumOffsets: 1 }] }],
    });
    return res.topics[0].partitions[0];
  };
  beforeAll(async () => {
    tb = await startTestBroker();
    tb.broker.topics.create('lo');
    tb.broker.topics.create('empty');
    c = await KafkaTestClient.connect(tb.broker.port);
    // Three batches: timestamps 1000-1001 (offsets 0-1), 3000-3001 (2-3), 2000-2001 (4-5).
    for (const ts of [1000n, 3000n, 2000n]) {
      await c.send(produceApi, 7, { transactionalId: null, acks: 1, timeoutMs: 1000,
        topicData: [{ name: 'lo', partitionData: [{ index: 0, records: makeBatch({ records: 2, timestamp: ts }) }] }] });
    }
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([1, 4, 7, 9])('v%i: latest is the high watermark, earliest the log start', async (v) => {
    expect(await list(v, -1n)).toMatchObject({ errorCode: 0, offset: 6n, timestamp: -1n });
    expect(await list(v, -2n)).toMatchObject({ errorCode: 0, offset: 0n });
    if (v >= 4) expect((await list(v, -1n)).leaderEpoch).toBe(0);
  });

  it('v0 answers with a list of offsets', async () => {
    expect((await list(0, -1n)).oldStyleOffsets).toEqual([6n]);
    expect((await list(0, -2n)).oldStyleOffsets).toEqual([0n]);
  });

  it('by timestamp: the first offset with timestamp >= the target, or -1 when none', async () => {
    expect(await list(4, 1500n)).toMatchObject({ offset: 2n, timestamp: 3000n });
    expect(await list(4, 500n)).toMatchObject({ offset: 0n, timestamp: 1000n });
    expect(await list(4, 9999n)).toMatchObject({ errorCode: 0, offset: -1n, timestamp: -1n });
  });

  it('max timestamp (-3, v7+): the record with the largest timestamp', async () => {
    expect(await list(7, -3n)).toMatchObject({ offset: 3n, timestamp: 3001n }); // makeBatch: record i has ts + i
    expect(await list(7, -3n, 'empty')).toMatchObject({ errorCode: 0, offset: -1n, timestamp: -1n });
  });

  it('earliest local (-4) is the log start; latest tiered (-5) is -1 without tiered storage', async () => {
    expect(await list(9, -4n)).toMatchObject({ offset: 0n });
    expect(await list(9, -5n)).toMatchObject({ offset: -1n });
  });

  it('errors: unknown topic/partition, fenced or unknown leader epoch, duplicate partitions', async () => {
    expect((await list(4, -1n, 'nope')).errorCode).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
    expect((await list(4, -1n, 'lo', 5)).errorCode).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
    expect((await list(4, -1n, 'lo', 0, 9)).errorCode).toBe(KafkaError.UNKNOWN_LEADER_EPOCH.code);
    const dup = await c.send(listOffsetsApi, 4, {
      replicaId: -1, isolationLevel: 0,
      topics: [{ name: 'lo', partitions: [{ partitionIndex: 0, timestamp: -1n }, { partitionIndex: 0, timestamp: -2n }] }],
    });
    expect(dup.topics[0].partitions[1].errorCode).toBe(KafkaError.INVALID_REQUEST.code);
  });
});
