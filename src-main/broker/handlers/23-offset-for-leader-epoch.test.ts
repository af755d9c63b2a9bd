import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import offsetForLeaderEpochApi from '../../protocol/schema/23-offset-for-leader-epoch.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';
import { endOffsetFor } from './23-offset-for-leader-epoch.js';

describe('endOffsetFor (Kafka LeaderEpochFileCache semantics)', () => {
  const entries = [{ epoch: 1, startOffset: 10n }, { epoch: 3, startOffset: 25n }, { epoch: 4, startOffset: 40n }];
  it.each([
    [4, { epoch: 4, endOffset: 99n }], // latest epoch: the log end
    [3, { epoch: 3, endOffset: 40n }],
    [2, { epoch: 1, endOffset: 25n }], // unknown epoch between: the floor epoch, ending where the next starts
    [0, { epoch: 0, endOffset: 10n }], // older than all: the requested epoch, ending at the first start
    [5, { epoch: -1, endOffset: -1n }], // newer than all
    [-1, { epoch: -1, endOffset: -1n }],
  ])('epoch %i', (requested, expected) => {
    expect(endOffsetFor(entries, requested, 99n)).toEqual(expected);
  });
  it('an empty cache knows nothing', () => {
    expect(endOffsetFor([], 0, 5n)).toEqual({ epoch: -1, endOffset: -1n });
  });
});

describe('23-offset-for-leader-epoch over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  const ask = (v: number, topic: string, partition: number, leaderEpoch: number, currentLeaderEpoch = -1) =>
    c.send(offsetForLeaderEpochApi, v, { replicaId: -1, topics: [{ topic, partitions: [{ partition, currentLeaderEpoch, leaderEpoch }] }] })
      .then((r) => r.topics[0].partitions[0]);

  beforeAll(async () => {
    tb = await startTestBroker();
    tb.broker.topics.create('t', { partitions: 2 });
    const p = tb.broker.topics.partition('t', 0)!;
    p.append(makeBatch({ records: 5 })); // epoch 0: offsets 0-4
    p.leaderEpoch = 2; // a leadership change
    p.append(makeBatch({ records: 3 })); // epoch 2: offsets 5-7
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([0, 1, 2, 3, 4])('v%i answers the end offset of the requested epoch', async (v) => {
    expect(await ask(v, 't', 0, 2)).toMatchObject({ errorCode: 0, partition: 0, endOffset: 8n, ...(v >= 1 ? { leaderEpoch: 2 } : {}) });
    expect(await ask(v, 't', 0, 0)).toMatchObject({ errorCode: 0, endOffset: 5n });
    expect(await ask(v, 't', 0, 1)).toMatchObject({ errorCode: 0, endOffset: 5n, ...(v >= 1 ? { leaderEpoch: 0 } : {}) });
    expect(await ask(v, 't', 0, 7)).toMatchObject({ errorCode: 0, endOffset: -1n });
  });

  it('an empty partition has no epochs', async () => {
    expect(await ask(4, 't', 1, 0)).toEqual({ errorCode: 0, partition: 1, leaderEpoch: -1, endOffset: -1n });
  });

  it('v2+ fences a stale current leader epoch and rejects a future one', async () => {
    expect(await ask(2, 't', 0, 0, 1)).toMatchObject({ errorCode: KafkaError.FENCED_LEADER_EPOCH.code, endOffset: -1n });
    expect(await ask(3, 't', 0, 0, 3)).toMatchObject({ errorCode: KafkaError.UNKNOWN_LEADER_EPOCH.code, endOffset: -1n });
    expect(await ask(4, 't', 0, 0, 2)).toMatchObject({ errorCode: 0, endOffset: 5n });
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a missing topic or partition', async () => {
    expect(await ask(4, 'nope', 0, 0)).toMatchObject({ errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, endOffset: -1n });
    expect(await ask(1, 't', 5, 0)).toMatchObject({ errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, partition: 5 });
  });
});
