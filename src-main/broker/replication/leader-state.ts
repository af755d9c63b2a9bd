/**
 * What this node does for one partition it leads in a replicated cluster (the LeaderRole a Partition
 * carries): stamps its epoch into the leader-epoch cache at the log end when it takes over, runs the
 * IsrTracker (fed by leader appends and follower fetches), moves the partition log's high watermark from
 * it, releases waiting acks=all produces when the HW passes their batch (or answers them when the ISR is
 * too small, the request times out, or leadership is lost), and turns ISR proposals into AlterPartition
 * requests, one in flight at a time as Kafka does, applying the controller's answer.
 */
import { KafkaError, type KafkaErrorInfo } from '../../protocol/index.js';
import type { LeaderRole, Partition } from '../topics/partition.js';
import { IsrTracker } from './isr-tracker.js';
import type { AlterIsrRequest, AlterIsrResult, PartitionState } from './partition-state.js';
import type { PartitionReplication, ReplicaStatus } from './replication-status.js';

export interface LeaderStateDeps {
  nodeId: number;
  lagTimeMaxMs: number;
  now: () => number;
  /** A follower outside the ISR fetched: the ISR may grow now rather than at the next periodic check. */
  requestIsrCheck: (leader: LeaderState) => void;
}

interface Waiter {
  requiredOffset: bigint;
  minIsr: number;
  resolve: (e: KafkaErrorInfo) => void;
  timer: NodeJS.Timeout;
}

export class LeaderState implements LeaderRole {
  readonly kind = 'leader' as const;
  private readonly tracker: IsrTracker;
  private waiters: Waiter[] = [];
  private resigned = false;
  private alterInFlight = false;
  private readonly outOfSync = new Map<number, string>();
  /** The first offset of this leader's epoch. */
  readonly epochStartOffset: bigint;

  constructor(readonly partition: Partition, private current: PartitionState, private readonly deps: LeaderStateDeps) {
    const log = partition.log;
    partition.leaderEpoch = current.leaderEpoch;
    log.leaderEpochs.assign(current.leaderEpoch, log.logEndOffset);
    this.epochStartOffset = log.leaderEpochs.list().find((e) => e.epoch === current.leaderEpoch)?.startOffset ?? log.logEndOffset;
    this.tracker = new IsrTracker({
      leader: deps.nodeId, replicas: [...current.replicas], isr: [...current.isr], leaderLogEndOffset: log.logEndOffset,
      highWatermark: log.highWatermark, leaderEpochStartOffset: this.epochStartOffset, replicaLagTimeMaxMs: deps.lagTimeMaxMs, now: deps.now,
    });
    this.publish(this.tracker.onLeaderAppend(log.logEndOffset));
  }

  get state(): PartitionState { return this.current; }
  get isrSize(): number { return this.tracker.isr.length; }
  get isr(): readonly number[] { return this.tracker.isr; }
  get isResigned(): boolean { return this.resigned; }

  hasReplica(id: number): boolean {
    return this.current.replicas.includes(id);
  }

  afterAppend(): void {
    // Partition.append notifies waiting fetches itself right after this.
    this.publish(this.tracker.onLeaderAppend(this.partition.log.logEndOffset), false);
  }

  onFollowerFetch(replicaId: number, fetchOffset: bigint): void {
    this.publish(this.tracker.onFollowerFetch(replicaId, fetchOffset));
    if (!this.alterInFlight && !this.tracker.isr.includes(replicaId) && this.current.replicas.includes(replicaId)) this.deps.requestIsrCheck(this);
  }

  awaitReplication(requiredOffset: bigint, minIsr: number, timeoutMs: number): KafkaErrorInfo | Promise<KafkaErrorInfo> {
    if (this.resigned) return KafkaError.NOT_LEADER_OR_FOLLOWER;
    if (this.partition.log.highWatermark >= requiredOffset) return this.outcome(minIsr);
    return new Promise((resolve) => {
      const w: Waiter = {
        requiredOffset, minIsr, resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((x) => x !== w);
          resolve(KafkaError.REQUEST_TIMED_OUT);
        }, Math.max(0, timeoutMs)),
      };
      this.waiters.push(w);
    });
  }

  /** The committed state moved (the controller's answer, or metadata): same leader epoch, newer partition epoch. */
  applyCommitted(state: PartitionState, removedReasons: readonly { id: number; reason: string }[] = []): void {
    if (this.resigned || state.leaderEpoch !== this.current.leaderEpoch || state.partitionEpoch < this.current.partitionEpoch) return;
    const before = this.tracker.isr;
    for (const id of before) {
      if (state.isr.includes(id)) continue;
      this.outOfSync.set(id, removedReasons.find((r) => r.id === id)?.reason ?? 'removed from the ISR by the controller');
    }
    for (const id of state.isr) this.outOfSync.delete(id);
    if (state.replicas.join(',') !== this.current.replicas.join(',')) this.tracker.setReplicas(state.replicas);
    this.current = state;
    this.publish(this.tracker.commitIsr([...state.isr]));
    this.settleWaiters(); // an ISR change alone can decide NOT_ENOUGH_REPLICAS_AFTER_APPEND
  }

  /** The ISR change to ask the controller for now (marks it in flight), or null. */
  proposeIsrChange(isLive: (id: number) => boolean): AlterIsrRequest | null {
    if (this.alterInFlight || this.resigned) return null;
    const p = this.tracker.propose(isLive);
    if (p === null) return null;
    this.alterInFlight = true;
    const s = this.current;
    return {
      topic: s.topic, partition: s.partition, leaderId: this.deps.nodeId, leaderEpoch: s.leaderEpoch, partitionEpoch: s.partitionEpoch,
      newIsr: p.newIsr, removed: p.removed, added: p.added,
    };
  }

  /** The controller answered `req`: commit its state, or drop the proposal (a refusal keeps the committed ISR). */
  onAlterResult(req: AlterIsrRequest, result: AlterIsrResult): void {
    this.alterInFlight = false;
    if (this.resigned) return;
    if (!result.ok) { this.publish(this.tracker.commitIsr([...this.current.isr])); return; }
    this.applyCommitted(result.state, req.removed);
    // The cluster may have pushed the same state first (without our reasons): the reasons still hold.
    if (result.state.leaderEpoch !== this.current.leaderEpoch) return;
    for (const r of req.removed) if (!this.current.isr.includes(r.id)) this.outOfSync.set(r.id, r.reason);
  }

  /** Leadership moved (or the replica stopped): waiting produces get NOT_LEADER_OR_FOLLOWER. */
  resign(): void {
    if (this.resigned) return;
    this.resigned = true;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve(KafkaError.NOT_LEADER_OR_FOLLOWER);
    }
  }

  status(): PartitionReplication {
    const log = this.partition.log;
    const leo = log.logEndOffset;
    const replicas = this.current.replicas.map((id): ReplicaStatus => {
      const inIsr = this.tracker.isr.includes(id);
      if (id === this.deps.nodeId) return { nodeId: id, logEndOffset: leo, lag: 0n, lastCaughtUpTimeMs: this.deps.now(), inIsr, outOfSyncReason: null };
      const f = this.tracker.follower(id);
      const fLeo = f?.logEndOffset ?? -1n;
      const caught = f !== undefined && f.lastCaughtUpTimeMs > 0 ? f.lastCaughtUpTimeMs : null;
      return {
        nodeId: id, logEndOffset: fLeo, lag: fLeo < 0n ? leo : leo - fLeo, lastCaughtUpTimeMs: caught, inIsr,
        outOfSyncReason: inIsr ? null : (this.outOfSync.get(id) ?? null),
      };
    });
    return {
      topic: this.current.topic, partition: this.current.partition, leader: this.deps.nodeId, leaderEpoch: this.current.leaderEpoch,
      highWatermark: log.highWatermark, replicas, epochHistory: log.leaderEpochs.list().map((e) => ({ epoch: e.epoch, startOffset: e.startOffset })),
    };
  }

  private outcome(minIsr: number): KafkaErrorInfo {
    return this.tracker.isr.length >= minIsr ? KafkaError.NONE : KafkaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND;
  }

  private publish(hw: bigint, notify = true): void {
    const log = this.partition.log;
    if (hw <= log.highWatermark) return;
    log.setHighWatermark(hw);
    if (notify) this.partition.notify(); // consumers long-polling at the old HW can read now
    this.settleWaiters();
  }

  private settleWaiters(): void {
    if (this.waiters.length === 0) return;
    const hw = this.partition.log.highWatermark;
    const keep: Waiter[] = [];
    for (const w of this.waiters) {
      if (hw < w.requiredOffset) { keep.push(w); continue; }
      clearTimeout(w.timer);
      w.resolve(this.outcome(w.minIsr));
    }
    this.waiters = keep;
  }
}
