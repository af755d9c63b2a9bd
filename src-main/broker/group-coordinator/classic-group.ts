/**
 * One classic consumer group's state: its members, static-member index, protocol votes, generation, leader
 * and committed offsets, plus the legal state transitions (Kafka's GroupMetadata / ClassicGroup). No timers
 * and no I/O here; the rebalance engine (`rebalance.ts`) drives it.
 */
import type { Cancel } from './clock.js';
import { subscribedTopics } from './subscription.js';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

const VALID_PREVIOUS: Record<GroupState, readonly GroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

export interface Protocol { name: string; metadata: Uint8Array }

export interface JoinMember { memberId: string; groupInstanceId: string | null; metadata: Uint8Array }

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  skipAssignment: boolean;
  memberId: string;
  members: JoinMember[];
}

export interface SyncResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Uint8Array;
}

export const EMPTY_BYTES = new Uint8Array(0);

export function joinError(memberId: string, errorCode: number): JoinResult {
  return {
    errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false,
    memberId, members: [],
  };
}

export function syncError(errorCode: number): SyncResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Member {
  assignment: Uint8Array = EMPTY_BYTES;
  awaitingJoin: ((r: JoinResult) => void) | null = null;
  awaitingSync: ((r: SyncResult) => void) | null = null;
  /** Joined in the current rebalance and not yet through it (gets the long new-member timeout). */
  isNew = false;
  cancelHeartbeat: Cancel | null = null;

  constructor(
    public memberId: string,
    public readonly groupInstanceId: string | null,
    public clientId: string,
    public clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    public protocolType: string,
    public protocols: Protocol[],
  ) {}

  metadataFor(protocolName: string): Uint8Array {
    const p = this.protocols.find((x) => x.name === protocolName);
    if (p === undefined) throw new Error(`member ${this.memberId} does not support protocol ${protocolName}`);
    return p.metadata;
  }

  /** Same protocols, same order, same metadata bytes. */
  matches(protocols: readonly Protocol[]): boolean {
    return protocols.length === this.protocols.length &&
      protocols.every((p, i) => p.name === this.protocols[i].name && sameBytes(p.metadata, this.protocols[i].metadata));
  }

  /** The member's preferred protocol among `candidates` (its first listed one that is a candidate). */
  vote(candidates: ReadonlySet<string>): string {
    const p = this.protocols.find((x) => candidates.has(x.name));
    if (p === undefined) throw new Error(`member ${this.memberId} supports none of the candidate protocols`);
    return p.name;
  }
}

export interface CommittedOffset {
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: bigint;
  /** Set only by OffsetCommit v2-4 with an explicit retention time (old per-commit expiry). */
  expireTimestamp: bigint | null;
}

export class ClassicGroup {
  state: GroupState = 'Empty';
  stateTimestamp: number;
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  /** group.instance.id -> current member id */
  readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet, with their expiry timers. */
  readonly pendingMembers = new Map<string, Cancel>();
  /** Members of the current generation that have not sent SyncGroup yet. */
  readonly pendingSync = new Set<string>();
  numMembersAwaitingJoin = 0;
  newMemberAdded = false;
  private readonly votes = new Map<string, number>();
  /** Timer of the running join phase or pending-sync wait. */
  cancelJoin: Cancel | null = null;
  /** The running join wait is the initial (group.initial.rebalance.delay.ms) one, which never completes early. */
  initialJoinDelay = false;
  cancelSync: Cancel | null = null;
  /** topic -> partition -> committed offset */
  readonly offsets = new Map<string, Map<number, CommittedOffset>>();
  /** "topic:partition" -> commits in flight to the log */
  readonly pendingOffsetCommits = new Map<string, number>();
  /** Subscribed topics of a consumer group, computed at each new generation; null when unknown. */
  subscribedTopics: Set<string> | null = null;

  constructor(public readonly groupId: string, now: number) {
    this.stateTimestamp = now;
  }

  is(state: GroupState): boolean {
    return this.state === state;
  }

  transitionTo(state: GroupState, now: number): void {
    if (!VALID_PREVIOUS[state].includes(this.state)) {
      throw new Error(`group ${this.groupId}: illegal transition ${this.state} -> ${state}`);
    }
    this.state = state;
    this.stateTimestamp = now;
  }

  canRebalance(): boolean {
    return this.state === 'Stable' || this.state === 'CompletingRebalance' || this.state === 'Empty';
  }

  get size(): number {
    return this.members.size;
  }

  has(memberId: string): boolean {
    return this.members.has(memberId);
  }

  get(memberId: string): Member {
    const m = this.members.get(memberId);
    if (m === undefined) throw new Error(`group ${this.groupId}: unknown member ${memberId}`);
    return m;
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  isStaticMemberFenced(groupInstanceId: string | null | undefined, memberId: string): boolean {
    if (groupInstanceId === null || groupInstanceId === undefined) return false;
    const current = this.staticMembers.get(groupInstanceId);
    return current !== undefined && current !== memberId;
  }

  add(member: Member): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.addVotes(member);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    if (member.awaitingJoin !== null) this.numMembersAwaitingJoin++;
  }

  remove(memberId: string): Member | undefined {
    const member = this.members.get(memberId);
    if (member === undefined) return undefined;
    this.members.delete(memberId);
    this.removeVotes(member);
    if (member.awaitingJoin !== null) this.numMembersAwaitingJoin--;
    if (member.groupInstanceId !== null && this.staticMembers.get(member.groupInstanceId) === memberId) {
      this.staticMembers.delete(member.groupInstanceId);
    }
    this.pendingSync.delete(memberId);
    if (this.leaderId === memberId) {
      const next = this.members.keys().next();
      this.leaderId = next.done ? null : next.value;
    }
    return member;
  }

  /** Gives a static member a new member id, keeping its place, votes and assignment. */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): Member {
    const member = this.get(oldMemberId);
    this.members.delete(oldMemberId);
    member.memberId = newMemberId;
    this.members.set(newMemberId, member);
    this.staticMembers.set(groupInstanceId, newMemberId);
    if (this.leaderId === oldMemberId) this.leaderId = newMemberId;
    if (this.pendingSync.delete(oldMemberId)) this.pendingSync.add(newMemberId);
    return member;
  }

  updateMemberProtocols(member: Member, protocols: Protocol[]): void {
    this.removeVotes(member);
    member.protocols = protocols;
    this.addVotes(member);
  }

  private addVotes(m: Member): void {
    for (const p of m.protocols) this.votes.set(p.name, (this.votes.get(p.name) ?? 0) + 1);
  }

  private removeVotes(m: Member): void {
    for (const p of m.protocols) {
      const n = (this.votes.get(p.name) ?? 0) - 1;
      if (n <= 0) this.votes.delete(p.name); else this.votes.set(p.name, n);
    }
  }

  /** Protocols every current member supports. */
  candidateProtocols(): Set<string> {
    const all = new Set<string>();
    for (const [name, n] of this.votes) if (n === this.members.size) all.add(name);
    return all;
  }

  /** Whether a member with this protocol type and protocols may join (Kafka's supportsProtocols). */
  supportsProtocols(protocolType: string, protocols: readonly Protocol[]): boolean {
    if (this.members.size === 0) return protocolType.length > 0 && protocols.length > 0;
    return protocolType === this.protocolType && protocols.some((p) => this.votes.get(p.name) === this.members.size);
  }

  /** The protocol with the most first-choice votes among those all members support; ties go to the first found. */
  selectProtocol(): string {
    const candidates = this.candidateProtocols();
    if (candidates.size === 0) throw new Error(`group ${this.groupId}: no protocol supported by all members`);
    const tally = new Map<string, number>();
    for (const m of this.members.values()) {
      const v = m.vote(candidates);
      tally.set(v, (tally.get(v) ?? 0) + 1);
    }
    let best = '';
    let bestVotes = -1;
    for (const [name, n] of tally) if (n > bestVotes) { best = name; bestVotes = n; }
    return best;
  }

  /** The longest rebalance timeout of the members: how long a rebalance waits for rejoins. */
  rebalanceTimeoutMs(): number {
    let t = 0;
    for (const m of this.members.values()) t = Math.max(t, m.rebalanceTimeoutMs);
    return t;
  }

  hasAllMembersJoined(): boolean {
    return this.numMembersAwaitingJoin === this.members.size && this.pendingMembers.size === 0;
  }

  /** Keeps the leader if it rejoined, else picks a member that did; false when nobody rejoined. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader !== undefined && leader.awaitingJoin !== null) return true;
    for (const m of this.members.values()) {
      if (m.awaitingJoin !== null) { this.leaderId = m.memberId; return true; }
    }
    return false;
  }

  /** Members' metadata for the selected protocol, as the leader receives it. */
  currentMemberMetadata(): JoinMember[] {
    const name = this.protocolName;
    if (name === null) return [];
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadataFor(name),
    }));
  }

  /** Starts the next generation: CompletingRebalance with a protocol, or Empty when nobody is left. */
  initNextGeneration(now: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.transitionTo('CompletingRebalance', now);
    } else {
      this.protocolName = null;
      this.transitionTo('Empty', now);
    }
    this.subscribedTopics = this.computeSubscribedTopics();
    this.pendingSync.clear();
    for (const id of this.members.keys()) this.pendingSync.add(id);
  }

  computeSubscribedTopics(): Set<string> | null {
    if (this.protocolType !== CONSUMER_PROTOCOL_TYPE || this.protocolName === null) {
      return this.members.size === 0 && this.protocolType === CONSUMER_PROTOCOL_TYPE ? new Set() : null;
    }
    const topics = new Set<string>();
    for (const m of this.members.values()) {
      const t = subscribedTopics(m.metadataFor(this.protocolName));
      if (t === null) return null;
      for (const x of t) topics.add(x);
    }
    return topics;
  }

  isSubscribedToTopic(topic: string): boolean {
    return this.subscribedTopics !== null && this.subscribedTopics.has(topic);
  }

  offset(topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(topic)?.get(partition);
  }

  hasOffsets(): boolean {
    return this.offsets.size > 0 || this.pendingOffsetCommits.size > 0;
  }

  setOffset(topic: string, partition: number, o: CommittedOffset): void {
    let t = this.offsets.get(topic);
    if (t === undefined) { t = new Map(); this.offsets.set(topic, t); }
    t.set(partition, o);
  }

  deleteOffset(topic: string, partition: number): boolean {
    const t = this.offsets.get(topic);
    if (t === undefined || !t.delete(partition)) return false;
    if (t.size === 0) this.offsets.delete(topic);
    return true;
  }
}
