/**
 * JoinGroup for the classic protocol (Kafka's GroupCoordinator.handleJoinGroup): new members (with the
 * KIP-394 MEMBER_ID_REQUIRED round trip from v4), known members rejoining, static members (KIP-345)
 * replacing their previous member id, and the FENCED_INSTANCE_ID / UNKNOWN_MEMBER_ID / INCONSISTENT_GROUP_PROTOCOL
 * / INVALID_SESSION_TIMEOUT / GROUP_MAX_SIZE_REACHED answers.
 */
import { type ClassicGroup, type JoinResult, type Protocol, Member, joinError, syncError } from './classic-group.js';
import { Err } from './errors.js';
import type { RebalanceEngine } from './rebalance.js';

export interface JoinRequest {
  groupId: string;
  /** '' for a member joining for the first time. */
  memberId: string;
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  /** JoinGroup v0 has none: pass the session timeout, as Kafka does. */
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
  clientId: string;
  clientHost: string;
  /** JoinGroup v4+: a new member must first get its id (MEMBER_ID_REQUIRED). */
  requireKnownMemberId: boolean;
  /** JoinGroup v9+: a static leader rejoining a stable group may skip the assignment (KIP-814). */
  supportSkippingAssignment: boolean;
}

type Respond = (r: JoinResult) => void;

export class JoinGroupHandler {
  constructor(private readonly engine: RebalanceEngine) {}

  private get reg() {
    return this.engine.reg;
  }

  join(req: JoinRequest): Promise<JoinResult> {
    const invalid = this.reg.validate(req.groupId, false);
    if (invalid !== null) return Promise.resolve(joinError(req.memberId, invalid));
    const cfg = this.reg.config;
    if (req.sessionTimeoutMs < cfg.minSessionTimeoutMs || req.sessionTimeoutMs > cfg.maxSessionTimeoutMs) {
      return Promise.resolve(joinError(req.memberId, Err.INVALID_SESSION_TIMEOUT));
    }
    const isUnknown = req.memberId === '';
    let group = this.reg.groups.get(req.groupId);
    if (group === undefined) {
      if (!isUnknown) return Promise.resolve(joinError(req.memberId, Err.UNKNOWN_MEMBER_ID));
      group = this.reg.getOrCreate(req.groupId);
    }
    const g = group;
    if (!this.acceptJoiningMember(g, req.memberId)) {
      const existing = g.members.get(req.memberId);
      if (existing !== undefined) this.engine.removeMemberAndUpdateGroup(g, existing);
      return Promise.resolve(joinError(req.memberId, Err.GROUP_MAX_SIZE_REACHED));
    }
    return new Promise<JoinResult>((resolve) => {
      if (isUnknown) this.unknownMemberJoin(g, req, resolve);
      else this.knownMemberJoin(g, req, resolve);
      if (g.is('PreparingRebalance')) this.engine.tryCompleteJoin(g);
    });
  }

  /** Kafka's acceptJoiningMember: group.max.size counts awaiting members while preparing, else all members. */
  private acceptJoiningMember(group: ClassicGroup, memberId: string): boolean {
    const max = this.reg.config.maxGroupSize;
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return true;
      case 'PreparingRebalance':
        return (group.members.get(memberId)?.awaitingJoin ?? null) !== null || group.numMembersAwaitingJoin < max;
      default:
        return group.has(memberId) || group.size < max;
    }
  }

  private unknownMemberJoin(group: ClassicGroup, req: JoinRequest, respond: Respond): void {
    if (group.is('Dead')) return respond(joinError('', Err.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) {
      return respond(joinError('', Err.INCONSISTENT_GROUP_PROTOCOL));
    }
    const newMemberId = this.reg.newMemberId(req.clientId);
    if (req.groupInstanceId !== null) return this.staticMemberJoin(group, newMemberId, req, respond);
    if (req.requireKnownMemberId) {
      this.engine.addPendingMember(group, newMemberId, req.sessionTimeoutMs);
      return respond(joinError(newMemberId, Err.MEMBER_ID_REQUIRED));
    }
    this.addMemberAndRebalance(group, newMemberId, req, respond);
  }

  private knownMemberJoin(group: ClassicGroup, req: JoinRequest, respond: Respond): void {
    const { memberId, groupInstanceId } = req;
    if (group.is('Dead')) return respond(joinError(memberId, Err.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) {
      return respond(joinError(memberId, Err.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (group.pendingMembers.has(memberId)) {
      // The second half of the MEMBER_ID_REQUIRED round trip.
      return this.addMemberAndRebalance(group, memberId, req, respond);
    }
    if (group.isStaticMemberFenced(groupInstanceId, memberId)) return respond(joinError(memberId, Err.FENCED_INSTANCE_ID));
    const instanceUnknown = groupInstanceId !== null && !group.staticMembers.has(groupInstanceId);
    const member = group.members.get(memberId);
    if (member === undefined || instanceUnknown) return respond(joinError(memberId, Err.UNKNOWN_MEMBER_ID));
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(group, member, req, respond);
      case 'CompletingRebalance':
        // A member that lost the JoinGroup response asks again with the same protocols: answer it again.
        if (member.matches(req.protocols)) return respond(this.engine.currentJoinResult(group, member, true));
        return this.updateMemberAndRebalance(group, member, req, respond);
      case 'Stable':
        // The leader rejoining (e.g. metadata changed) or changed protocols start a rebalance; a follower
        // with nothing new just learns the current generation and can SyncGroup.
        if (group.isLeader(memberId) || !member.matches(req.protocols)) {
          return this.updateMemberAndRebalance(group, member, req, respond);
        }
        return respond(this.engine.currentJoinResult(group, member, false));
      default:
        return respond(joinError(memberId, Err.UNKNOWN_MEMBER_ID));
    }
  }

  private addMemberAndRebalance(group: ClassicGroup, memberId: string, req: JoinRequest, respond: Respond): void {
    const member = new Member(
      memberId, req.groupInstanceId, req.clientId, req.clientHost, req.rebalanceTimeoutMs, req.sessionTimeoutMs,
      req.protocolType, req.protocols,
    );
    member.isNew = true;
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true;
    member.awaitingJoin = respond;
    group.add(member);
    this.engine.scheduleHeartbeat(group, member, this.reg.config.newMemberJoinTimeoutMs);
    const pending = group.pendingMembers.get(memberId);
    if (pending !== undefined) { pending(); group.pendingMembers.delete(memberId); }
    this.engine.maybePrepareRebalance(group);
  }

  private setAwaitingJoin(group: ClassicGroup, member: Member, respond: Respond): void {
    const previous = member.awaitingJoin;
    if (previous === null) group.numMembersAwaitingJoin++;
    member.awaitingJoin = respond;
    // A member that sends JoinGroup again while the first is still waiting: the older request is answered.
    previous?.(joinError(member.memberId, Err.REBALANCE_IN_PROGRESS));
  }

  private updateMemberAndRebalance(group: ClassicGroup, member: Member, req: JoinRequest, respond: Respond): void {
    group.updateMemberProtocols(member, req.protocols);
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    this.setAwaitingJoin(group, member, respond);
    this.engine.maybePrepareRebalance(group);
  }

  /** A static member joining with no member id: a first join, or a restart that takes over its old slot. */
  private staticMemberJoin(group: ClassicGroup, newMemberId: string, req: JoinRequest, respond: Respond): void {
    const instanceId = req.groupInstanceId as string;
    const oldMemberId = group.staticMembers.get(instanceId);
    if (oldMemberId === undefined) return this.addMemberAndRebalance(group, newMemberId, req, respond);

    const oldLeader = group.leaderId;
    const member = group.replaceStaticMember(instanceId, oldMemberId, newMemberId);
    // The old incarnation is fenced: its outstanding requests end with FENCED_INSTANCE_ID.
    const oldJoin = member.awaitingJoin;
    const oldSync = member.awaitingSync;
    if (oldJoin !== null) { member.awaitingJoin = null; group.numMembersAwaitingJoin--; }
    member.awaitingSync = null;
    oldJoin?.(joinError(oldMemberId, Err.FENCED_INSTANCE_ID));
    oldSync?.(syncError(Err.FENCED_INSTANCE_ID));
    this.engine.scheduleHeartbeat(group, member);

    const unchanged = member.matches(req.protocols);
    const previous = { protocols: member.protocols, rebalance: member.rebalanceTimeoutMs, session: member.sessionTimeoutMs };
    group.updateMemberProtocols(member, req.protocols);
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    this.setAwaitingJoin(group, member, respond);

    switch (group.state) {
      case 'Stable': {
        if (!unchanged || group.protocolName !== group.selectProtocol()) return this.engine.prepareRebalance(group);
        // Same subscription: keep the assignment, no rebalance; only the new member id is persisted.
        const generation = group.generationId;
        void this.reg.storeGroup(group).then((error) => {
          if (member.awaitingJoin !== respond) return; // fenced or removed meanwhile
          member.awaitingJoin = null;
          group.numMembersAwaitingJoin--;
          if (error !== Err.NONE || group.generationId !== generation) {
            if (error !== Err.NONE && group.members.get(newMemberId) === member) {
              // Undo the replacement so the old incarnation stays valid, as Kafka does.
              group.replaceStaticMember(instanceId, newMemberId, oldMemberId);
              group.updateMemberProtocols(member, previous.protocols);
              member.rebalanceTimeoutMs = previous.rebalance;
              member.sessionTimeoutMs = previous.session;
            }
            return respond(joinError(newMemberId, error !== Err.NONE ? error : Err.REBALANCE_IN_PROGRESS));
          }
          const isLeader = group.isLeader(newMemberId);
          const skip = isLeader && req.supportSkippingAssignment;
          respond({
            errorCode: Err.NONE,
            generationId: group.generationId,
            protocolType: group.protocolType,
            protocolName: group.protocolName,
            // Before v9 the old leader id is returned so a restarted leader does not run a useless assignment.
            leader: (skip ? group.leaderId : oldLeader) ?? '',
            skipAssignment: skip,
            memberId: newMemberId,
            members: skip ? group.currentMemberMetadata() : [],
          });
        });
        return;
      }
      case 'CompletingRebalance':
        // The leader may already be assigning to the old member id: rebalance so the new id gets an assignment.
        return this.engine.prepareRebalance(group);
      default:
        return; // PreparingRebalance: the member simply waits for the join to complete
    }
  }
}
