/**
 * The state the coordinator's parts share: the groups by id, the clock, the config, the log, whether loading
 * is done, and the two helpers every operation needs (group id validation and writing a group's metadata).
 */
import { ClassicGroup } from './classic-group.js';
import type { Scheduler } from './clock.js';
import { Err } from './errors.js';
import type { GroupCoordinatorConfig } from './group-config.js';
import type { GroupLog, GroupRecord, GroupSnapshot } from './group-log.js';

/** Answers whether a topic partition exists (OffsetCommit / OffsetDelete answer UNKNOWN_TOPIC_OR_PARTITION). */
export type PartitionExists = (topic: string, partition: number) => boolean;

export class GroupRegistry {
  readonly groups = new Map<string, ClassicGroup>();
  /** False while __consumer_offsets is being replayed: requests get COORDINATOR_LOAD_IN_PROGRESS. */
  loaded = true;
  /**
   * In a cluster: whether this node coordinates a group (it leads the group's __consumer_offsets
   * partition); other groups get NOT_COORDINATOR. Null: every group (a standalone node).
   */
  owns: ((groupId: string) => boolean) | null = null;

  constructor(
    readonly clock: Scheduler,
    readonly config: GroupCoordinatorConfig,
    readonly log: GroupLog,
    readonly partitionExists: PartitionExists,
    readonly newMemberId: (clientId: string) => string,
  ) {}

  now(): number {
    return this.clock.now();
  }

  /**
   * Kafka's validateGroupStatus: an error code, or null when the request may proceed. `allowEmptyId` is true
   * for OffsetCommit / OffsetFetch / DescribeGroups / DeleteGroups, which accept the empty group id.
   */
  validate(groupId: string | null | undefined, allowEmptyId: boolean): number | null {
    if (groupId === null || groupId === undefined || (!allowEmptyId && groupId === '')) return Err.INVALID_GROUP_ID;
    if (!this.loaded) return Err.COORDINATOR_LOAD_IN_PROGRESS;
    if (this.owns !== null && !this.owns(groupId)) return Err.NOT_COORDINATOR;
    return null;
  }

  getOrCreate(groupId: string): ClassicGroup {
    let g = this.groups.get(groupId);
    if (g === undefined) {
      g = new ClassicGroup(groupId, this.now());
      this.groups.set(groupId, g);
    }
    return g;
  }

  /** Live (not Dead) group, or undefined. */
  live(groupId: string): ClassicGroup | undefined {
    const g = this.groups.get(groupId);
    return g === undefined || g.is('Dead') ? undefined : g;
  }

  snapshot(group: ClassicGroup, assignments?: ReadonlyMap<string, Uint8Array>): GroupSnapshot {
    const protocol = group.protocolName;
    return {
      protocolType: group.protocolType ?? '',
      generationId: group.generationId,
      protocolName: protocol,
      leader: group.leaderId,
      currentStateTimestamp: BigInt(group.stateTimestamp),
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: protocol === null ? new Uint8Array(0) : m.metadataFor(protocol),
        assignment: assignments?.get(m.memberId) ?? m.assignment,
      })),
    };
  }

  /** Appends records; resolves to NONE, or the error code a client should see when the log refused them. */
  async write(groupId: string, records: GroupRecord[]): Promise<number> {
    if (records.length === 0) return Err.NONE;
    try {
      await this.log.append(groupId, records);
      return Err.NONE;
    } catch {
      // Kafka maps log failures for the coordinator to a retriable "coordinator not available".
      return Err.COORDINATOR_NOT_AVAILABLE;
    }
  }

  storeGroup(group: ClassicGroup, assignments?: ReadonlyMap<string, Uint8Array>): Promise<number> {
    return this.write(group.groupId, [{ kind: 'group', groupId: group.groupId, value: this.snapshot(group, assignments) }]);
  }
}
