/**
 * The classic group coordinator's public face: one object per broker that the handlers call. It wires the
 * parts (rebalance engine, JoinGroup, membership, offsets, admin) over one shared registry, runs the offset
 * retention timer, and rebuilds groups and offsets from replayed __consumer_offsets records on start.
 */
import { ClassicGroup, type JoinResult, Member, type SyncResult, joinError, syncError } from './classic-group.js';
import { type Scheduler, systemScheduler, type Cancel } from './clock.js';
import { Err } from './errors.js';
import { DEFAULT_GROUP_CONFIG, type GroupCoordinatorConfig } from './group-config.js';
import { type DescribedGroup, GroupAdmin, type ListedGroup } from './group-admin.js';
import { type GroupLog, type GroupRecord, type GroupSnapshot, MemoryGroupLog } from './group-log.js';
import { GroupRegistry, type PartitionExists } from './group-registry.js';
import { type JoinRequest, JoinGroupHandler } from './join-group.js';
import { type HeartbeatRequest, type LeaveResult, type LeavingMember, Membership, type SyncRequest } from './membership.js';
import { type CommitRequest, type FetchResult, OffsetManager, type TopicErrors } from './offsets.js';
import { partitionForGroup } from './partition-for.js';
import { RebalanceEngine } from './rebalance.js';

export interface GroupCoordinatorOptions {
  clock?: Scheduler;
  config?: Partial<GroupCoordinatorConfig>;
  log?: GroupLog;
  partitionExists?: PartitionExists;
  /** Member id generator; Kafka's is `${clientId}-${uuid}`. */
  newMemberId?: (clientId: string) => string;
}

export class GroupCoordinator {
  readonly config: GroupCoordinatorConfig;
  private readonly reg: GroupRegistry;
  private readonly engine: RebalanceEngine;
  private readonly joiner: JoinGroupHandler;
  private readonly membership: Membership;
  private readonly offsetManager: OffsetManager;
  private readonly admin: GroupAdmin;
  private cancelRetention: Cancel | null = null;

  constructor(options: GroupCoordinatorOptions = {}) {
    this.config = { ...DEFAULT_GROUP_CONFIG, ...options.config };
    this.reg = new GroupRegistry(
      options.clock ?? systemScheduler,
      this.config,
      options.log ?? new MemoryGroupLog(),
      options.partitionExists ?? (() => true),
      options.newMemberId ?? ((clientId) => `${clientId}-${globalThis.crypto.randomUUID()}`),
    );
    this.engine = new RebalanceEngine(this.reg);
    this.joiner = new JoinGroupHandler(this.engine);
    this.membership = new Membership(this.engine);
    this.offsetManager = new OffsetManager(this.engine);
    this.admin = new GroupAdmin(this.engine, this.offsetManager);
  }

  join(req: JoinRequest): Promise<JoinResult> { return this.joiner.join(req); }
  sync(req: SyncRequest): Promise<SyncResult> { return this.membership.sync(req); }
  heartbeat(req: HeartbeatRequest): number { return this.membership.heartbeat(req); }
  leave(groupId: string, members: LeavingMember[]): LeaveResult { return this.membership.leave(groupId, members); }
  commitOffsets(req: CommitRequest): Promise<TopicErrors[]> { return this.offsetManager.commit(req); }

  fetchOffsets(groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null, requireStable = false): FetchResult {
    return this.offsetManager.fetch(groupId, topics, requireStable);
  }

  deleteOffsets(groupId: string, topics: { name: string; partitions: number[] }[]): Promise<{ errorCode: number; topics: TopicErrors[] }> {
    return this.offsetManager.deleteOffsets(groupId, topics);
  }

  describeGroups(groupIds: string[]): DescribedGroup[] { return this.admin.describe(groupIds); }
  listGroups(statesFilter: string[] = [], typesFilter: string[] = []): { errorCode: number; groups: ListedGroup[] } {
    return this.admin.list(statesFilter, typesFilter);
  }
  deleteGroups(groupIds: string[]): Promise<{ groupId: string; errorCode: number }[]> { return this.admin.deleteGroups(groupIds); }
  /** Runs one offset-retention pass now; resolves to the number of offsets removed. */
  expireOffsets(): Promise<number> { return this.admin.expireOffsets(); }

  /** The __consumer_offsets partition that holds `groupId`. */
  partitionFor(groupId: string): number {
    return partitionForGroup(groupId, this.config.offsetsTopicNumPartitions);
  }

  /** The group's state name, or 'Dead' when it does not exist (for tests and tooling). */
  groupState(groupId: string): string {
    return this.reg.live(groupId)?.state ?? 'Dead';
  }

  /** Starts the periodic offset retention check (offsets.retention.check.interval.ms). */
  start(): void {
    if (this.cancelRetention !== null) return;
    const tick = (): void => {
      this.cancelRetention = this.reg.clock.schedule(this.config.offsetsRetentionCheckIntervalMs, () => {
        tick();
        void this.admin.expireOffsets();
      });
    };
    tick();
  }

  /** Stops timers; requests still waiting in JoinGroup / SyncGroup are told the coordinator went away. */
  stop(): void {
    this.cancelRetention?.();
    this.cancelRetention = null;
    for (const g of this.reg.groups.values()) this.release(g, Err.COORDINATOR_NOT_AVAILABLE);
  }

  /**
   * Cluster mode: from now on this coordinator serves only groups whose __consumer_offsets partition is in
   * `partitions` (see loadPartition / unloadPartition); others answer NOT_COORDINATOR.
   */
  serveOnly(partitions: ReadonlySet<number>): void {
    this.reg.owns = (groupId) => partitions.has(this.partitionFor(groupId));
  }

  /** Becoming leader of an offsets partition: its groups and offsets are rebuilt from its records. */
  loadPartition(records: Iterable<GroupRecord>): void {
    this.load(records);
  }

  /**
   * No longer leader of offsets partition `partition`: its groups leave memory (timers stopped, waiting
   * JoinGroup / SyncGroup requests told NOT_COORDINATOR so their clients look the coordinator up again).
   */
  unloadPartition(partition: number): void {
    for (const [id, g] of [...this.reg.groups]) {
      if (this.partitionFor(id) !== partition) continue;
      this.release(g, Err.NOT_COORDINATOR);
      this.reg.groups.delete(id);
    }
  }

  private release(g: ClassicGroup, error: number): void {
    this.engine.dispose(g);
    for (const m of g.members.values()) {
      const join = m.awaitingJoin;
      const sync = m.awaitingSync;
      m.awaitingJoin = null;
      m.awaitingSync = null;
      join?.(joinError(m.memberId, error));
      sync?.(syncError(error));
    }
  }

  /** Marks the coordinator as loading: group requests answer COORDINATOR_LOAD_IN_PROGRESS until `load`. */
  beginLoading(): void {
    this.reg.loaded = false;
  }

  /**
   * Rebuilds groups and offsets from __consumer_offsets records in log order (later records win, null
   * values are tombstones), as Kafka's GroupMetadataManager does when it becomes coordinator.
   */
  load(records: Iterable<GroupRecord>): void {
    const groups = new Map<string, GroupSnapshot | null>();
    const offsets = new Map<string, Map<string, Extract<GroupRecord, { kind: 'offset' }>>>();
    for (const r of records) {
      if (r.kind === 'group') { groups.set(r.groupId, r.value); continue; }
      let g = offsets.get(r.groupId);
      if (g === undefined) { g = new Map(); offsets.set(r.groupId, g); }
      const k = `${r.topic}\u0000${r.partition}`;
      if (r.value === null) g.delete(k); else g.set(k, r);
    }
    const now = this.reg.now();
    for (const id of new Set([...groups.keys(), ...offsets.keys()])) {
      const snap = groups.get(id) ?? null;
      const offs = offsets.get(id);
      if (snap === null && (offs === undefined || offs.size === 0)) continue;
      const group = new ClassicGroup(id, now);
      if (snap !== null) this.restore(group, snap, now);
      for (const r of offs?.values() ?? []) if (r.value !== null) group.setOffset(r.topic, r.partition, r.value);
      this.reg.groups.set(id, group);
    }
    this.reg.loaded = true;
  }

  private restore(group: ClassicGroup, snap: GroupSnapshot, now: number): void {
    group.protocolType = snap.protocolType === '' ? null : snap.protocolType;
    group.generationId = snap.generationId;
    const ts = Number(snap.currentStateTimestamp);
    group.stateTimestamp = ts >= 0 ? ts : now;
    if (snap.protocolName === null || snap.members.length === 0) {
      group.subscribedTopics = group.computeSubscribedTopics();
      return;
    }
    group.protocolName = snap.protocolName;
    for (const s of snap.members) {
      const m = new Member(
        s.memberId, s.groupInstanceId, s.clientId, s.clientHost, s.rebalanceTimeoutMs, s.sessionTimeoutMs,
        snap.protocolType, [{ name: snap.protocolName, metadata: s.subscription }],
      );
      m.assignment = s.assignment;
      group.add(m);
    }
    group.leaderId = snap.leader !== null && group.has(snap.leader) ? snap.leader : group.leaderId;
    group.state = 'Stable';
    group.subscribedTopics = group.computeSubscribedTopics();
    // Loaded members must heartbeat within their session timeout, or they are removed (and the group rebalances).
    for (const m of group.members.values()) this.engine.scheduleHeartbeat(group, m);
  }
}
