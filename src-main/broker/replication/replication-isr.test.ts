// ISR management on three real brokers with replica.lag.time.max.ms = 1000: a paused follower leaves the
// ISR (through the controller's real alterPartition, with its reason) and returns after resume and catch-up;
// acks=all gets NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks below the minimum while it waits,
// REQUEST_TIMED_OUT past its timeout, NOT_LEADER_OR_FOLLOWER when leadership moves; the readout shows it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import produceApi from '../../protocol/schema/00-produce.js';
import fetchApi from '../../protocol/schema/01-fetch.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { waitFor } from '../test-support/test-broker.js';
import { TestReplicationCluster } from './test-helpers.js';

const body = (topic: string, records: Uint8Array, acks: number, timeoutMs: number) =>
  ({ transactionalId: null, acks, timeoutMs, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });

describe('ISR shrink and expand', () => {
  let c: TestReplicationCluster;
  let k: KafkaTestClient;
  const produce = async (topic: string, records: Uint8Array, acks = -1, timeoutMs = 15_000) =>
    (await k.send(produceApi, 9, body(topic, records, acks, timeoutMs))).responses[0].partitionResponses[0];

  beforeAll(async () => {
    c = await TestReplicationCluster.start({ raw: { 'replica.lag.time.max.ms': '1000', 'replica.fetch.backoff.ms': '100' } });
    k = await KafkaTestClient.connect(c.broker(1).port);
  });
  afterAll(async () => { k.close(); await c.close(); });

  it('a paused follower leaves the ISR after the lag time, with the reason, and rejoins after resume and catch-up', async () => {
    c.createTopic('pause', [[1, 2, 3]]);
    expect((await produce('pause', makeBatch({ records: 2 }))).errorCode).toBe(0);
    c.faults.get(3)!.set({ paused: true });
    // Keep the leader's log end moving so the paused follower is behind.
    expect((await produce('pause', makeBatch({ records: 2 }), 1)).errorCode).toBe(0);
    await waitFor(() => c.state('pause').isr.join() === '1,2', 10_000, 'ISR shrinks to 1,2');
    const shrink = c.alterRequests.find((r) => r.topic === 'pause' && r.removed.length > 0)!;
    expect(shrink.removed[0]).toMatchObject({ id: 3 });
    expect(shrink.removed[0].reason).toMatch(/^replica 3 not caught up for \d+ ms \(replica\.lag\.time\.max\.ms 1000\)$/);
    const out = c.manager(1).replication('pause')[0].replicas.find((r) => r.nodeId === 3)!;
    expect(out).toMatchObject({ inIsr: false, logEndOffset: 2n, lag: 2n });
    expect(out.outOfSyncReason).toContain('replica 3 not caught up');
    // With 3 out, acks=all completes on 1 and 2 alone.
    expect((await produce('pause', makeBatch({ records: 1 }))).errorCode).toBe(0);
    c.faults.get(3)!.set({ paused: false });
    await waitFor(() => c.state('pause').isr.slice().sort().join() === '1,2,3', 10_000, 'ISR re-expands');
    const back = c.manager(1).replication('pause')[0];
    expect(back.replicas.find((r) => r.nodeId === 3)).toMatchObject({ inIsr: true, outOfSyncReason: null, lag: 0n, logEndOffset: 5n });
    expect(back.highWatermark).toBe(5n);
    expect(back.epochHistory).toEqual([{ epoch: 0, startOffset: 0n }]);
  });

  it('NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks below min.insync.replicas during the wait', async () => {
    c.createTopic('after', [[1, 2, 3]], { 'min.insync.replicas': '3' });
    await c.waitInSync('after');
    c.faults.get(2)!.set({ isolatedFromBrokers: true });
    try {
      const r = await produce('after', makeBatch({ records: 3 }));
      expect(r.errorCode).toBe(KafkaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND.code);
      expect(r.errorMessage).toContain('min.insync.replicas 3');
      expect(c.broker(1).topics.partition('after', 0)!.log.logEndOffset).toBe(3n); // the records are in the log
      expect(c.state('after').isr).toEqual([1, 3]);
      // Now below the minimum before the append.
      expect((await produce('after', makeBatch())).errorCode).toBe(KafkaError.NOT_ENOUGH_REPLICAS.code);
    } finally {
      c.faults.get(2)!.clear();
    }
    await waitFor(() => c.state('after').isr.length === 3, 10_000, 'ISR back to 3');
    expect((await produce('after', makeBatch())).errorCode).toBe(0);
  });

  it('REQUEST_TIMED_OUT when the ISR does not reach the batch within the request timeout', async () => {
    c.createTopic('slow', [[1, 2, 3]]);
    await c.waitInSync('slow');
    c.faults.get(2)!.set({ fetchDelayMs: 800 });
    c.faults.get(3)!.set({ fetchDelayMs: 800 });
    try {
      const r = await produce('slow', makeBatch(), -1, 100);
      expect(r.errorCode).toBe(KafkaError.REQUEST_TIMED_OUT.code);
      // Slow but alive followers catch up, so the HW still gets there.
      await waitFor(() => c.broker(1).topics.partition('slow', 0)!.log.highWatermark === 1n, 10_000, 'HW 1');
    } finally {
      c.faults.get(2)!.clear();
      c.faults.get(3)!.clear();
    }
  });

  it('a waiting acks=all produce gets NOT_LEADER_OR_FOLLOWER when leadership moves', async () => {
    c.createTopic('moved', [[1, 2, 3]]);
    await c.waitInSync('moved');
    c.faults.get(2)!.set({ isolatedFromBrokers: true });
    c.faults.get(3)!.set({ isolatedFromBrokers: true });
    const pending = produce('moved', makeBatch());
    await waitFor(() => c.broker(1).topics.partition('moved', 0)!.log.logEndOffset === 1n, 5000, 'appended');
    // A consumer long-polling at the HW (0: nothing committed) on the same leader.
    const consumer = await KafkaTestClient.connect(c.broker(1).port);
    const polling = consumer.send(fetchApi, 12, {
      replicaId: -1, maxWaitMs: 25_000, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: 'moved', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [], rackId: '',
    });
    await new Promise((r) => setTimeout(r, 100));
    const s = c.state('moved');
    // A new leader epoch with 2 leading, pushed to 1 as the cluster would after an election.
    c.manager(1).applyPartitionState({ ...s, leader: 2, leaderEpoch: s.leaderEpoch + 1, partitionEpoch: s.partitionEpoch + 1 });
    const r = await pending;
    expect(r.errorCode).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER.code);
    // The waiting consumer is answered at once (well before its 25 s wait), with the same error.
    const polled = await Promise.race([polling, new Promise<'late'>((res) => setTimeout(() => res('late'), 10_000))]);
    expect(polled).not.toBe('late');
    if (polled !== 'late') expect(polled.responses[0].partitions[0].errorCode).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER.code);
    consumer.close();
    c.faults.get(2)!.clear();
    c.faults.get(3)!.clear();
    // Stale metadata (an older leader epoch) is ignored.
    c.manager(1).applyPartitionState(s);
    expect(c.broker(1).topics.partition('moved', 0)!.role?.kind).toBe('follower');
  });

  it('an AlterPartition the controller refuses leaves the committed ISR as it was', async () => {
    c.createTopic('refused', [[1, 2, 3]]);
    await c.waitInSync('refused');
    const ls = c.manager(1).leaderOf('refused', 0)!;
    // The leader proposes from an outdated partition epoch: the real controller answers INVALID_UPDATE_VERSION.
    const stale = { ...ls.state, partitionEpoch: ls.state.partitionEpoch - 1 };
    ls.onAlterResult({ ...stale, leaderId: 1, newIsr: [1, 2], removed: [{ id: 3, reason: 'test' }], added: [] },
      { ok: false, error: 'INVALID_UPDATE_VERSION', message: 'stale' });
    expect(ls.isr).toEqual([1, 2, 3]);
    c.faults.get(1)!.set({ isolatedFromBrokers: true }); // a leader cut off from the controller proposes nothing
    const before = c.alterRequests.length;
    c.manager(1).checkIsr();
    expect(c.alterRequests.length).toBe(before);
    c.faults.get(1)!.clear();
  });
});
