import { afterAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import describeGroupsApi from '../../protocol/schema/15-describe-groups.js';
import joinGroupApi from '../../protocol/schema/11-join-group.js';
import offsetCommitApi from '../../protocol/schema/08-offset-commit.js';
import offsetFetchApi from '../../protocol/schema/09-offset-fetch.js';
import syncGroupApi from '../../protocol/schema/14-sync-group.js';
import { subscription } from '../group-coordinator/test-helpers.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, tempDir, type TestBroker } from '../test-support/test-broker.js';
import { rmSync } from 'node:fs';

const E = (name: string) => KafkaError[name].code;
const part = (partitionIndex: number, committedOffset: bigint, committedMetadata: string | null = null) =>
  ({ partitionIndex, committedOffset, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata });

describe('08-offset-commit / 09-offset-fetch over TCP, and restart persistence', () => {
  const dir = tempDir();
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => { for (const f of cleanups) await f(); rmSync(dir, { recursive: true, force: true }); });

  async function start(): Promise<{ tb: TestBroker; c: KafkaTestClient; stop: () => Promise<void> }> {
    const tb = await startTestBroker({ dataDir: dir, raw: { 'group.initial.rebalance.delay.ms': '0', 'offsets.topic.num.partitions': '4' } });
    const c = await KafkaTestClient.connect(tb.broker.port);
    const stop = async () => { c.close(); await tb.broker.stop(); };
    cleanups.push(stop);
    return { tb, c, stop };
  }

  it('commits from every version, answers per-partition errors, and everything survives a restart', async () => {
    const { tb, c, stop } = await start();
    tb.broker.topics.create('t', { partitions: 3 });

    // Simple consumers (no group management): v0 has no generation at all; v2 carries a retention time.
    expect((await c.send(offsetCommitApi, 0, { groupId: 'simple', topics: [{ name: 't', partitions: [part(0, 5n, 'zero')] }] })).topics[0].partitions[0].errorCode).toBe(0);
    const v2 = await c.send(offsetCommitApi, 2, { groupId: 'simple', generationIdOrMemberEpoch: -1, memberId: '', retentionTimeMs: 86_400_000n,
      topics: [{ name: 't', partitions: [part(1, 6n)] }, { name: 'nope', partitions: [part(0, 1n)] }] });
    expect(v2.topics.map((t) => t.partitions[0].errorCode)).toEqual([0, E('UNKNOWN_TOPIC_OR_PARTITION')]);
    const v8 = await c.send(offsetCommitApi, 8, { groupId: 'simple', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
      topics: [{ name: 't', partitions: [part(2, 2n ** 55n, 'big'), part(9, 1n)] }] });
    expect(v8.topics[0].partitions.map((p) => p.errorCode)).toEqual([0, E('UNKNOWN_TOPIC_OR_PARTITION')]);
    const tooBig = await c.send(offsetCommitApi, 8, { groupId: 'simple', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
      topics: [{ name: 't', partitions: [part(0, 1n, 'x'.repeat(5000))] }] });
    expect(tooBig.topics[0].partitions[0].errorCode).toBe(E('OFFSET_METADATA_TOO_LARGE'));
    const withGeneration = await c.send(offsetCommitApi, 1, { groupId: 'nobody', generationIdOrMemberEpoch: 4, memberId: 'm',
      topics: [{ name: 't', partitions: [part(0, 1n)] }] });
    expect(withGeneration.topics[0].partitions[0].errorCode).toBe(E('ILLEGAL_GENERATION'));

    // A managed group with one member and an assignment.
    const sub = subscription(['t']);
    const j = await c.send(joinGroupApi, 3, { groupId: 'managed', sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId: '',
      protocolType: 'consumer', protocols: [{ name: 'range', metadata: sub }] });
    expect(j.errorCode).toBe(0);
    expect((await c.send(syncGroupApi, 2, { groupId: 'managed', generationId: j.generationId, memberId: j.memberId,
      assignments: [{ memberId: j.memberId, assignment: new Uint8Array([7]) }] })).errorCode).toBe(0);
    expect((await c.send(offsetCommitApi, 5, { groupId: 'managed', generationIdOrMemberEpoch: j.generationId, memberId: j.memberId,
      topics: [{ name: 't', partitions: [part(0, 40n)] }] })).topics[0].partitions[0].errorCode).toBe(0);
    const simpleIntoManaged = await c.send(offsetCommitApi, 5, { groupId: 'managed', generationIdOrMemberEpoch: -1, memberId: '',
      topics: [{ name: 't', partitions: [part(0, 1n)] }] });
    expect(simpleIntoManaged.topics[0].partitions[0].errorCode).toBe(E('UNKNOWN_MEMBER_ID'));

    const fetchAll = async (cl: KafkaTestClient) => {
      const r = await cl.send(offsetFetchApi, 5, { groupId: 'simple', topics: null });
      return r.topics!.flatMap((t) => t.partitions!.map((p) => [t.name, p.partitionIndex, p.committedOffset, p.metadata]));
    };
    const expected = [['t', 0, 5n, 'zero'], ['t', 1, 6n, ''], ['t', 2, 2n ** 55n, 'big']];
    expect(await fetchAll(c)).toEqual(expected);
    // v1: per-partition answer, -1 for nothing committed.
    const v1 = await c.send(offsetFetchApi, 1, { groupId: 'simple', topics: [{ name: 't', partitionIndexes: [0] }, { name: 'u', partitionIndexes: [3] }] });
    expect(v1.topics!.map((t) => t.partitions![0].committedOffset)).toEqual([5n, -1n]);
    await stop();

    // Same data dir: the groups and offsets come back from __consumer_offsets.
    const again = await start();
    expect(await fetchAll(again.c)).toEqual(expected);
    const managed = await again.c.send(offsetFetchApi, 8, { groups: [{ groupId: 'managed', topics: null }], requireStable: true });
    expect(managed.groups![0].topics![0].partitions![0].committedOffset).toBe(40n);
    const d = await again.c.send(describeGroupsApi, 4, { groups: ['managed'], includeAuthorizedOperations: false });
    expect(d.groups[0]).toMatchObject({ groupState: 'Stable', protocolData: 'range' });
    expect(d.groups[0].members).toMatchObject([{ memberId: j.memberId, memberAssignment: new Uint8Array([7]), clientId: 'test-client' }]);
    await again.stop();
  });
});
