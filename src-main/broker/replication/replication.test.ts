// Replication's data path on three real brokers (TCP, own data dirs) driven by hand-made partition states:
// follower logs equal the leader's byte for byte, HW = min LEO over the ISR, acks=all waits for the ISR,
// NOT_ENOUGH_REPLICAS before the append, and only the leader serves produce and fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import produceApi from '../../protocol/schema/00-produce.js';
import fetchApi from '../../protocol/schema/01-fetch.js';
import listOffsetsApi from '../../protocol/schema/02-list-offsets.js';
import offsetForLeaderEpochApi from '../../protocol/schema/23-offset-for-leader-epoch.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { waitFor } from '../test-support/test-broker.js';
import { TestReplicationCluster } from './test-helpers.js';

const body = (topic: string, records: Uint8Array, acks: number, timeoutMs = 10_000) =>
  ({ transactionalId: null, acks, timeoutMs, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });

function logBytes(c: TestReplicationCluster, id: number, topic: string): Buffer {
  const log = c.broker(id).topics.partition(topic, 0)!.log;
  return log.read(log.logStartOffset, 1 << 30).bytes;
}

describe('replication on three brokers', () => {
  let c: TestReplicationCluster;
  const clients = new Map<number, KafkaTestClient>();
  const client = async (id: number) => {
    let k = clients.get(id);
    if (k === undefined || k.isClosed) { k = await KafkaTestClient.connect(c.broker(id).port); clients.set(id, k); }
    return k;
  };
  const produce = async (id: number, topic: string, records: Uint8Array, acks = -1, timeoutMs = 10_000) =>
    (await (await client(id)).send(produceApi, 9, body(topic, records, acks, timeoutMs))).responses[0].partitionResponses[0];

  beforeAll(async () => { c = await TestReplicationCluster.start(); });
  afterAll(async () => { for (const k of clients.values()) k.close(); await c.close(); });

  it('followers hold the leader\'s log exactly: offsets, leader epochs and bytes', async () => {
    c.createTopic('same', [[1, 2, 3]]);
    const codecs = [0, 1, 2, 3, 4] as const;
    for (const [i, compression] of codecs.entries()) {
      const r = await produce(1, 'same', makeBatch({ records: 3 + i, seed: i, compression }), 1);
      expect(r.errorCode).toBe(0);
    }
    await c.waitInSync('same');
    const leader = logBytes(c, 1, 'same');
    expect(leader.length).toBeGreaterThan(0);
    expect(logBytes(c, 2, 'same').equals(leader)).toBe(true);
    expect(logBytes(c, 3, 'same').equals(leader)).toBe(true);
    for (const id of [1, 2, 3]) {
      expect(c.broker(id).topics.partition('same', 0)!.log.leaderEpochs.list()).toEqual([{ epoch: 0, startOffset: 0n }]);
    }
    expect(c.manager(2).fetcherLeaders).toEqual([1]);
  });

  it('the high watermark is the minimum log end offset over the ISR, and followers learn it', async () => {
    c.createTopic('hw', [[1, 2, 3]]);
    const f3 = c.faults.get(3)!;
    f3.set({ isolatedFromBrokers: true }); // 3 stops fetching; it stays in the ISR (lag time 30 s)
    await produce(1, 'hw', makeBatch({ records: 4 }), 1);
    const leader = c.broker(1).topics.partition('hw', 0)!.log;
    await waitFor(() => c.broker(2).topics.partition('hw', 0)!.log.logEndOffset === 4n, 10_000, 'broker 2 caught up');
    expect(leader.logEndOffset).toBe(4n);
    expect(leader.highWatermark).toBe(0n); // 3 is in the ISR at LEO 0
    f3.set({ isolatedFromBrokers: false });
    await waitFor(() => leader.highWatermark === 4n, 10_000, 'HW 4 at the leader');
    await produce(1, 'hw', makeBatch({ records: 1 }), 1); // the next fetch answers carry the new HW
    await waitFor(() => [2, 3].every((id) => c.broker(id).topics.partition('hw', 0)!.log.highWatermark >= 4n), 10_000, 'followers learn the HW');
  });

  it('acks=all answers only once every ISR follower holds the batch', async () => {
    c.createTopic('all', [[1, 2, 3]]);
    await c.waitInSync('all');
    const f2 = c.faults.get(2)!;
    f2.set({ isolatedFromBrokers: true });
    let seenAtAnswer: bigint[] = [];
    const pending = produce(1, 'all', makeBatch({ records: 2 })).then((r) => {
      seenAtAnswer = [2, 3].map((id) => c.broker(id).topics.partition('all', 0)!.log.logEndOffset);
      return r;
    });
    await waitFor(() => c.broker(3).topics.partition('all', 0)!.log.logEndOffset === 2n, 10_000, 'broker 3 fetched');
    let settled = false;
    void pending.then(() => { settled = true; });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false); // 2 is in the ISR and has not fetched
    f2.set({ isolatedFromBrokers: false });
    const r = await pending;
    expect(r).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(seenAtAnswer).toEqual([2n, 2n]);
  });

  it('acks=1 answers after the leader\'s append alone', async () => {
    c.createTopic('one', [[1, 2, 3]]);
    c.faults.get(2)!.set({ isolatedFromBrokers: true });
    c.faults.get(3)!.set({ isolatedFromBrokers: true });
    try {
      expect(await produce(1, 'one', makeBatch({ records: 1 }), 1)).toMatchObject({ errorCode: 0, baseOffset: 0n });
      expect(c.broker(1).topics.partition('one', 0)!.log.highWatermark).toBe(0n);
    } finally {
      c.faults.get(2)!.clear();
      c.faults.get(3)!.clear();
    }
  });

  it('NOT_ENOUGH_REPLICAS before the append when the ISR is below min.insync.replicas; acks=1 still works', async () => {
    c.createTopic('minisr', [[1, 2, 3]], { 'min.insync.replicas': '2' });
    c.fenceBroker(2);
    c.fenceBroker(3);
    expect(c.state('minisr').isr).toEqual([1]);
    const log = c.broker(1).topics.partition('minisr', 0)!.log;
    const r = await produce(1, 'minisr', makeBatch({ records: 1 }));
    expect(r.errorCode).toBe(KafkaError.NOT_ENOUGH_REPLICAS.code);
    expect(r.errorMessage).toContain('The size of the current ISR 1 is insufficient to satisfy the min.isr requirement of 2');
    expect(log.logEndOffset).toBe(0n); // nothing written
    expect((await produce(1, 'minisr', makeBatch({ records: 1 }), 1)).errorCode).toBe(0);
    c.unfenceBroker(2);
    c.unfenceBroker(3);
  });

  it('only the leader serves: followers answer NOT_LEADER_OR_FOLLOWER to produce, fetch, ListOffsets and OffsetForLeaderEpoch', async () => {
    c.createTopic('lead', [[1, 2, 3]]);
    const k = await client(2);
    expect((await produce(2, 'lead', makeBatch(), 1)).errorCode).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER.code);
    const f = await k.send(fetchApi, 12, {
      replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: 'lead', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [], rackId: '',
    });
    expect(f.responses[0].partitions[0].errorCode).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER.code);
    const e = await k.send(offsetForLeaderEpochApi, 4, { replicaId: -1, topics: [{ topic: 'lead', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] }] });
    expect(e.topics[0].partitions[0].errorCode).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER.code);
    const lo = await k.send(listOffsetsApi, 7, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'lead', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }] });
    expect(lo.topics[0].partitions[0].errorCode).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER.code);
    const atLeader = await (await client(1)).send(listOffsetsApi, 7, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'lead', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }] });
    expect(atLeader.topics[0].partitions[0]).toMatchObject({ errorCode: 0, offset: 0n, leaderEpoch: 0 });
  });

  it('a follower fetch with a stale or future leader epoch is fenced; a diverged one gets its diverging epoch', async () => {
    c.createTopic('fence', [[1, 2, 3]]);
    await produce(1, 'fence', makeBatch({ records: 2 }), 1);
    await c.waitInSync('fence');
    c.fenceBroker(1); // the controller elects 2 from the ISR: leader epoch 1
    c.unfenceBroker(1);
    expect(c.state('fence')).toMatchObject({ leader: 2, leaderEpoch: 1 });
    // Fetches made by hand as replica 3 (a real follower of 2), plus one as 9, which is no replica.
    const k = await KafkaTestClient.connect(c.broker(2).port, '127.0.0.1', 'test-fetcher');
    const fetch = async (currentLeaderEpoch: number, fetchOffset: bigint, lastFetchedEpoch: number, replicaId = 3) =>
      (await k.send(fetchApi, 12, {
        replicaId, maxWaitMs: 5000, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
        topics: [{ topic: 'fence', partitions: [{ partition: 0, currentLeaderEpoch, fetchOffset, lastFetchedEpoch, logStartOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
        forgottenTopicsData: [], rackId: '',
      })).responses[0].partitions[0];
    try {
      expect((await fetch(0, 0n, -1)).errorCode).toBe(KafkaError.FENCED_LEADER_EPOCH.code);
      expect((await fetch(2, 0n, -1)).errorCode).toBe(KafkaError.UNKNOWN_LEADER_EPOCH.code);
      // The "follower" claims 5 records of epoch 0 where the leader's epoch 0 ended at 2: diverging, answered at once.
      const d = await fetch(1, 5n, 0);
      expect(d.errorCode).toBe(0);
      expect(d.divergingEpoch).toEqual({ epoch: 0, endOffset: 2n });
      expect(d.records?.length ?? 0).toBe(0);
      // An epoch newer than any the leader knows: OFFSET_OUT_OF_RANGE.
      expect((await fetch(1, 2n, 7)).errorCode).toBe(KafkaError.OFFSET_OUT_OF_RANGE.code);
      // A broker that is not a replica is refused, as Kafka refuses an unknown replica.
      expect((await fetch(1, 0n, 0, 9)).errorCode).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER.code);
      expect(c.manager(2).leaderOf('fence', 0)!.isr).toEqual(expect.arrayContaining([2, 3]));
    } finally {
      k.close();
    }
  });
});
