import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import heartbeatApi from '../../protocol/schema/12-heartbeat.js';
import joinGroupApi from '../../protocol/schema/11-join-group.js';
import leaveGroupApi from '../../protocol/schema/13-leave-group.js';
import offsetCommitApi from '../../protocol/schema/08-offset-commit.js';
import offsetFetchApi from '../../protocol/schema/09-offset-fetch.js';
import syncGroupApi from '../../protocol/schema/14-sync-group.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';
import { subscription } from '../group-coordinator/test-helpers.js';

const E = (name: string) => KafkaError[name].code;
const SUB = subscription(['orders']);

describe('classic group over TCP: join, sync, heartbeat, commit, fetch, leave', () => {
  let tb: TestBroker;
  let a: KafkaTestClient;
  let b: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker({ raw: { 'group.initial.rebalance.delay.ms': '0' } });
    tb.broker.topics.create('orders', { partitions: 2 });
    a = await KafkaTestClient.connect(tb.broker.port, '127.0.0.1', 'client-a');
    b = await KafkaTestClient.connect(tb.broker.port, '127.0.0.1', 'client-b');
  });
  afterAll(async () => { a.close(); b.close(); await tb.cleanup(); });

  const join = (c: KafkaTestClient, memberId: string, v = 5) => c.send(joinGroupApi, v, {
    groupId: 'grp', sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId, groupInstanceId: null,
    protocolType: 'consumer', protocols: [{ name: 'range', metadata: SUB }], reason: null,
  });
  const sync = (c: KafkaTestClient, memberId: string, generationId: number, assignments: { memberId: string; assignment: Uint8Array }[] = []) =>
    c.send(syncGroupApi, 3, { groupId: 'grp', generationId, memberId, groupInstanceId: null, assignments });
  const heartbeat = (c: KafkaTestClient, memberId: string, generationId: number) =>
    c.send(heartbeatApi, 3, { groupId: 'grp', generationId, memberId, groupInstanceId: null });

  it('runs a full cycle with two members, then rebalances when one leaves', async () => {
    // A: the MEMBER_ID_REQUIRED round trip (v4+), then a generation of its own.
    const first = await join(a, '');
    expect(first.errorCode).toBe(E('MEMBER_ID_REQUIRED'));
    expect(first.memberId).toMatch(/^client-a-/);
    const a1 = await join(a, first.memberId);
    expect(a1).toMatchObject({ errorCode: 0, generationId: 1, leader: first.memberId, protocolName: 'range' });
    expect(a1.members).toEqual([{ memberId: first.memberId, groupInstanceId: null, metadata: SUB }]);
    const aId = first.memberId;
    expect((await sync(a, aId, 1, [{ memberId: aId, assignment: new Uint8Array([1, 1]) }])).assignment).toEqual(new Uint8Array([1, 1]));
    expect((await heartbeat(a, aId, 1)).errorCode).toBe(0);

    // B arrives: its JoinGroup waits until A rejoins, which A learns from its heartbeat.
    const bId = (await join(b, '')).memberId;
    const bJoin = join(b, bId);
    await waitForRebalance(() => heartbeat(a, aId, 1));
    const [a2, b2] = await Promise.all([join(a, aId), bJoin]);
    expect(a2).toMatchObject({ errorCode: 0, generationId: 2, leader: aId });
    expect(a2.members.map((m) => m.memberId).sort()).toEqual([aId, bId].sort());
    expect(b2).toMatchObject({ errorCode: 0, generationId: 2, leader: aId, members: [] });

    // The follower waits in SyncGroup until the leader's assignment arrives.
    const bSync = sync(b, bId, 2);
    const aSync = await sync(a, aId, 2, [{ memberId: aId, assignment: new Uint8Array([0]) }, { memberId: bId, assignment: new Uint8Array([1]) }]);
    expect(aSync).toMatchObject({ errorCode: 0, assignment: new Uint8Array([0]) });
    expect((await bSync).assignment).toEqual(new Uint8Array([1]));
    expect((await heartbeat(b, bId, 2)).errorCode).toBe(0);
    expect((await heartbeat(b, bId, 1)).errorCode).toBe(E('ILLEGAL_GENERATION'));
    expect((await heartbeat(b, 'nobody', 2)).errorCode).toBe(E('UNKNOWN_MEMBER_ID'));

    // Commits with the generation, then read back (v7 single group and v8 multi-group forms).
    const commit = (c: KafkaTestClient, memberId: string, partitionIndex: number, offset: bigint, generation = 2) =>
      c.send(offsetCommitApi, 7, { groupId: 'grp', generationIdOrMemberEpoch: generation, memberId, groupInstanceId: null,
        topics: [{ name: 'orders', partitions: [{ partitionIndex, committedOffset: offset, committedLeaderEpoch: 0, committedMetadata: `by ${memberId}` }] }] });
    expect((await commit(a, aId, 0, 11n)).topics[0].partitions[0].errorCode).toBe(0);
    expect((await commit(b, bId, 1, 22n)).topics[0].partitions[0].errorCode).toBe(0);
    expect((await commit(b, bId, 1, 23n, 1)).topics[0].partitions[0].errorCode).toBe(E('ILLEGAL_GENERATION'));
    const f7 = await a.send(offsetFetchApi, 7, { groupId: 'grp', topics: [{ name: 'orders', partitionIndexes: [0, 1] }], requireStable: true });
    expect(f7.errorCode).toBe(0);
    expect(f7.topics![0].partitions!.map((p) => [p.committedOffset, p.metadata, p.committedLeaderEpoch])).toEqual([[11n, `by ${aId}`, 0], [22n, `by ${bId}`, 0]]);
    const f8 = await a.send(offsetFetchApi, 8, { groups: [{ groupId: 'grp', topics: null }, { groupId: 'other', topics: [{ name: 'orders', partitionIndexes: [0] }] }], requireStable: false });
    expect(f8.groups!.map((g) => g.topics!.flatMap((t) => t.partitions!.map((p) => p.committedOffset)))).toEqual([[11n, 22n], [-1n]]);

    // B leaves: A is told to rejoin and becomes the only member of generation 3.
    expect((await b.send(leaveGroupApi, 3, { groupId: 'grp', members: [{ memberId: bId, groupInstanceId: null }] })).members)
      .toEqual([{ memberId: bId, groupInstanceId: null, errorCode: 0 }]);
    expect((await heartbeat(a, aId, 2)).errorCode).toBe(E('REBALANCE_IN_PROGRESS'));
    const a3 = await join(a, aId);
    expect(a3).toMatchObject({ errorCode: 0, generationId: 3, leader: aId });
    expect(a3.members.map((m) => m.memberId)).toEqual([aId]);
  });

  it('answers old and new JoinGroup versions in their own shapes', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port, '127.0.0.1', 'old');
    try {
      const body = { groupId: 'versions', sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId: '', groupInstanceId: null,
        protocolType: 'consumer', protocols: [{ name: 'range', metadata: SUB }], reason: null };
      const v0 = await c.send(joinGroupApi, 0, body); // no MEMBER_ID_REQUIRED before v4
      expect(v0).toMatchObject({ errorCode: 0, generationId: 1, protocolName: 'range' });
      const bad = await c.send(joinGroupApi, 7, { ...body, memberId: 'x', protocolType: 'connect' });
      expect(bad).toMatchObject({ errorCode: E('INCONSISTENT_GROUP_PROTOCOL'), protocolName: null, protocolType: null });
      const bad2 = await c.send(joinGroupApi, 2, { ...body, memberId: 'x', protocolType: 'connect' });
      expect(bad2).toMatchObject({ errorCode: E('INCONSISTENT_GROUP_PROTOCOL'), protocolName: '' });
      const timeout = await c.send(joinGroupApi, 9, { ...body, sessionTimeoutMs: 1 });
      expect(timeout.errorCode).toBe(E('INVALID_SESSION_TIMEOUT'));
      const leave0 = await c.send(leaveGroupApi, 0, { groupId: 'versions', memberId: 'nobody' });
      expect(leave0.errorCode).toBe(E('UNKNOWN_MEMBER_ID'));
      const leave1 = await c.send(leaveGroupApi, 1, { groupId: 'versions', memberId: v0.memberId });
      expect(leave1.errorCode).toBe(0);
    } finally {
      c.close();
    }
  });
});

/** Heartbeats until the coordinator reports a rebalance (the second member's join starts one). */
async function waitForRebalance(beat: () => Promise<{ errorCode: number }>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await beat()).errorCode === KafkaError.REBALANCE_IN_PROGRESS.code) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no rebalance signalled');
}
