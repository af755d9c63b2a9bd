// 43-elect-leaders, 45-alter-partition-reassignments and 46-list-partition-reassignments on a standalone
// broker (the cluster behaviour is tested in src-main/cluster/cluster-elections.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import electLeadersApi from '../../protocol/schema/43-elect-leaders.js';
import alterReassignmentsApi from '../../protocol/schema/45-alter-partition-reassignments.js';
import listReassignmentsApi from '../../protocol/schema/46-list-partition-reassignments.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

describe('elections and reassignments on a standalone broker', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker();
    tb.broker.topics.create('t', { partitions: 2 });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([0, 1, 2])('ElectLeaders v%i: every partition already has its only leader; unknown ones are named', async (v) => {
    const r = await c.send(electLeadersApi, v, { electionType: 0, topicPartitions: [{ topic: 't', partitions: [0, 5] }], timeoutMs: 1000 });
    expect(r.replicaElectionResults).toEqual([{ topic: 't', partitionResult: [
      { partitionId: 0, errorCode: KafkaError.ELECTION_NOT_NEEDED.code, errorMessage: expect.any(String) },
      { partitionId: 5, errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, errorMessage: 't-5 does not exist' },
    ] }]);
    // All partitions: those that needed no election are left out.
    expect((await c.send(electLeadersApi, v, { electionType: v === 0 ? 0 : 1, topicPartitions: null, timeoutMs: 1000 })).replicaElectionResults).toEqual([]);
  });

  it('AlterPartitionReassignments: only this broker is a valid target; cancelling finds nothing in progress', async () => {
    const r = await c.send(alterReassignmentsApi, 0, { timeoutMs: 1000, topics: [{ name: 't', partitions: [
      { partitionIndex: 0, replicas: [tb.broker.nodeId] }, { partitionIndex: 1, replicas: [2] }, { partitionIndex: 0, replicas: null },
    ] }, { name: 'u', partitions: [{ partitionIndex: 0, replicas: [1] }] }] });
    expect(r.responses.map((t) => t.partitions.map((p) => p.errorCode))).toEqual([
      [0, KafkaError.INVALID_REPLICA_ASSIGNMENT.code, KafkaError.NO_REASSIGNMENT_IN_PROGRESS.code], [KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code],
    ]);
  });

  it('ListPartitionReassignments: none', async () => {
    expect(await c.send(listReassignmentsApi, 0, { timeoutMs: 1000, topics: null })).toMatchObject({ errorCode: 0, topics: [] });
  });
});
