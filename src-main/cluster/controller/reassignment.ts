/**
 * Partition reassignment in Kafka's steps (KIP-455, AlterPartitionReassignments): starting one sets
 * replicas = target followed by the replicas being removed, with addingReplicas and removingReplicas; the
 * new replicas then catch up and the leader adds them to the ISR (alterPartition), and once every target
 * replica is in sync the change that says so also drops the removed replicas (finishing the reassignment,
 * bumping the leader epoch, moving leadership off a removed leader). A target already in sync finishes at
 * once. Cancelling (target null) goes back to the original replicas; a new target replaces an ongoing one.
 */
import { ControllerError } from './controller-error.js';
import type { MetadataImage, PartitionImage } from './metadata-image.js';
import { changeRecord, completeReassignmentIfReady, elect, liveIn, nextState, type PartitionTarget } from './partition-change.js';
import { findPartition, type PartitionDecision } from './partition-decisions.js';
import { validateReplicaList } from './topic-decisions.js';

const isReassigning = (p: PartitionImage): boolean => p.addingReplicas.length > 0 || p.removingReplicas.length > 0;

/** The replicas before the ongoing reassignment (or the current ones when there is none). */
export function originalReplicas(p: PartitionImage): number[] {
  return p.replicas.filter((r) => !p.addingReplicas.includes(r));
}

export function reassignPartition(image: MetadataImage, topic: string, partitionId: number, target: number[] | null): PartitionDecision {
  const { partition: p } = findPartition(image, topic, partitionId);
  const where = `${topic}-${partitionId}`;
  const live = liveIn(image);
  const original = originalReplicas(p);
  let want: PartitionTarget;
  let reason: string;
  if (target === null) {
    if (!isReassigning(p)) throw new ControllerError('NO_REASSIGNMENT_IN_PROGRESS', `${where} is not being reassigned`);
    const isr = p.isr.filter((r) => original.includes(r));
    if (isr.length === 0) {
      throw new ControllerError('INVALID_REPLICA_ASSIGNMENT', `${where}: cannot cancel, no original replica is in sync`);
    }
    const e = elect({ replicas: original, leader: p.leader }, isr, live, false);
    want = { replicas: original, isr: e.isr, leader: e.leader, addingReplicas: [], removingReplicas: [] };
    reason = 'reassignment cancelled';
  } else {
    validateReplicaList(image, target, where);
    const adding = target.filter((r) => !original.includes(r));
    const removing = original.filter((r) => !target.includes(r));
    const replicas = [...target, ...removing];
    // Replacing an ongoing reassignment drops replicas it was adding that the new target does not keep.
    const isr = p.isr.filter((r) => replicas.includes(r));
    if (isr.length === 0) throw new ControllerError('INVALID_REPLICA_ASSIGNMENT', `${where}: no replica of ${replicas.join(',')} is in sync`);
    const e = elect({ replicas, leader: p.leader }, isr, live, false);
    want = completeReassignmentIfReady(p, { replicas, addingReplicas: adding, removingReplicas: removing, isr: e.isr, leader: e.leader }, live);
    reason = want.addingReplicas?.length === 0 && want.removingReplicas?.length === 0 ? 'reassignment complete' : 'reassignment started';
  }
  const next = nextState(p, want);
  if (next === null) return { records: [], partition: p };
  return { records: [changeRecord(next, reason)], partition: next };
}

export interface OngoingReassignment {
  topic: string;
  partitionId: number;
  replicas: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}

/** ListPartitionReassignments: every partition with a reassignment in progress, by topic name and id. */
export function listReassignments(image: MetadataImage): OngoingReassignment[] {
  const out: OngoingReassignment[] = [];
  for (const t of image.topicsById.values()) {
    for (const p of t.partitions.values()) {
      if (!isReassigning(p)) continue;
      out.push({ topic: t.name, partitionId: p.partitionId, replicas: [...p.replicas], addingReplicas: [...p.addingReplicas], removingReplicas: [...p.removingReplicas] });
    }
  }
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partitionId - b.partitionId);
}
