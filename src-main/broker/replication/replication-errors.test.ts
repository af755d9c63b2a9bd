// Replication's error paths: misuse of the ReplicaManager, the follower's connection failures, fetch
// errors with backoff and recovery, and the follower's out-of-range handling (below the leader's log start,
// or ahead of it without epochs to compare), plus a reassignment that moves a replica off a broker.
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fetchApi from '../../protocol/schema/01-fetch.js';
import produceApi from '../../protocol/schema/00-produce.js';
import deleteRecordsApi from '../../protocol/schema/21-delete-records.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, waitFor, type TestBroker } from '../test-support/test-broker.js';
import { replicaManager, ReplicationError } from './index.js';
import { ReplicaClient, ReplicaClientError } from './replica-client.js';
import { TestReplicationCluster } from './test-helpers.js';
import type { PartitionState, ReplicationPorts } from './partition-state.js';

const state = (topic: string, over: Partial<PartitionState> = {}): PartitionState => ({
  topic, topicId: 'id', partition: 0, leader: 1, leaderEpoch: 0, partitionEpoch: 0, replicas: [1], isr: [1], addingReplicas: [], removingReplicas: [], ...over,
});
const ports: ReplicationPorts = { brokerAddress: () => null, alterPartition: async () => ({ ok: false, error: 'X', message: 'x' }), brokerEpoch: () => 0n };

describe('ReplicaManager misuse', () => {
  let tb: TestBroker;
  beforeAll(async () => { tb = await startTestBroker(); tb.broker.topics.create('t'); });
  afterAll(async () => tb.cleanup());

  it('refuses partition states before attach, for unknown partitions, and after close', async () => {
    const rm = replicaManager(tb.broker);
    expect(() => rm.applyPartitionState(state('t'))).toThrow(expect.objectContaining({ code: 'NOT_ATTACHED' }));
    expect(tb.broker.topics.partition('t', 0)!.role).toBeNull(); // standalone behaviour untouched
    rm.attach(ports);
    const err = (() => { try { rm.applyPartitionState(state('nope')); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(ReplicationError);
    expect((err as ReplicationError).code).toBe('UNKNOWN_PARTITION');
    rm.applyPartitionState(state('t')); // a single-replica leader
    expect(rm.replication('t')[0]).toMatchObject({ leader: 1, leaderEpoch: 0, highWatermark: 0n, replicas: [{ nodeId: 1, inIsr: true, lag: 0n }] });
    await rm.close();
    expect(() => rm.applyPartitionState(state('t'))).toThrow(expect.objectContaining({ code: 'CLOSED' }));
    expect(() => rm.attach(ports)).toThrow(expect.objectContaining({ code: 'CLOSED' }));
  });
});

describe('ReplicaClient failures', () => {
  let server: Server | null = null;
  afterEach(() => { server?.close(); server = null; });
  const listen = (onConn: (s: import('node:net').Socket) => void) => new Promise<number>((resolve) => {
    server = createServer(onConn);
    server.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port));
  });
  const fetchBody = { replicaId: 2, maxWaitMs: 0, minBytes: 1, maxBytes: 100, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [], forgottenTopicsData: [], rackId: '' };

  it('connect: a port nobody listens on', async () => {
    const port = await listen(() => {});
    server!.close();
    await new Promise((r) => setTimeout(r, 20));
    await expect(ReplicaClient.connect('127.0.0.1', port, 'f', 2000)).rejects.toMatchObject({ name: 'ReplicaClientError', kind: 'connect' });
  });

  it('timeout: a leader that never answers (a paused broker)', async () => {
    const port = await listen(() => {});
    const client = await ReplicaClient.connect('127.0.0.1', port, 'f', 2000);
    await expect(client.send(fetchApi, 12, fetchBody, 100)).rejects.toMatchObject({ kind: 'timeout' });
    expect(client.isClosed).toBe(true);
    await expect(client.send(fetchApi, 12, fetchBody, 100)).rejects.toBeInstanceOf(ReplicaClientError);
  });

  it('protocol: an answer with the wrong correlation id; closed: the leader hangs up', async () => {
    const port = await listen((s) => s.once('data', () => s.write(Buffer.from([0, 0, 0, 4, 0, 0, 0, 99]))));
    const client = await ReplicaClient.connect('127.0.0.1', port, 'f', 2000);
    await expect(client.send(fetchApi, 12, fetchBody, 2000)).rejects.toMatchObject({ kind: 'protocol' });
    const port2 = await new Promise<number>((resolve) => {
      const s2 = createServer((s) => s.once('data', () => s.destroy()));
      s2.listen(0, '127.0.0.1', () => resolve((s2.address() as { port: number }).port));
      setTimeout(() => s2.close(), 3000).unref();
    });
    const c2 = await ReplicaClient.connect('127.0.0.1', port2, 'f', 2000);
    await expect(c2.send(fetchApi, 12, fetchBody, 2000)).rejects.toMatchObject({ kind: 'closed' });
  });
});

describe('follower recovery paths on three brokers', () => {
  let c: TestReplicationCluster;
  beforeAll(async () => { c = await TestReplicationCluster.start({ raw: { 'replica.fetch.backoff.ms': '100', 'replica.lag.time.max.ms': '5000' } }); });
  afterAll(async () => { await c.close(); });
  const logOf = (id: number, topic: string) => c.broker(id).topics.partition(topic, 0)!.log;
  const produce = async (id: number, topic: string, n: number, acks = 1) => {
    const k = await KafkaTestClient.connect(c.broker(id).port);
    const r = await k.send(produceApi, 9, { transactionalId: null, acks, timeoutMs: 10_000, topicData: [{ name: topic, partitionData: [{ index: 0, records: makeBatch({ records: n }) }] }] });
    k.close();
    return r.responses[0].partitionResponses[0];
  };

  it('an unreachable leader: the fetcher backs off and warns, then catches up once it can connect', async () => {
    c.unreachable.add(1);
    c.createTopic('unreach', [[1, 2]]);
    expect((await produce(1, 'unreach', 3)).errorCode).toBe(0);
    await waitFor(() => c.logs.some((l) => l.startsWith('[2] WARN replica fetcher 2->1: leader 1 has no known address')), 5000, 'warning');
    expect(logOf(2, 'unreach').logEndOffset).toBe(0n);
    c.unreachable.delete(1);
    await c.waitInSync('unreach');
  });

  it('metadata reaching the follower before the leader: UNKNOWN_LEADER_EPOCH, backoff, then fetching resumes', async () => {
    c.createTopic('lag', [[1, 2]]);
    const s = c.state('lag');
    const next = { ...s, leaderEpoch: s.leaderEpoch + 1, partitionEpoch: s.partitionEpoch + 1 };
    c.push(next, 2); // the follower is told epoch 1 first
    expect((await produce(1, 'lag', 2)).errorCode).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(logOf(2, 'lag').logEndOffset).toBe(0n); // fenced fetches got nothing
    c.push(next, 1);
    await c.waitInSync('lag');
    expect(logOf(2, 'lag').leaderEpochs.list()).toEqual([{ epoch: 0, startOffset: 0n }]); // no batch of epoch 1 yet
  });

  it('a partition whose follower log refuses the leader\'s batches backs off alone; others keep replicating', async () => {
    c.createTopic('drift', [[1, 2]], {}, false);
    c.createTopic('fine', [[1, 2]], {}, false);
    c.broker(2).topics.setConfigs('drift', { 'cleanup.policy': 'compact' }); // keyless records are refused there
    c.pushAll();
    const k = await KafkaTestClient.connect(c.broker(1).port);
    const keyless = makeBatch({ keys: [null, null] });
    for (const topic of ['drift', 'fine']) {
      const r = await k.send(produceApi, 9, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: keyless }] }] });
      expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
    }
    k.close();
    await c.waitInSync('fine');
    await waitFor(() => c.logs.some((l) => l.includes('[2] WARN drift-0: follower append from leader 1 failed')), 5000, 'warning');
    expect(logOf(2, 'drift').logEndOffset).toBe(0n);
    expect((await produce(1, 'fine', 1)).errorCode).toBe(0);
    await c.waitInSync('fine');
  });

  it('a follower ahead of the leader without epochs truncates to the leader\'s end (OffsetForLeaderEpoch); one with an unknown HW to its HW', async () => {
    c.createTopic('ahead', [[1, 2, 3]], {}, false);
    logOf(1, 'ahead').append(makeBatch({ records: 2, seed: 1 }), { leaderEpoch: 0 });
    logOf(1, 'ahead').setHighWatermark(2n);
    for (const id of [2, 3]) logOf(id, 'ahead').append(makeBatch({ records: 5, seed: 9 })); // epoch -1: no history
    logOf(2, 'ahead').setHighWatermark(5n); // 2 believes all 5 committed; 3 believes none
    c.pushAll();
    await c.waitInSync('ahead');
    const leader = logOf(1, 'ahead').read(0n, 1 << 20).bytes;
    expect(logOf(2, 'ahead').read(0n, 1 << 20).bytes.equals(leader)).toBe(true);
    expect(logOf(3, 'ahead').read(0n, 1 << 20).bytes.equals(leader)).toBe(true);
    expect(c.logs.some((l) => l.startsWith('[2]') && l.includes('ahead of leader 1 (its end 2); truncating'))).toBe(true);
  });

  it('a new replica below the leader\'s log start starts over there; the reassignment completes and stops the removed replica', async () => {
    c.createTopic('move', [[1, 2]]);
    expect((await produce(1, 'move', 5, -1)).errorCode).toBe(0);
    logOf(1, 'move').deleteRecordsBefore(3n);
    c.reassign('move', 0, [2, 3]); // adding 3, removing 1
    await waitFor(() => c.state('move').replicas.join() === '2,3', 10_000, 'reassignment complete');
    expect(c.logs.some((l) => l.startsWith('[3]') && l.includes("below leader 1's log start 3"))).toBe(true);
    expect(logOf(3, 'move').logStartOffset).toBe(3n);
    expect(logOf(3, 'move').logEndOffset).toBe(5n);
    const s = c.state('move');
    expect(s.leader).toBe(2);
    expect(c.broker(1).topics.partition('move', 0)!.role).toEqual({ kind: 'stopped' });
    expect(c.manager(1).replication('move')).toEqual([]);
    expect((await produce(1, 'move', 1)).errorCode).toBe(6); // NOT_LEADER_OR_FOLLOWER
    const k3 = await KafkaTestClient.connect(c.broker(3).port);
    const dr = await k3.send(deleteRecordsApi, 2, { topics: [{ name: 'move', partitions: [{ partitionIndex: 0, offset: 4n }] }], timeoutMs: 1000 });
    k3.close();
    expect(dr.topics[0].partitions[0].errorCode).toBe(6); // a follower does not move its log start on request
    expect((await produce(2, 'move', 1, -1)).errorCode).toBe(0);
    await c.waitInSync('move');
  });
});
