/**
 * The administrative side of the coordinator: DescribeGroups, ListGroups (state filter v4+, type filter
 * v5+), DeleteGroups (NON_EMPTY_GROUP unless Empty) and the periodic offset-retention sweep.
 */
import type { ClassicGroup, GroupState } from './classic-group.js';
import { Err } from './errors.js';
import type { GroupRecord } from './group-log.js';
import type { OffsetManager } from './offsets.js';
import type { RebalanceEngine } from './rebalance.js';

export interface DescribedMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  memberMetadata: Uint8Array;
  memberAssignment: Uint8Array;
}

export interface DescribedGroup {
  errorCode: number;
  groupId: string;
  groupState: GroupState;
  protocolType: string;
  protocolData: string;
  members: DescribedMember[];
}

export interface ListedGroup { groupId: string; protocolType: string; groupState: GroupState; groupType: 'classic' }

const EMPTY = new Uint8Array(0);

export class GroupAdmin {
  constructor(private readonly engine: RebalanceEngine, private readonly offsets: OffsetManager) {}

  private get reg() {
    return this.engine.reg;
  }

  describe(groupIds: string[]): DescribedGroup[] {
    return groupIds.map((groupId) => {
      const invalid = this.reg.validate(groupId, true);
      const dead: DescribedGroup = { errorCode: Err.NONE, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] };
      if (invalid !== null) return { ...dead, errorCode: invalid, groupState: 'Dead' };
      const group = this.reg.live(groupId);
      return group === undefined ? dead : this.summary(group);
    });
  }

  /** Kafka's GroupMetadata.summary: member metadata and assignments only for a Stable group. */
  private summary(group: ClassicGroup): DescribedGroup {
    const stable = group.is('Stable') && group.protocolName !== null;
    return {
      errorCode: Err.NONE,
      groupId: group.groupId,
      groupState: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? (group.protocolName as string) : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? m.metadataFor(group.protocolName as string) : EMPTY,
        memberAssignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  /** Filters match case-insensitively (Kafka 3.9's new coordinator does; clients send "Stable", "classic"). */
  list(statesFilter: string[], typesFilter: string[]): { errorCode: number; groups: ListedGroup[] } {
    if (!this.reg.loaded) return { errorCode: Err.COORDINATOR_LOAD_IN_PROGRESS, groups: [] };
    const states = new Set(statesFilter.map((s) => s.toLowerCase()));
    const types = new Set(typesFilter.map((s) => s.toLowerCase()));
    const groups: ListedGroup[] = [];
    for (const g of this.reg.groups.values()) {
      if (g.is('Dead')) continue;
      if (states.size > 0 && !states.has(g.state.toLowerCase())) continue;
      if (types.size > 0 && !types.has('classic')) continue;
      groups.push({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state, groupType: 'classic' });
    }
    return { errorCode: Err.NONE, groups };
  }

  async deleteGroups(groupIds: string[]): Promise<{ groupId: string; errorCode: number }[]> {
    const results: { groupId: string; errorCode: number }[] = [];
    const writes: Promise<number>[] = [];
    for (const groupId of groupIds) {
      const invalid = this.reg.validate(groupId, true);
      if (invalid !== null) { results.push({ groupId, errorCode: invalid }); continue; }
      const group = this.reg.live(groupId);
      if (group === undefined) { results.push({ groupId, errorCode: Err.GROUP_ID_NOT_FOUND }); continue; }
      if (!group.is('Empty')) { results.push({ groupId, errorCode: Err.NON_EMPTY_GROUP }); continue; }
      const records: GroupRecord[] = [];
      for (const [topic, parts] of group.offsets) {
        for (const partition of parts.keys()) records.push({ kind: 'offset', groupId, topic, partition, value: null });
      }
      group.offsets.clear();
      group.transitionTo('Dead', this.reg.now());
      this.engine.dispose(group);
      this.reg.groups.delete(groupId);
      records.push({ kind: 'group', groupId, value: null });
      const result = { groupId, errorCode: Err.NONE };
      results.push(result);
      writes.push(this.reg.write(groupId, records).then((e) => (result.errorCode = e)));
    }
    await Promise.all(writes);
    return results;
  }

  /** One retention pass over every group: expired offsets and dead empty groups become tombstones. */
  async expireOffsets(): Promise<number> {
    const now = BigInt(this.reg.now());
    let removed = 0;
    const writes: Promise<number>[] = [];
    for (const group of [...this.reg.groups.values()]) {
      if (group.is('Dead')) continue;
      const records: GroupRecord[] = this.offsets.expireOffsets(group, now);
      removed += records.length;
      records.push(...this.offsets.cleanupIfEmpty(group));
      if (records.length > 0) writes.push(this.reg.write(group.groupId, records));
    }
    await Promise.all(writes);
    return removed;
  }
}
