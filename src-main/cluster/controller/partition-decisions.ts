/**
 * Controller decisions about one partition's leadership and ISR, pure over the image:
 * - alterPartition: a leader's ISR shrink or expand (Kafka's AlterPartition, KIP-497), checked as KRaft
 *   checks it: the sender's broker epoch, that it is the leader, its leader epoch (older: FENCED_LEADER_EPOCH,
 *   newer: UNKNOWN_LEADER_EPOCH), the partition epoch it last saw (else INVALID_UPDATE_VERSION, so two
 *   concurrent changes cannot both apply), and the new ISR (it must hold the leader and only replicas;
 *   fenced brokers are INELIGIBLE_REPLICA, KIP-841). An expansion that brings every reassignment target
 *   into the ISR also finishes the reassignment, in the same record.
 * - electLeaders: ElectLeaders' preferred election (leader := first replica when it is live and in sync)
 *   and its unclean election (for a leaderless partition; the API ignores the topic config, as in Kafka).
 * - checkMinIsr / checkAfterAppend: the acks=all rule (NOT_ENOUGH_REPLICAS before the append,
 *   NOT_ENOUGH_REPLICAS_AFTER_APPEND after it), over the committed ISR in the image.
 */
import { ControllerError } from './controller-error.js';
import { minInsyncReplicas } from './cluster-config.js';
import { NO_LEADER, topicByName, type MetadataImage, type PartitionImage, type TopicImage } from './metadata-image.js';
import type { MetadataRecord } from './metadata-records.js';
import { changeRecord, completeReassignmentIfReady, elect, liveIn, nextState } from './partition-change.js';

export function findPartition(image: MetadataImage, topic: string, partitionId: number): { topic: TopicImage; partition: PartitionImage } {
  const t = topicByName(image, topic);
  const p = t?.partitions.get(partitionId);
  if (t === undefined || p === undefined) throw new ControllerError('UNKNOWN_TOPIC_OR_PARTITION', `${topic}-${partitionId} does not exist`);
  return { topic: t, partition: p };
}

export interface AlterPartitionRequest {
  brokerId: number;
  brokerEpoch: bigint;
  topicId: string;
  partitionId: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
}

export interface PartitionDecision {
  records: MetadataRecord[];
  /** The partition as it will be once the records are applied. */
  partition: PartitionImage;
}

export function alterPartition(image: MetadataImage, req: AlterPartitionRequest): PartitionDecision {
  const b = image.brokers.get(req.brokerId);
  if (b === undefined) throw new ControllerError('BROKER_ID_NOT_REGISTERED', `broker ${req.brokerId} is not registered`);
  if (b.epoch !== req.brokerEpoch) throw new ControllerError('STALE_BROKER_EPOCH', `broker ${req.brokerId} has epoch ${b.epoch}, not ${req.brokerEpoch}`);
  const t = image.topicsById.get(req.topicId);
  if (t === undefined) throw new ControllerError('UNKNOWN_TOPIC_ID', `no topic has id ${req.topicId}`);
  const p = t.partitions.get(req.partitionId);
  const where = `${t.name}-${req.partitionId}`;
  if (p === undefined) throw new ControllerError('UNKNOWN_TOPIC_OR_PARTITION', `${where} does not exist`);
  if (p.leader !== req.brokerId) throw new ControllerError('NOT_LEADER_OR_FOLLOWER', `broker ${req.brokerId} is not the leader of ${where} (leader ${p.leader})`);
  if (req.leaderEpoch < p.leaderEpoch) throw new ControllerError('FENCED_LEADER_EPOCH', `${where}: leader epoch ${req.leaderEpoch} is older than ${p.leaderEpoch}`);
  if (req.leaderEpoch > p.leaderEpoch) throw new ControllerError('UNKNOWN_LEADER_EPOCH', `${where}: leader epoch ${req.leaderEpoch} is newer than ${p.leaderEpoch}`);
  if (req.partitionEpoch !== p.partitionEpoch) {
    throw new ControllerError('INVALID_UPDATE_VERSION', `${where}: partition epoch ${req.partitionEpoch} is not the current ${p.partitionEpoch}`);
  }
  const isr = req.newIsr;
  if (new Set(isr).size !== isr.length) throw new ControllerError('INVALID_REQUEST', `${where}: duplicate ISR members in ${isr.join(',')}`);
  if (!isr.includes(p.leader)) throw new ControllerError('INVALID_REQUEST', `${where}: the new ISR ${isr.join(',')} lacks the leader ${p.leader}`);
  const live = liveIn(image);
  for (const r of isr) {
    if (!p.replicas.includes(r)) throw new ControllerError('INVALID_REQUEST', `${where}: ${r} is not a replica`);
    if (!live(r) && !p.isr.includes(r)) throw new ControllerError('INELIGIBLE_REPLICA', `${where}: broker ${r} is fenced and cannot join the ISR`);
  }
  const shrink = p.isr.some((r) => !isr.includes(r));
  const expand = isr.some((r) => !p.isr.includes(r));
  const reason = shrink && expand ? 'ISR changed by the leader' : shrink ? 'ISR shrink' : 'ISR expand';
  const target = completeReassignmentIfReady(p, { isr }, live);
  const next = nextState(p, target);
  if (next === null) return { records: [], partition: p };
  const done = target.addingReplicas !== undefined;
  return { records: [changeRecord(next, done ? `${reason}; reassignment complete` : reason)], partition: next };
}

export type ElectionType = 'preferred' | 'unclean';

export function electLeader(image: MetadataImage, topic: string, partitionId: number, type: ElectionType): PartitionDecision {
  const { partition: p } = findPartition(image, topic, partitionId);
  const where = `${topic}-${partitionId}`;
  const live = liveIn(image);
  if (type === 'preferred') {
    const preferred = p.replicas[0];
    if (p.leader === preferred) throw new ControllerError('ELECTION_NOT_NEEDED', `${where}: ${preferred} already leads`);
    if (!p.isr.includes(preferred) || !live(preferred)) {
      throw new ControllerError('PREFERRED_LEADER_NOT_AVAILABLE', `${where}: preferred leader ${preferred} is not live and in sync`);
    }
    const next = nextState(p, { leader: preferred })!;
    return { records: [changeRecord(next, 'preferred leader election')], partition: next };
  }
  if (p.leader !== NO_LEADER) throw new ControllerError('ELECTION_NOT_NEEDED', `${where}: ${p.leader} leads`);
  const e = elect(p, p.isr, live, true);
  if (e.kind === 'offline') throw new ControllerError('ELIGIBLE_LEADERS_NOT_AVAILABLE', `${where}: no replica is live`);
  const next = nextState(p, { leader: e.leader, isr: e.isr })!;
  return { records: [changeRecord(next, e.kind === 'unclean' ? 'unclean leader election' : 'leader election')], partition: next };
}

export type MinIsrCheck =
  | { ok: true; isrSize: number; minIsr: number }
  | { ok: false; error: 'NOT_ENOUGH_REPLICAS' | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'; isrSize: number; minIsr: number };

/** Before an append: acks=all (-1) needs |ISR| >= min.insync.replicas; other acks always pass. */
export function checkMinIsr(image: MetadataImage, topic: string, partitionId: number, acks: number): MinIsrCheck {
  const { partition: p } = findPartition(image, topic, partitionId);
  const minIsr = minInsyncReplicas(image, topic);
  const isrSize = p.isr.length;
  if (acks !== -1 || isrSize >= minIsr) return { ok: true, isrSize, minIsr };
  return { ok: false, error: 'NOT_ENOUGH_REPLICAS', isrSize, minIsr };
}

/** After an acks=all append reached the HW: the ISR may have shrunk below the minimum while waiting. */
export function checkAfterAppend(image: MetadataImage, topic: string, partitionId: number): MinIsrCheck {
  const r = checkMinIsr(image, topic, partitionId, -1);
  return r.ok ? r : { ...r, error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' };
}
