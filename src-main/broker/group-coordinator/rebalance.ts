/**
 * The rebalance engine of the classic protocol (Kafka's GroupCoordinator): preparing a rebalance, the join
 * wait (rebalance timeout, group.initial.rebalance.delay.ms for an empty group), completing the join with a
 * new generation, the pending-sync wait, session timeouts, and member removal. Join entry logic lives in
 * `join-group.ts`; SyncGroup, Heartbeat and LeaveGroup in `membership.ts`.
 */
import {
  type ClassicGroup, type JoinResult, type Member, EMPTY_BYTES, joinError, syncError,
} from './classic-group.js';
import { Err } from './errors.js';
import type { GroupRegistry } from './group-registry.js';

export class RebalanceEngine {
  constructor(readonly reg: GroupRegistry) {}

  // ---- heartbeats and session expiry ----

  /** (Re)starts the member's expiry timer: its session timeout unless told otherwise. */
  scheduleHeartbeat(group: ClassicGroup, member: Member, timeoutMs = member.sessionTimeoutMs): void {
    member.cancelHeartbeat?.();
    member.cancelHeartbeat = this.reg.clock.schedule(timeoutMs, () => this.onHeartbeatExpired(group, member));
  }

  private onHeartbeatExpired(group: ClassicGroup, member: Member): void {
    member.cancelHeartbeat = null;
    if (group.members.get(member.memberId) !== member) return;
    // A known member waiting in JoinGroup, or one waiting for its assignment, is bounded by the rebalance /
    // pending-sync timers instead; a new member's timer was the long new-member join timeout.
    if (member.awaitingJoin !== null && !member.isNew) return;
    if (member.awaitingSync !== null) return;
    this.removeMemberAndUpdateGroup(group, member);
  }

  addPendingMember(group: ClassicGroup, memberId: string, sessionTimeoutMs: number): void {
    group.pendingMembers.get(memberId)?.();
    group.pendingMembers.set(memberId, this.reg.clock.schedule(sessionTimeoutMs, () => {
      if (!group.pendingMembers.delete(memberId)) return;
      if (group.is('PreparingRebalance')) this.tryCompleteJoin(group);
    }));
  }

  removePendingMember(group: ClassicGroup, memberId: string): boolean {
    const cancel = group.pendingMembers.get(memberId);
    if (cancel === undefined) return false;
    cancel();
    group.pendingMembers.delete(memberId);
    if (group.is('PreparingRebalance')) this.tryCompleteJoin(group);
    return true;
  }

  /** Removes a member; its waiting JoinGroup / SyncGroup get UNKNOWN_MEMBER_ID; the group rebalances. */
  removeMemberAndUpdateGroup(group: ClassicGroup, member: Member): void {
    const join = member.awaitingJoin;
    const sync = member.awaitingSync;
    member.cancelHeartbeat?.();
    member.cancelHeartbeat = null;
    group.remove(member.memberId);
    member.awaitingJoin = null;
    member.awaitingSync = null;
    join?.(joinError(member.memberId, Err.UNKNOWN_MEMBER_ID));
    sync?.(syncError(Err.UNKNOWN_MEMBER_ID));
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.maybePrepareRebalance(group);
        break;
      case 'PreparingRebalance':
        this.tryCompleteJoin(group);
        break;
      default:
        break;
    }
  }

  // ---- rebalance ----

  maybePrepareRebalance(group: ClassicGroup): void {
    if (group.canRebalance()) this.prepareRebalance(group);
  }

  prepareRebalance(group: ClassicGroup): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(group, Err.REBALANCE_IN_PROGRESS);
    group.cancelSync?.();
    group.cancelSync = null;
    const initial = group.is('Empty');
    group.transitionTo('PreparingRebalance', this.reg.now());
    if (initial) {
      const delay = this.reg.config.initialRebalanceDelayMs;
      this.scheduleInitialJoin(group, delay, delay, Math.max(group.rebalanceTimeoutMs() - delay, 0));
    } else {
      this.scheduleJoin(group, group.rebalanceTimeoutMs());
      this.tryCompleteJoin(group);
    }
  }

  private scheduleJoin(group: ClassicGroup, timeoutMs: number): void {
    group.cancelJoin?.();
    group.initialJoinDelay = false;
    group.cancelJoin = this.reg.clock.schedule(timeoutMs, () => { group.cancelJoin = null; this.onCompleteJoin(group); });
  }

  /**
   * Kafka's InitialDelayedJoin: wait `delay`; if new members came meanwhile and time is left, wait again
   * (at most the configured delay, within the rebalance timeout); never completes early.
   */
  private scheduleInitialJoin(group: ClassicGroup, configured: number, delay: number, remaining: number): void {
    group.cancelJoin?.();
    group.initialJoinDelay = true;
    const fire = (): void => {
      group.cancelJoin = null;
      if (group.newMemberAdded && remaining !== 0) {
        group.newMemberAdded = false;
        this.scheduleInitialJoin(group, configured, Math.min(configured, remaining), Math.max(remaining - configured, 0));
      } else {
        group.initialJoinDelay = false;
        this.onCompleteJoin(group);
      }
    };
    if (delay <= 0) { fire(); return; }
    group.cancelJoin = this.reg.clock.schedule(delay, fire);
  }

  /** Completes the join phase as soon as every known member has rejoined (not during the initial delay). */
  tryCompleteJoin(group: ClassicGroup): void {
    if (!group.is('PreparingRebalance') || group.initialJoinDelay || group.cancelJoin === null) return;
    if (!group.hasAllMembersJoined()) return;
    group.cancelJoin();
    group.cancelJoin = null;
    this.onCompleteJoin(group);
  }

  private onCompleteJoin(group: ClassicGroup): void {
    if (!group.is('PreparingRebalance')) return;
    // Dynamic members that did not rejoin in time are dropped; static members stay until their session ends.
    for (const m of [...group.members.values()]) {
      if (m.awaitingJoin === null && m.groupInstanceId === null) {
        m.cancelHeartbeat?.();
        m.cancelHeartbeat = null;
        const sync = m.awaitingSync;
        m.awaitingSync = null;
        group.remove(m.memberId);
        sync?.(syncError(Err.UNKNOWN_MEMBER_ID));
      }
    }
    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      // Nobody rejoined: wait another round; session timeouts will clear the silent members.
      this.scheduleJoin(group, group.rebalanceTimeoutMs());
      return;
    }
    const now = this.reg.now();
    group.initNextGeneration(now);
    if (group.is('Empty')) {
      void this.reg.storeGroup(group);
      return;
    }
    const leaderMembers = group.currentMemberMetadata();
    for (const m of group.members.values()) {
      const cb = m.awaitingJoin;
      m.awaitingJoin = null;
      m.isNew = false;
      this.scheduleHeartbeat(group, m);
      cb?.({
        errorCode: Err.NONE,
        generationId: group.generationId,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        leader: group.leaderId ?? '',
        skipAssignment: false,
        memberId: m.memberId,
        members: group.isLeader(m.memberId) ? leaderMembers : [],
      });
    }
    group.numMembersAwaitingJoin = 0;
    this.schedulePendingSync(group);
  }

  /** Members that do not send SyncGroup within the rebalance timeout are removed and the group rebalances. */
  private schedulePendingSync(group: ClassicGroup): void {
    group.cancelSync?.();
    const generation = group.generationId;
    group.cancelSync = this.reg.clock.schedule(group.rebalanceTimeoutMs(), () => {
      group.cancelSync = null;
      if (group.generationId !== generation) return;
      if (!group.is('CompletingRebalance') && !group.is('Stable')) return;
      if (group.pendingSync.size === 0) return;
      for (const id of [...group.pendingSync]) {
        const m = group.members.get(id);
        if (m === undefined) continue;
        m.cancelHeartbeat?.();
        m.cancelHeartbeat = null;
        const sync = m.awaitingSync;
        m.awaitingSync = null;
        group.remove(id);
        sync?.(syncError(Err.UNKNOWN_MEMBER_ID));
      }
      this.prepareRebalance(group);
    });
  }

  /** A member synced: stop the pending-sync timer once everyone has. */
  markSynced(group: ClassicGroup, memberId: string): void {
    group.pendingSync.delete(memberId);
    if (group.pendingSync.size === 0) {
      group.cancelSync?.();
      group.cancelSync = null;
    }
  }

  resetAndPropagateAssignmentError(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) {
      m.assignment = EMPTY_BYTES;
      const cb = m.awaitingSync;
      m.awaitingSync = null;
      cb?.(syncError(errorCode));
    }
  }

  setAndPropagateAssignment(group: ClassicGroup, assignments: ReadonlyMap<string, Uint8Array>): void {
    for (const m of group.members.values()) m.assignment = assignments.get(m.memberId) ?? EMPTY_BYTES;
    group.transitionTo('Stable', this.reg.now());
    for (const m of group.members.values()) {
      const cb = m.awaitingSync;
      if (cb === null) continue;
      m.awaitingSync = null;
      this.scheduleHeartbeat(group, m);
      cb({ errorCode: Err.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: m.assignment });
    }
  }

  /** The join answer for a member of the current generation (leaders get the member list). */
  currentJoinResult(group: ClassicGroup, member: Member, withMembers: boolean): JoinResult {
    return {
      errorCode: Err.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      skipAssignment: false,
      memberId: member.memberId,
      members: withMembers && group.isLeader(member.memberId) ? group.currentMemberMetadata() : [],
    };
  }

  /** Cancels every timer of a group that is going away. */
  dispose(group: ClassicGroup): void {
    group.cancelJoin?.();
    group.cancelJoin = null;
    group.cancelSync?.();
    group.cancelSync = null;
    for (const c of group.pendingMembers.values()) c();
    group.pendingMembers.clear();
    for (const m of group.members.values()) { m.cancelHeartbeat?.(); m.cancelHeartbeat = null; }
  }
}
