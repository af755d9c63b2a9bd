import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDef } from '../../protocol/index.js';
import deleteGroupsApi from '../../protocol/schema/42-delete-groups.js';
import describeGroupsApi from '../../protocol/schema/15-describe-groups.js';
import findCoordinatorApi from '../../protocol/schema/10-find-coordinator.js';
import heartbeatApi from '../../protocol/schema/12-heartbeat.js';
import joinGroupApi from '../../protocol/schema/11-join-group.js';
import leaveGroupApi from '../../protocol/schema/13-leave-group.js';
import listGroupsApi from '../../protocol/schema/16-list-groups.js';
import offsetCommitApi from '../../protocol/schema/08-offset-commit.js';
import offsetDeleteApi from '../../protocol/schema/47-offset-delete.js';
import offsetFetchApi from '../../protocol/schema/09-offset-fetch.js';
import syncGroupApi from '../../protocol/schema/14-sync-group.js';
import { subscription } from '../group-coordinator/test-helpers.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';
import { DEFAULT_REGISTRY } from './registry.js';

// Every advertised version of every group API gets a well-formed answer over TCP (success and error
// bodies alike), and the connection stays open: nothing the handlers return breaks the encoder.
describe('group APIs answer at every advertised version', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker({ raw: { 'group.initial.rebalance.delay.ms': '0' } });
    tb.broker.topics.create('t');
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  const range = (def: ApiDef) => DEFAULT_REGISTRY.apiVersions().find((r) => r.apiKey === def.key)!;
  const versions = (def: ApiDef) => { const r = range(def); return Array.from({ length: r.maxVersion - r.minVersion + 1 }, (_, i) => r.minVersion + i); };
  const sub = subscription(['t']);

  it('advertises the ranges of kafka-clients.md §1.3', () => {
    expect([8, 9, 10, 11, 12, 13, 14, 15, 16, 42, 47].map((k) => DEFAULT_REGISTRY.apiVersions().find((r) => r.apiKey === k))).toEqual([
      { apiKey: 8, minVersion: 0, maxVersion: 9 }, { apiKey: 9, minVersion: 0, maxVersion: 9 }, { apiKey: 10, minVersion: 0, maxVersion: 6 },
      { apiKey: 11, minVersion: 0, maxVersion: 9 }, { apiKey: 12, minVersion: 0, maxVersion: 4 }, { apiKey: 13, minVersion: 0, maxVersion: 5 },
      { apiKey: 14, minVersion: 0, maxVersion: 5 }, { apiKey: 15, minVersion: 0, maxVersion: 5 }, { apiKey: 16, minVersion: 0, maxVersion: 5 },
      { apiKey: 42, minVersion: 0, maxVersion: 2 }, { apiKey: 47, minVersion: 0, maxVersion: 0 },
    ]);
  });

  it('JoinGroup, SyncGroup, Heartbeat, LeaveGroup', async () => {
    for (const v of versions(joinGroupApi)) {
      const group = `join-v${v}`;
      let j = await c.send(joinGroupApi, v, { groupId: group, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId: '',
        groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'range', metadata: sub }], reason: null });
      if (v >= 4) {
        expect(j.errorCode).toBe(79);
        j = await c.send(joinGroupApi, v, { groupId: group, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId: j.memberId,
          groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'range', metadata: sub }], reason: null });
      }
      expect(j, `JoinGroup v${v}`).toMatchObject({ errorCode: 0, generationId: 1, leader: j.memberId });
      for (const sv of versions(syncGroupApi)) {
        const s = await c.send(syncGroupApi, sv, { groupId: group, generationId: 1, memberId: j.memberId, groupInstanceId: null,
          protocolType: null, protocolName: null, assignments: [{ memberId: j.memberId, assignment: new Uint8Array([sv]) }] });
        expect(s.errorCode, `SyncGroup v${sv}`).toBe(0);
      }
      for (const hv of versions(heartbeatApi)) {
        expect((await c.send(heartbeatApi, hv, { groupId: group, generationId: 1, memberId: j.memberId, groupInstanceId: null })).errorCode).toBe(0);
        expect((await c.send(heartbeatApi, hv, { groupId: group, generationId: 9, memberId: j.memberId, groupInstanceId: null })).errorCode).toBe(22);
      }
      const lv = v % 6;
      const leave = lv >= 3
        ? await c.send(leaveGroupApi, lv, { groupId: group, members: [{ memberId: j.memberId, groupInstanceId: null, reason: null }] })
        : await c.send(leaveGroupApi, lv, { groupId: group, memberId: j.memberId });
      expect(leave.errorCode, `LeaveGroup v${lv}`).toBe(0);
      const bad = await c.send(joinGroupApi, v, { groupId: group, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId: 'gone',
        groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'range', metadata: sub }], reason: null });
      expect(bad.errorCode).toBe(25);
    }
    expect(c.isClosed).toBe(false);
  });

  it('OffsetCommit, OffsetFetch, OffsetDelete', async () => {
    for (const v of versions(offsetCommitApi)) {
      const r = await c.send(offsetCommitApi, v, { groupId: 'offsets', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
        retentionTimeMs: -1n, topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: BigInt(v), committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: `v${v}` }] }] });
      expect(r.topics[0].partitions[0].errorCode, `OffsetCommit v${v}`).toBe(0);
    }
    for (const v of versions(offsetFetchApi)) {
      const r = v >= 8
        ? (await c.send(offsetFetchApi, v, { groups: [{ groupId: 'offsets', memberId: null, memberEpoch: -1, topics: [{ name: 't', partitionIndexes: [0] }] }], requireStable: false })).groups![0]
        : await c.send(offsetFetchApi, v, { groupId: 'offsets', topics: [{ name: 't', partitionIndexes: [0] }], requireStable: false });
      expect(r.topics![0].partitions![0], `OffsetFetch v${v}`).toMatchObject({ committedOffset: 9n, metadata: 'v9', errorCode: 0 });
    }
    const d = await c.send(offsetDeleteApi, 0, { groupId: 'offsets', topics: [{ name: 't', partitions: [{ partitionIndex: 0 }] }] });
    expect(d.topics[0].partitions[0].errorCode).toBe(0);
  });

  it('FindCoordinator, DescribeGroups, ListGroups, DeleteGroups', async () => {
    for (const v of versions(findCoordinatorApi)) {
      const r = v >= 4 ? (await c.send(findCoordinatorApi, v, { keyType: 0, coordinatorKeys: ['g'] })).coordinators![0]
        : await c.send(findCoordinatorApi, v, { key: 'g', keyType: 0 });
      expect(r, `FindCoordinator v${v}`).toMatchObject({ errorCode: 0, port: tb.broker.port });
    }
    await c.send(offsetCommitApi, 2, { groupId: 'doomed', generationIdOrMemberEpoch: -1, memberId: '', retentionTimeMs: -1n,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: null }] }] });
    for (const v of versions(describeGroupsApi)) {
      const r = await c.send(describeGroupsApi, v, { groups: ['doomed'], includeAuthorizedOperations: false });
      expect(r.groups[0], `DescribeGroups v${v}`).toMatchObject({ errorCode: 0, groupState: 'Empty' });
    }
    for (const v of versions(listGroupsApi)) {
      const r = await c.send(listGroupsApi, v, { statesFilter: [], typesFilter: [] });
      expect(r.groups.map((g) => g.groupId), `ListGroups v${v}`).toContain('doomed');
    }
    for (const v of versions(deleteGroupsApi)) {
      const r = await c.send(deleteGroupsApi, v, { groupsNames: ['doomed'] });
      expect(r.results[0].errorCode, `DeleteGroups v${v}`).toBe(v === 0 ? 0 : 69);
    }
    expect(c.isClosed).toBe(false);
  });
});
