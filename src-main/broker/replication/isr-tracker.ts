/**
 * The leader side of ISR management for one partition, pure and clock-injected (the replication layer
 * feeds it fetches; it decides nothing by itself on timers). It follows Kafka's Partition/Replica rules:
 * - a follower's lastCaughtUpTimeMs moves to the fetch time when it fetched at the leader's log end, or to
 *   its previous fetch time when it reached the log end the leader had then (so a follower that keeps up
 *   under steady produce counts as caught up, KIP-537's replica.lag.time.max.ms, default 30 s);
 * - an ISR follower whose LEO differs from the leader's and that has not caught up within the lag window is
 *   proposed for removal; an out-of-sync live follower whose LEO reached both the high watermark and the
 *   start offset of the leader's current epoch is proposed for addition;
 * - the high watermark is the minimum LEO over the "maximal" ISR (the committed ISR plus any proposed
 *   addition not yet committed, minus nothing until the controller commits a removal), and never goes back.
 * Proposals go to the controller as alterPartition requests; `commitIsr` takes the controller's answer.
 */

export interface FollowerState {
  id: number;
  logEndOffset: bigint;
  lastCaughtUpTimeMs: number;
  lastFetchTimeMs: number;
  /** The leader's LEO at this follower's previous fetch. */
  lastFetchLeaderLogEndOffset: bigint;
}

export interface IsrTrackerOptions {
  leader: number;
  replicas: number[];
  isr: number[];
  leaderLogEndOffset: bigint;
  highWatermark: bigint;
  /** First offset of the leader's current epoch (its LEO when it became leader). */
  leaderEpochStartOffset: bigint;
  replicaLagTimeMaxMs?: number;
  now: () => number;
}

export interface IsrProposal {
  newIsr: number[];
  removed: { id: number; reason: string }[];
  added: number[];
}

export class IsrTracker {
  private readonly followers = new Map<number, FollowerState>();
  private committedIsr: number[];
  private pendingIsr: number[] | null = null;
  private leo: bigint;
  private hw: bigint;
  private readonly lagMaxMs: number;

  constructor(private readonly opts: IsrTrackerOptions) {
    this.committedIsr = [...opts.isr];
    this.leo = opts.leaderLogEndOffset;
    this.hw = opts.highWatermark;
    this.lagMaxMs = opts.replicaLagTimeMaxMs ?? 30_000;
    const t = opts.now();
    // As in Kafka, a new leader treats followers already in the ISR as caught up now and others as never.
    for (const id of opts.replicas) {
      if (id === opts.leader) continue;
      const inIsr = opts.isr.includes(id);
      this.followers.set(id, { id, logEndOffset: -1n, lastCaughtUpTimeMs: inIsr ? t : 0, lastFetchTimeMs: inIsr ? t : 0, lastFetchLeaderLogEndOffset: -1n });
    }
  }

  get isr(): readonly number[] { return this.committedIsr; }
  get highWatermark(): bigint { return this.hw; }
  get leaderLogEndOffset(): bigint { return this.leo; }

  follower(id: number): FollowerState | undefined {
    const f = this.followers.get(id);
    return f === undefined ? undefined : { ...f };
  }

  /** The leader appended: its log end moved. Returns the (possibly advanced) high watermark. */
  onLeaderAppend(leaderLogEndOffset: bigint): bigint {
    this.leo = leaderLogEndOffset;
    return this.advanceHw();
  }

  /** A follower fetched at `fetchOffset` (its LEO). Unknown replica ids are ignored (not a replica). */
  onFollowerFetch(id: number, fetchOffset: bigint): bigint {
    const f = this.followers.get(id);
    if (f === undefined) return this.hw;
    const t = this.opts.now();
    if (fetchOffset >= this.leo) f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, t);
    else if (fetchOffset >= f.lastFetchLeaderLogEndOffset && f.lastFetchLeaderLogEndOffset >= 0n) {
      f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, f.lastFetchTimeMs);
    }
    f.logEndOffset = fetchOffset;
    f.lastFetchLeaderLogEndOffset = this.leo;
    f.lastFetchTimeMs = t;
    return this.advanceHw();
  }

  private advanceHw(): bigint {
    const members = new Set([...this.committedIsr, ...(this.pendingIsr ?? [])]);
    let min = this.leo;
    for (const id of members) {
      if (id === this.opts.leader) continue;
      const leo = this.followers.get(id)?.logEndOffset ?? -1n;
      if (leo < min) min = leo;
    }
    if (min > this.hw) this.hw = min;
    return this.hw;
  }

  /** The ISR the leader should ask for now, or null when it should stay as it is. */
  propose(isLive: (id: number) => boolean): IsrProposal | null {
    const t = this.opts.now();
    const removed: { id: number; reason: string }[] = [];
    const added: number[] = [];
    for (const f of this.followers.values()) {
      const inIsr = this.committedIsr.includes(f.id);
      if (inIsr && f.logEndOffset !== this.leo && t - f.lastCaughtUpTimeMs > this.lagMaxMs) {
        removed.push({ id: f.id, reason: `replica ${f.id} not caught up for ${t - f.lastCaughtUpTimeMs} ms (replica.lag.time.max.ms ${this.lagMaxMs})` });
      } else if (!inIsr && isLive(f.id) && f.logEndOffset >= this.hw && f.logEndOffset >= this.opts.leaderEpochStartOffset) {
        added.push(f.id);
      }
    }
    if (removed.length === 0 && added.length === 0) return null;
    const newIsr = [...this.committedIsr.filter((id) => !removed.some((r) => r.id === id)), ...added];
    this.pendingIsr = newIsr;
    this.advanceHw();
    return { newIsr, removed, added };
  }

  /** The replica set changed (a reassignment): new followers start never caught up; removed ones are forgotten. */
  setReplicas(replicas: readonly number[]): void {
    for (const id of [...this.followers.keys()]) if (!replicas.includes(id)) this.followers.delete(id);
    for (const id of replicas) {
      if (id === this.opts.leader || this.followers.has(id)) continue;
      this.followers.set(id, { id, logEndOffset: -1n, lastCaughtUpTimeMs: 0, lastFetchTimeMs: 0, lastFetchLeaderLogEndOffset: -1n });
    }
  }

  /** The controller committed `isr` (or refused the proposal: pass the current committed ISR). */
  commitIsr(isr: number[]): bigint {
    this.committedIsr = [...isr];
    this.pendingIsr = null;
    return this.advanceHw();
  }
}
