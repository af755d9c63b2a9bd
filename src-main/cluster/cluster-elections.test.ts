import { Buffer } from 'node:buffer';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import electLeadersApi from '../protocol/schema/43-elect-leaders.js';
import alterReassignmentsApi from '../protocol/schema/45-alter-partition-reassignments.js';
import listReassignmentsApi from '../protocol/schema/46-list-partition-reassignments.js';
import produceApi from '../protocol/schema/00-produce.js';
import { KafkaError } from '../protocol/index.js';
import type { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import { makeBatch } from '../storage/test-batches.js';
import { client, createTopic, metadata, start, until } from './test-cluster.js';

const elect = (k: KafkaTestClient, electionType: number, topicPartitions: { topic: string; partitions: number[] }[] | null) =>
  k.send(electLeadersApi, 2, { electionType, topicPartitions, timeoutMs: 1000 });

describe('ElectLeaders through the controller', () => {
  it('preferred election brings leadership back to the first replica once it is in sync again', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    await createTopic(k1, 'pref', 3, 3);
    const before = (await metadata(k1, ['pref'])).topics[0].partitions;
    const p = before.find((x) => x.replicaNodes[0] === 3)!;
    expect((await elect(k1, 0, [{ topic: 'pref', partitions: [p.partitionIndex] }])).replicaElectionResults[0].partitionResult[0].errorCode)
      .toBe(KafkaError.ELECTION_NOT_NEEDED.code);
    await c.stopBroker(3);
    const moved = (await metadata(k1, ['pref'])).topics[0].partitions.find((x) => x.partitionIndex === p.partitionIndex)!;
    expect(moved.leaderId).not.toBe(3);
    const down = await elect(k1, 0, [{ topic: 'pref', partitions: [p.partitionIndex] }]);
    expect(down.replicaElectionResults[0].partitionResult[0].errorCode).toBe(KafkaError.PREFERRED_LEADER_NOT_AVAILABLE.code);
    await c.startBroker(3);
    // Replication brings broker 3 back into the ISR (AlterPartition from the leader), then it can lead again.
    await until('broker 3 back in the ISR', () => metadata(k1, ['pref']),
      (m) => m.topics[0].partitions.find((x) => x.partitionIndex === p.partitionIndex)!.isrNodes.includes(3), 20_000);
    const all = await elect(k1, 0, null);
    expect(all.errorCode).toBe(0);
    const results = all.replicaElectionResults.flatMap((t) => t.partitionResult.map((r) => [t.topic, r.partitionId, r.errorCode]));
    expect(results).toContainEqual(['pref', p.partitionIndex, 0]);
    expect(results.every(([, , code]) => code !== KafkaError.ELECTION_NOT_NEEDED.code)).toBe(true); // left out when all partitions are asked
    const after = (await metadata(k1, ['pref'])).topics[0].partitions.find((x) => x.partitionIndex === p.partitionIndex)!;
    expect(after.leaderId).toBe(3);
    expect(after.leaderEpoch).toBeGreaterThan(moved.leaderEpoch!);
  }, 40_000);

  it('answers per partition: unknown partitions, an unclean election where a leader exists, a bad election type', async () => {
    const c = await start();
    const k2 = await client(c, 2);
    await createTopic(k2, 'e', 1, 2);
    const r = await elect(k2, 1, [{ topic: 'e', partitions: [0, 7] }, { topic: 'nope', partitions: [0] }]);
    expect(r.replicaElectionResults.map((t) => t.partitionResult.map((x) => x.errorCode))).toEqual([
      [KafkaError.ELECTION_NOT_NEEDED.code, KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code], [KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code],
    ]);
    const bad = await elect(k2, 5, [{ topic: 'e', partitions: [0] }]);
    expect(bad.replicaElectionResults[0].partitionResult[0]).toMatchObject({ errorCode: KafkaError.INVALID_REQUEST.code, errorMessage: expect.stringMatching(/election type 5/) });
  });
});

describe('partition reassignment through the controller', () => {
  it('moves a replica: the new one catches up, the old one is removed with its log; List shows it while ongoing', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    await createTopic(k1, 'mv', 1, 1);
    const from = (await metadata(k1, ['mv'])).topics[0].partitions[0].leaderId;
    const to = [1, 2, 3].find((n) => n !== from)!;
    const leader = await client(c, from);
    const pr = await leader.send(produceApi, 9, {
      transactionalId: null, acks: -1, timeoutMs: 5000,
      topicData: [{ name: 'mv', partitionData: [{ index: 0, records: Buffer.from(makeBatch({ records: 6, seed: 4 })) }] }],
    });
    expect(pr.responses[0].partitionResponses[0].errorCode).toBe(0);
    // Isolate the target from the other brokers so the reassignment stays in progress long enough to list it.
    c.isolateBroker(to, 'brokers');
    const r = await k1.send(alterReassignmentsApi, 0, { timeoutMs: 1000, topics: [{ name: 'mv', partitions: [{ partitionIndex: 0, replicas: [to] }] }] });
    expect(r.responses[0].partitions[0]).toMatchObject({ errorCode: 0 });
    const listed = await k1.send(listReassignmentsApi, 0, { timeoutMs: 1000, topics: null });
    expect(listed.topics).toEqual([{ name: 'mv', partitions: [{ partitionIndex: 0, replicas: [to, from], addingReplicas: [to], removingReplicas: [from] }] }]);
    c.healBroker(to);
    const done = await until('reassignment complete', () => metadata(k1, ['mv']), (m) => m.topics[0].partitions[0].replicaNodes.join() === String(to), 20_000);
    expect(done.topics[0].partitions[0].leaderId).toBe(to);
    expect(c.broker(to)!.topics.partition('mv', 0)!.log.logEndOffset).toBe(6n);
    await until('old replica log removed', () => existsSync(join(c.dataDir, `broker-${from}`, 'mv-0')), (x) => !x);
    expect((await k1.send(listReassignmentsApi, 0, { timeoutMs: 1000, topics: [{ name: 'mv', partitionIndexes: [0] }] })).topics).toEqual([]);
  }, 40_000);

  it('cancelling with no reassignment, unknown topics and unknown brokers are refused per partition', async () => {
    const c = await start();
    const k3 = await client(c, 3);
    await createTopic(k3, 'r', 1, 2);
    const r = await k3.send(alterReassignmentsApi, 0, {
      timeoutMs: 1000, topics: [
        { name: 'r', partitions: [{ partitionIndex: 0, replicas: null }, { partitionIndex: 0, replicas: [1, 9] }] },
        { name: 'missing', partitions: [{ partitionIndex: 0, replicas: [1] }] },
      ],
    });
    expect(r.errorCode).toBe(0);
    expect(r.responses.map((t) => t.partitions.map((p) => p.errorCode))).toEqual([
      [KafkaError.NO_REASSIGNMENT_IN_PROGRESS.code, KafkaError.INVALID_REPLICA_ASSIGNMENT.code], [KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code],
    ]);
  });
});
