/**
 * SyncGroup, Heartbeat and LeaveGroup for the classic protocol (Kafka's GroupCoordinator.handleSyncGroup /
 * handleHeartbeat / handleLeaveGroup): the leader's assignment is stored then delivered to every member
 * waiting in SyncGroup; heartbeats keep sessions alive and tell members about rebalances; members leave
 * one by one (v0-2) or in batches, by member id or by group instance id (v3+).
 */
import { type SyncResult, syncError } from './classic-group.js';
import { Err } from './errors.js';
import type { RebalanceEngine } from './rebalance.js';

export interface SyncRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** v5+: checked against the group's when given. */
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Uint8Array }[];
}

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeavingMember { memberId: string; groupInstanceId: string | null }

export interface LeaveResult {
  errorCode: number;
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

export class Membership {
  constructor(private readonly engine: RebalanceEngine) {}

  private get reg() {
    return this.engine.reg;
  }

  sync(req: SyncRequest): Promise<SyncResult> {
    const invalid = this.reg.validate(req.groupId, false);
    if (invalid !== null) return Promise.resolve(syncError(invalid));
    const group = this.reg.groups.get(req.groupId);
    if (group === undefined) return Promise.resolve(syncError(Err.UNKNOWN_MEMBER_ID));
    if (group.is('Dead')) return Promise.resolve(syncError(Err.COORDINATOR_NOT_AVAILABLE));
    if (group.isStaticMemberFenced(req.groupInstanceId, req.memberId)) return Promise.resolve(syncError(Err.FENCED_INSTANCE_ID));
    const member = group.members.get(req.memberId);
    if (member === undefined) return Promise.resolve(syncError(Err.UNKNOWN_MEMBER_ID));
    if (req.generationId !== group.generationId) return Promise.resolve(syncError(Err.ILLEGAL_GENERATION));
    if ((req.protocolType !== null && req.protocolType !== group.protocolType) ||
        (req.protocolName !== null && req.protocolName !== group.protocolName)) {
      return Promise.resolve(syncError(Err.INCONSISTENT_GROUP_PROTOCOL));
    }
    switch (group.state) {
      case 'Empty':
        return Promise.resolve(syncError(Err.UNKNOWN_MEMBER_ID));
      case 'PreparingRebalance':
        return Promise.resolve(syncError(Err.REBALANCE_IN_PROGRESS));
      case 'Stable':
        this.engine.markSynced(group, member.memberId);
        this.engine.scheduleHeartbeat(group, member);
        return Promise.resolve({
          errorCode: Err.NONE, protocolType: group.protocolType, protocolName: group.protocolName,
          assignment: member.assignment,
        });
      default:
        break;
    }
    // CompletingRebalance: wait for the leader's assignment.
    return new Promise<SyncResult>((resolve) => {
      member.awaitingSync?.(syncError(Err.REBALANCE_IN_PROGRESS));
      member.awaitingSync = resolve;
      this.engine.markSynced(group, member.memberId);
      this.engine.scheduleHeartbeat(group, member);
      if (!group.isLeader(member.memberId)) return;
      const assignments = new Map<string, Uint8Array>();
      for (const a of req.assignments) if (group.has(a.memberId)) assignments.set(a.memberId, a.assignment);
      const generation = group.generationId;
      void this.reg.storeGroup(group, assignments).then((error) => {
        // The group may have moved on (a member left, a new rebalance) while the write was in flight.
        if (!group.is('CompletingRebalance') || group.generationId !== generation) return;
        if (error !== Err.NONE) {
          this.engine.resetAndPropagateAssignmentError(group, error);
          this.engine.maybePrepareRebalance(group);
        } else {
          this.engine.setAndPropagateAssignment(group, assignments);
        }
      });
    });
  }

  heartbeat(req: HeartbeatRequest): number {
    const invalid = this.reg.validate(req.groupId, false);
    if (invalid !== null) return invalid;
    const group = this.reg.groups.get(req.groupId);
    if (group === undefined) return Err.UNKNOWN_MEMBER_ID;
    if (group.is('Dead')) return Err.COORDINATOR_NOT_AVAILABLE;
    if (group.isStaticMemberFenced(req.groupInstanceId, req.memberId)) return Err.FENCED_INSTANCE_ID;
    const member = group.members.get(req.memberId);
    if (member === undefined) return Err.UNKNOWN_MEMBER_ID;
    if (req.generationId !== group.generationId) return Err.ILLEGAL_GENERATION;
    switch (group.state) {
      case 'Empty':
        return Err.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.engine.scheduleHeartbeat(group, member);
        return Err.REBALANCE_IN_PROGRESS;
      default:
        // Stable, and CompletingRebalance (members may heartbeat between JoinGroup and SyncGroup).
        this.engine.scheduleHeartbeat(group, member);
        return Err.NONE;
    }
  }

  leave(groupId: string, leaving: LeavingMember[]): LeaveResult {
    const invalid = this.reg.validate(groupId, false);
    if (invalid !== null) return { errorCode: invalid, members: [] };
    const group = this.reg.groups.get(groupId);
    const answer = (m: LeavingMember, errorCode: number) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode });
    if (group === undefined) return { errorCode: Err.NONE, members: leaving.map((m) => answer(m, Err.UNKNOWN_MEMBER_ID)) };
    if (group.is('Dead')) return { errorCode: Err.COORDINATOR_NOT_AVAILABLE, members: [] };
    const members = leaving.map((m) => {
      if (m.memberId === '') {
        // Administrative removal of a static member by its instance id alone.
        const current = m.groupInstanceId === null ? undefined : group.staticMembers.get(m.groupInstanceId);
        const member = current === undefined ? undefined : group.members.get(current);
        if (member === undefined) return answer(m, Err.UNKNOWN_MEMBER_ID);
        this.engine.removeMemberAndUpdateGroup(group, member);
        return answer(m, Err.NONE);
      }
      if (this.engine.removePendingMember(group, m.memberId)) return answer(m, Err.NONE);
      if (group.isStaticMemberFenced(m.groupInstanceId, m.memberId)) return answer(m, Err.FENCED_INSTANCE_ID);
      const member = group.members.get(m.memberId);
      if (member === undefined) return answer(m, Err.UNKNOWN_MEMBER_ID);
      this.engine.removeMemberAndUpdateGroup(group, member);
      return answer(m, Err.NONE);
    });
    return { errorCode: Err.NONE, members };
  }
}
