/**
 * The one place that turns a wanted partition state into a PartitionChange record, with Kafka's epoch
 * rules (KRaft's PartitionChangeBuilder): every change moves the partition epoch by one; the leader epoch
 * moves when the leader changes, and also when replicas are removed, so that a removed replica's requests
 * are fenced. No change gives no record. Also the election rules shared by every decision: a clean leader
 * is the first live replica, in replica order, that is in the ISR; an unclean one (only when allowed) is
 * the first live replica outside it, and the ISR becomes just that replica, as in Kafka. With no candidate
 * the partition goes offline (leader -1) and keeps its last ISR, which is never emptied.
 */
import { NO_LEADER, type MetadataImage, type PartitionImage } from './metadata-image.js';
import type { PartitionChangeRecord } from './metadata-records.js';

export type IsLive = (brokerId: number) => boolean;

/** Registered and not fenced, in the image as it stands. */
export function liveIn(image: MetadataImage): IsLive {
  return (id) => image.brokers.get(id)?.fenced === false;
}

export type ElectionKind = 'kept' | 'clean' | 'unclean' | 'offline';

export interface Election { leader: number; isr: number[]; kind: ElectionKind }

/**
 * Chooses the leader for a partition whose ISR is `isr`: the current leader stays if it is live and in
 * the ISR; otherwise a clean election, then (if `unclean`) an unclean one, else offline.
 */
export function elect(p: Pick<PartitionImage, 'replicas' | 'leader'>, isr: number[], isLive: IsLive, unclean: boolean): Election {
  if (p.leader !== NO_LEADER && isr.includes(p.leader) && isLive(p.leader)) return { leader: p.leader, isr, kind: 'kept' };
  const clean = p.replicas.find((r) => isr.includes(r) && isLive(r));
  if (clean !== undefined) return { leader: clean, isr, kind: 'clean' };
  if (unclean) {
    const any = p.replicas.find((r) => isLive(r));
    if (any !== undefined) return { leader: any, isr: [any], kind: 'unclean' };
  }
  return { leader: NO_LEADER, isr, kind: 'offline' };
}

export type PartitionTarget = Partial<Pick<PartitionImage, 'replicas' | 'isr' | 'leader' | 'addingReplicas' | 'removingReplicas'>>;

const sameList = (a: number[], b: number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The next state of `cur` with `target` laid over it and the epochs moved; null when nothing changes. */
export function nextState(cur: PartitionImage, target: PartitionTarget): PartitionImage | null {
  const next: PartitionImage = {
    ...cur,
    replicas: [...(target.replicas ?? cur.replicas)],
    isr: [...(target.isr ?? cur.isr)],
    addingReplicas: [...(target.addingReplicas ?? cur.addingReplicas)],
    removingReplicas: [...(target.removingReplicas ?? cur.removingReplicas)],
    leader: target.leader ?? cur.leader,
  };
  const unchanged = next.leader === cur.leader && sameList(next.replicas, cur.replicas) && sameList(next.isr, cur.isr)
    && sameList(next.addingReplicas, cur.addingReplicas) && sameList(next.removingReplicas, cur.removingReplicas);
  if (unchanged) return null;
  const replicaRemoved = cur.replicas.some((r) => !next.replicas.includes(r));
  next.partitionEpoch = cur.partitionEpoch + 1;
  next.leaderEpoch = next.leader !== cur.leader || replicaRemoved ? cur.leaderEpoch + 1 : cur.leaderEpoch;
  return next;
}

export function changeRecord(p: PartitionImage, reason: string): PartitionChangeRecord {
  return {
    type: 'PartitionChange', topicId: p.topicId, partitionId: p.partitionId, replicas: p.replicas, isr: p.isr,
    addingReplicas: p.addingReplicas, removingReplicas: p.removingReplicas, leader: p.leader,
    leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, reason,
  };
}

/**
 * Finishes a reassignment once every target replica (replicas minus removing) is in the ISR: the removed
 * replicas leave the replica set and the ISR, and a leader that is being removed hands over to the first
 * live target replica in the ISR. Returns the target unchanged when there is nothing to finish.
 */
export function completeReassignmentIfReady(p: PartitionImage, target: PartitionTarget, isLive: IsLive): PartitionTarget {
  const replicas = target.replicas ?? p.replicas;
  const isr = target.isr ?? p.isr;
  const adding = target.addingReplicas ?? p.addingReplicas;
  const removing = target.removingReplicas ?? p.removingReplicas;
  if (adding.length === 0 && removing.length === 0) return target;
  const finalReplicas = replicas.filter((r) => !removing.includes(r));
  if (!finalReplicas.every((r) => isr.includes(r))) return target;
  const finalIsr = isr.filter((r) => finalReplicas.includes(r));
  const leader = target.leader ?? p.leader;
  const e = elect({ replicas: finalReplicas, leader }, finalIsr, isLive, false);
  return { replicas: finalReplicas, isr: e.isr, leader: e.leader, addingReplicas: [], removingReplicas: [] };
}
