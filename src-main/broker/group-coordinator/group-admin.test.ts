import { describe, expect, it } from 'vitest';
import { Err } from './errors.js';
import { GroupCoordinator } from './group-coordinator.js';
import { ManualClock } from './clock.js';
import { commitReq, joinReq, setup, stablePair, subscription } from './test-helpers.js';

const D = { initialRebalanceDelayMs: 10 };

describe('DescribeGroups', () => {
  it('a stable group shows its protocol and each member with metadata and assignment', async () => {
    const { gc, clock } = setup(D);
    const { a, b } = await stablePair(gc, clock, ['ia', null]);
    const [g] = gc.describeGroups(['g']);
    expect(g).toMatchObject({ errorCode: Err.NONE, groupId: 'g', groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(g.members).toEqual([
      { memberId: a, groupInstanceId: 'ia', clientId: 'a', clientHost: '/127.0.0.1', memberMetadata: subscription(['t']), memberAssignment: new Uint8Array([1]) },
      { memberId: b, groupInstanceId: null, clientId: 'b', clientHost: '/127.0.0.1', memberMetadata: subscription(['t']), memberAssignment: new Uint8Array([2]) },
    ]);
  });

  it('a rebalancing group shows members without metadata; an unknown group is Dead', async () => {
    const { gc, clock } = setup(D);
    const { a } = await stablePair(gc, clock);
    void gc.join(joinReq({ memberId: a }));
    const [g, none] = gc.describeGroups(['g', 'nobody']);
    expect(g.groupState).toBe('PreparingRebalance');
    expect(g.protocolData).toBe('');
    expect(g.members[0].memberMetadata).toEqual(new Uint8Array(0));
    expect(none).toEqual({ errorCode: Err.NONE, groupId: 'nobody', groupState: 'Dead', protocolType: '', protocolData: '', members: [] });
  });

  it('answers COORDINATOR_LOAD_IN_PROGRESS while loading', () => {
    const { gc } = setup();
    gc.beginLoading();
    expect(gc.describeGroups(['g'])[0].errorCode).toBe(Err.COORDINATOR_LOAD_IN_PROGRESS);
  });
});

describe('ListGroups', () => {
  it('lists every group, filtered by state (v4+) and type (v5+), case-insensitively', async () => {
    const { gc, clock } = setup(D);
    await stablePair(gc, clock);
    await gc.commitOffsets(commitReq({ groupId: 'simple' }));
    const all = gc.listGroups();
    expect(all.groups).toEqual([
      { groupId: 'g', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' },
      { groupId: 'simple', protocolType: '', groupState: 'Empty', groupType: 'classic' },
    ]);
    expect(gc.listGroups(['empty']).groups.map((g) => g.groupId)).toEqual(['simple']);
    expect(gc.listGroups(['Stable', 'Empty']).groups).toHaveLength(2);
    expect(gc.listGroups([], ['Classic']).groups).toHaveLength(2);
    expect(gc.listGroups([], ['consumer']).groups).toHaveLength(0);
    gc.beginLoading();
    expect(gc.listGroups().errorCode).toBe(Err.COORDINATOR_LOAD_IN_PROGRESS);
  });
});

describe('DeleteGroups', () => {
  it('deletes Empty groups with their offsets, refuses live ones, and reports missing ones', async () => {
    const { gc, clock, log } = setup(D);
    await stablePair(gc, clock);
    await gc.commitOffsets(commitReq({ groupId: 'simple', offsets: [['t', 0, 1n], ['t', 1, 2n]] }));
    expect(await gc.deleteGroups(['simple', 'g', 'nobody'])).toEqual([
      { groupId: 'simple', errorCode: Err.NONE },
      { groupId: 'g', errorCode: Err.NON_EMPTY_GROUP },
      { groupId: 'nobody', errorCode: Err.GROUP_ID_NOT_FOUND },
    ]);
    expect(gc.groupState('simple')).toBe('Dead');
    expect(gc.fetchOffsets('simple', null).topics).toEqual([]);
    expect(log.records.slice(-3)).toEqual([
      { kind: 'offset', groupId: 'simple', topic: 't', partition: 0, value: null },
      { kind: 'offset', groupId: 'simple', topic: 't', partition: 1, value: null },
      { kind: 'group', groupId: 'simple', value: null },
    ]);
  });

  it('reports a failed tombstone write, and COORDINATOR_LOAD_IN_PROGRESS while loading', async () => {
    const { gc, log } = setup();
    await gc.commitOffsets(commitReq());
    log.failWith = new Error('io');
    expect(await gc.deleteGroups(['g'])).toEqual([{ groupId: 'g', errorCode: Err.COORDINATOR_NOT_AVAILABLE }]);
    gc.beginLoading();
    expect(await gc.deleteGroups(['x'])).toEqual([{ groupId: 'x', errorCode: Err.COORDINATOR_LOAD_IN_PROGRESS }]);
  });
});

describe('loading from replayed records', () => {
  it('rebuilds a stable group and its offsets; members carry on with the same generation', async () => {
    const { gc, clock, log } = setup(D);
    const { a, b } = await stablePair(gc, clock);
    await gc.commitOffsets(commitReq({ generationId: 1, memberId: a, offsets: [['t', 0, 42n]] }));
    await gc.commitOffsets(commitReq({ groupId: 'simple', offsets: [['t', 3, 7n]] }));
    await gc.commitOffsets(commitReq({ groupId: 'gone' }));
    await gc.deleteGroups(['gone']);
    gc.stop();

    const clock2 = new ManualClock(clock.now());
    const gc2 = new GroupCoordinator({ clock: clock2 });
    gc2.beginLoading();
    gc2.load(log.records);
    expect(gc2.groupState('g')).toBe('Stable');
    expect(gc2.groupState('simple')).toBe('Empty');
    expect(gc2.groupState('gone')).toBe('Dead');
    expect(gc2.fetchOffsets('g', null).topics[0].partitions[0].committedOffset).toBe(42n);
    expect(gc2.fetchOffsets('simple', null).topics[0].partitions[0].committedOffset).toBe(7n);
    expect(gc2.heartbeat({ groupId: 'g', generationId: 1, memberId: a, groupInstanceId: null })).toBe(Err.NONE);
    const s = await gc2.sync({ groupId: 'g', generationId: 1, memberId: b, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] });
    expect(s.assignment).toEqual(new Uint8Array([2]));
    // Members that do not come back are expired by their session timeout.
    clock2.advance(10_000);
    expect(gc2.heartbeat({ groupId: 'g', generationId: 1, memberId: a, groupInstanceId: null })).toBe(Err.UNKNOWN_MEMBER_ID);
  });

  it('a group tombstone followed by new metadata brings the group back', () => {
    const gc = new GroupCoordinator({ clock: new ManualClock() });
    const value = { protocolType: 'consumer', generationId: 3, protocolName: null, leader: null, currentStateTimestamp: 5n, members: [] };
    gc.load([
      { kind: 'group', groupId: 'x', value },
      { kind: 'group', groupId: 'x', value: null },
      { kind: 'group', groupId: 'x', value },
    ]);
    expect(gc.groupState('x')).toBe('Empty');
  });
});
