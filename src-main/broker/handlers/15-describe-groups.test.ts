import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import deleteGroupsApi from '../../protocol/schema/42-delete-groups.js';
import describeGroupsApi from '../../protocol/schema/15-describe-groups.js';
import heartbeatApi from '../../protocol/schema/12-heartbeat.js';
import joinGroupApi from '../../protocol/schema/11-join-group.js';
import listGroupsApi from '../../protocol/schema/16-list-groups.js';
import offsetCommitApi from '../../protocol/schema/08-offset-commit.js';
import offsetDeleteApi from '../../protocol/schema/47-offset-delete.js';
import syncGroupApi from '../../protocol/schema/14-sync-group.js';
import { subscription } from '../group-coordinator/test-helpers.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

const E = (name: string) => KafkaError[name].code;
const SUB = subscription(['t']);

// DescribeGroups, ListGroups, DeleteGroups and OffsetDelete over TCP, plus static membership and the
// SyncGroup v5 protocol check, against one running group ("live", static member "inst-1") and one
// simple-consumer group ("simple").
describe('group admin handlers over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  let memberId = '';
  beforeAll(async () => {
    tb = await startTestBroker({ raw: { 'group.initial.rebalance.delay.ms': '0' } });
    tb.broker.topics.create('t', { partitions: 2 });
    tb.broker.topics.create('old', { partitions: 1 });
    c = await KafkaTestClient.connect(tb.broker.port, '127.0.0.1', 'admin-test');
    const j = await c.send(joinGroupApi, 5, { groupId: 'live', sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId: '',
      groupInstanceId: 'inst-1', protocolType: 'consumer', protocols: [{ name: 'range', metadata: SUB }] });
    expect(j.errorCode).toBe(0); // static members skip MEMBER_ID_REQUIRED
    memberId = j.memberId;
    const s = await c.send(syncGroupApi, 5, { groupId: 'live', generationId: 1, memberId, groupInstanceId: 'inst-1',
      protocolType: 'consumer', protocolName: 'range', assignments: [{ memberId, assignment: new Uint8Array([4, 2]) }] });
    expect(s).toMatchObject({ errorCode: 0, protocolType: 'consumer', protocolName: 'range', assignment: new Uint8Array([4, 2]) });
    for (const [name, p] of [['t', 0], ['old', 0]] as const) {
      await c.send(offsetCommitApi, 7, { groupId: 'live', generationIdOrMemberEpoch: 1, memberId, groupInstanceId: 'inst-1',
        topics: [{ name, partitions: [{ partitionIndex: p, committedOffset: 3n, committedLeaderEpoch: -1, committedMetadata: null }] }] });
    }
    await c.send(offsetCommitApi, 2, { groupId: 'simple', generationIdOrMemberEpoch: -1, memberId: '', retentionTimeMs: -1n,
      topics: [{ name: 't', partitions: [{ partitionIndex: 1, committedOffset: 9n, committedMetadata: null }] }] });
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it('SyncGroup v5 checks protocol type and name; a restarted static member is fenced in', async () => {
    const wrong = await c.send(syncGroupApi, 5, { groupId: 'live', generationId: 1, memberId, groupInstanceId: 'inst-1',
      protocolType: 'consumer', protocolName: 'roundrobin', assignments: [] });
    expect(wrong.errorCode).toBe(E('INCONSISTENT_GROUP_PROTOCOL'));
    const fenced = await c.send(heartbeatApi, 3, { groupId: 'live', generationId: 1, memberId: 'stale', groupInstanceId: 'inst-1' });
    expect(fenced.errorCode).toBe(E('FENCED_INSTANCE_ID'));
  });

  it('DescribeGroups v0-5: members, metadata and assignment of a stable group; Dead for unknown groups', async () => {
    for (const v of [0, 3, 5]) {
      const r = await c.send(describeGroupsApi, v, v >= 3 ? { groups: ['live', 'ghost'], includeAuthorizedOperations: true } : { groups: ['live', 'ghost'] });
      expect(r.groups[0]).toMatchObject({ errorCode: 0, groupId: 'live', groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
      expect(r.groups[0].members[0]).toMatchObject({ memberId, clientId: 'admin-test', clientHost: '/127.0.0.1',
        memberMetadata: SUB, memberAssignment: new Uint8Array([4, 2]) });
      if (v >= 4) expect(r.groups[0].members[0].groupInstanceId).toBe('inst-1');
      if (v >= 3) expect(r.groups[0].authorizedOperations).toBe((1 << 3) | (1 << 6) | (1 << 8));
      expect(r.groups[1]).toMatchObject({ errorCode: 0, groupId: 'ghost', groupState: 'Dead', members: [] });
    }
  });

  it('ListGroups v0-5 with state (v4+) and type (v5+) filters', async () => {
    const all = await c.send(listGroupsApi, 0, {});
    expect(all.groups.map((g) => [g.groupId, g.protocolType]).sort()).toEqual([['live', 'consumer'], ['simple', '']]);
    const stable = await c.send(listGroupsApi, 4, { statesFilter: ['Stable'] });
    expect(stable.groups).toEqual([{ groupId: 'live', protocolType: 'consumer', groupState: 'Stable' }]);
    const typed = await c.send(listGroupsApi, 5, { statesFilter: [], typesFilter: ['consumer'] });
    expect(typed.groups).toEqual([]);
    const classic = await c.send(listGroupsApi, 5, { statesFilter: ['empty'], typesFilter: ['classic'] });
    expect(classic.groups).toEqual([{ groupId: 'simple', protocolType: '', groupState: 'Empty', groupType: 'classic' }]);
  });

  it('OffsetDelete: GROUP_SUBSCRIBED_TO_TOPIC for what the group reads, deletes the rest', async () => {
    const r = await c.send(offsetDeleteApi, 0, { groupId: 'live', topics: [
      { name: 't', partitions: [{ partitionIndex: 0 }] }, { name: 'old', partitions: [{ partitionIndex: 0 }] },
      { name: 'nope', partitions: [{ partitionIndex: 0 }] }] });
    expect(r.errorCode).toBe(0);
    expect(r.topics.map((t) => t.partitions[0].errorCode)).toEqual([E('GROUP_SUBSCRIBED_TO_TOPIC'), 0, E('UNKNOWN_TOPIC_OR_PARTITION')]);
    expect((await c.send(offsetDeleteApi, 0, { groupId: 'ghost', topics: [] })).errorCode).toBe(E('GROUP_ID_NOT_FOUND'));
  });

  it('DeleteGroups v0-2: NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, and deletion of an empty group', async () => {
    const r = await c.send(deleteGroupsApi, 2, { groupsNames: ['live', 'ghost', 'simple'] });
    expect(r.results).toEqual([
      { groupId: 'live', errorCode: E('NON_EMPTY_GROUP') },
      { groupId: 'ghost', errorCode: E('GROUP_ID_NOT_FOUND') },
      { groupId: 'simple', errorCode: 0 },
    ]);
    expect((await c.send(deleteGroupsApi, 0, { groupsNames: ['simple'] })).results[0].errorCode).toBe(E('GROUP_ID_NOT_FOUND'));
  });
});
