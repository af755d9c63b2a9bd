/**
 * Controller decisions about brokers, pure functions over the image that return the records to append.
 * Registration (as KRaft's BrokerRegistration): a broker registers fenced, with a new epoch equal to the
 * offset its RegisterBroker record will take; it is unfenced once it has caught up (the caller decides
 * when) with its current epoch. Fencing a lost broker (missed heartbeats, kill, isolation) removes it from
 * every ISR it is in, unless it is the last member (the ISR is never emptied), and moves leadership away:
 * a clean election from the remaining ISR, or an unclean one from out-of-sync replicas only where
 * unclean.leader.election.enable is true. Unfencing gives leaderless partitions a leader again.
 */
import { ControllerError } from './controller-error.js';
import { uncleanLeaderElectionEnabled } from './cluster-config.js';
import { NO_LEADER, type MetadataImage } from './metadata-image.js';
import type { MetadataRecord } from './metadata-records.js';
import { changeRecord, elect, liveIn, nextState, type IsLive } from './partition-change.js';

export interface BrokerRegistration {
  brokerId: number;
  incarnationId: string;
  host: string;
  port: number;
  rack?: string | null;
}

export interface RegistrationDecision {
  records: MetadataRecord[];
  /** The broker's epoch after the records are applied. */
  brokerEpoch: bigint;
}

/** The records must be appended on their own (or first in their batch): the epoch is their offset. */
export function registerBroker(image: MetadataImage, reg: BrokerRegistration): RegistrationDecision {
  if (!Number.isInteger(reg.brokerId) || reg.brokerId < 0) throw new ControllerError('INVALID_REQUEST', `broker id ${reg.brokerId} is negative`);
  const existing = image.brokers.get(reg.brokerId);
  if (existing !== undefined && !existing.fenced) {
    // A retry from the same process changes nothing; another process may not take a live broker's id.
    if (existing.incarnationId === reg.incarnationId) return { records: [], brokerEpoch: existing.epoch };
    throw new ControllerError('DUPLICATE_BROKER_REGISTRATION', `broker ${reg.brokerId} is registered and live (incarnation ${existing.incarnationId})`);
  }
  const brokerEpoch = image.lastOffset + 1n;
  return {
    brokerEpoch,
    records: [{
      type: 'RegisterBroker', brokerId: reg.brokerId, incarnationId: reg.incarnationId, brokerEpoch,
      host: reg.host, port: reg.port, rack: reg.rack ?? null,
    }],
  };
}

function checkEpoch(image: MetadataImage, brokerId: number, brokerEpoch: bigint): void {
  const b = image.brokers.get(brokerId);
  if (b === undefined) throw new ControllerError('BROKER_ID_NOT_REGISTERED', `broker ${brokerId} is not registered`);
  if (b.epoch !== brokerEpoch) throw new ControllerError('STALE_BROKER_EPOCH', `broker ${brokerId} has epoch ${b.epoch}, not ${brokerEpoch}`);
}

export function unfenceBroker(image: MetadataImage, brokerId: number, brokerEpoch: bigint): MetadataRecord[] {
  checkEpoch(image, brokerId, brokerEpoch);
  if (!image.brokers.get(brokerId)!.fenced) return [];
  const live = liveIn(image);
  const isLive: IsLive = (id) => id === brokerId || live(id);
  return [
    { type: 'UnfenceBroker', brokerId, brokerEpoch },
    ...reelect(image, isLive, (p) => p.leader === NO_LEADER && p.replicas.includes(brokerId), `broker ${brokerId} unfenced`),
  ];
}

export function fenceBroker(image: MetadataImage, brokerId: number, brokerEpoch: bigint, cause = 'lost'): MetadataRecord[] {
  checkEpoch(image, brokerId, brokerEpoch);
  if (image.brokers.get(brokerId)!.fenced) return [];
  const live = liveIn(image);
  const isLive: IsLive = (id) => id !== brokerId && live(id);
  return [
    { type: 'FenceBroker', brokerId, brokerEpoch },
    ...reelect(image, isLive, (p) => p.isr.includes(brokerId), `broker ${brokerId} fenced (${cause})`, brokerId),
  ];
}

/** Re-elects (and shrinks the ISR of) every partition `affected` selects, given who is live. */
function reelect(
  image: MetadataImage, isLive: IsLive, affected: (p: { leader: number; replicas: number[]; isr: number[] }) => boolean,
  reason: string, leaving?: number,
): MetadataRecord[] {
  const out: MetadataRecord[] = [];
  for (const topic of image.topicsById.values()) {
    const unclean = uncleanLeaderElectionEnabled(image, topic.name);
    for (const p of topic.partitions.values()) {
      if (!affected(p)) continue;
      const shrunk = leaving === undefined ? p.isr : p.isr.filter((r) => r !== leaving);
      const isr = shrunk.length > 0 ? shrunk : p.isr;
      const e = elect(p, isr, isLive, unclean);
      const next = nextState(p, { isr: e.isr, leader: e.leader });
      if (next !== null) out.push(changeRecord(next, e.kind === 'unclean' ? `${reason}; unclean leader election` : reason));
    }
  }
  return out;
}
