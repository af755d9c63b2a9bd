/**
 * The in-memory view of the cluster that the metadata log replays into: brokers (registration epoch,
 * fenced or not), topics with ids, partitions (replicas, ISR, leader, leader and partition epochs, an
 * ongoing reassignment) and configs. `applyRecord` is the only writer and checks every record against the
 * image (a PartitionChange must move the partition epoch by exactly one, must raise the leader epoch when
 * the leader changes and never lower it, may not name unknown brokers...), so a log that replays is a log
 * whose invariants held. Errors are ControllerError CORRUPT_METADATA; the image is unchanged by a record
 * that fails.
 */
import { ControllerError } from './controller-error.js';
import type { MetadataRecord, PartitionRecord } from './metadata-records.js';

export const NO_LEADER = -1;

export interface BrokerImage {
  id: number;
  incarnationId: string;
  /** The offset of its registration record, as in KRaft. */
  epoch: bigint;
  host: string;
  port: number;
  rack: string | null;
  fenced: boolean;
}

export interface PartitionImage {
  topicId: string;
  partitionId: number;
  replicas: number[];
  isr: number[];
  addingReplicas: number[];
  removingReplicas: number[];
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
}

export interface TopicImage {
  name: string;
  id: string;
  partitions: Map<number, PartitionImage>;
}

export interface MetadataImage {
  brokers: Map<number, BrokerImage>;
  topicsById: Map<string, TopicImage>;
  topicIdsByName: Map<string, string>;
  /** `${resourceType}:${resourceName}` -> config name -> value. */
  configs: Map<string, Map<string, string>>;
  /** Offset of the last applied record; -1 when empty. */
  lastOffset: bigint;
}

export function emptyImage(): MetadataImage {
  return { brokers: new Map(), topicsById: new Map(), topicIdsByName: new Map(), configs: new Map(), lastOffset: -1n };
}

export function cloneImage(image: MetadataImage): MetadataImage {
  const topicsById = new Map<string, TopicImage>();
  for (const [id, t] of image.topicsById) {
    topicsById.set(id, { ...t, partitions: new Map([...t.partitions].map(([p, s]) => [p, clonePartition(s)])) });
  }
  return {
    brokers: new Map([...image.brokers].map(([id, b]) => [id, { ...b }])),
    topicsById,
    topicIdsByName: new Map(image.topicIdsByName),
    configs: new Map([...image.configs].map(([k, v]) => [k, new Map(v)])),
    lastOffset: image.lastOffset,
  };
}

export function clonePartition(p: PartitionImage): PartitionImage {
  return {
    ...p, replicas: [...p.replicas], isr: [...p.isr], addingReplicas: [...p.addingReplicas],
    removingReplicas: [...p.removingReplicas],
  };
}

export function configKey(resourceType: number, resourceName: string): string {
  return `${resourceType}:${resourceName}`;
}

export function topicByName(image: MetadataImage, name: string): TopicImage | undefined {
  const id = image.topicIdsByName.get(name);
  return id === undefined ? undefined : image.topicsById.get(id);
}

function corrupt(message: string): never {
  throw new ControllerError('CORRUPT_METADATA', message);
}

/**
 * Applies records in order, at consecutive offsets starting at `firstOffset`, to a new image; all or
 * nothing, and `image` is left as it was. The new image shares every broker, topic and config object the
 * records do not touch (applyRecord replaces, never mutates, nested objects), so an append costs
 * O(brokers + topics), not a copy of every partition.
 */
export function applyRecords(image: MetadataImage, records: readonly MetadataRecord[], firstOffset: bigint): MetadataImage {
  const next: MetadataImage = {
    brokers: new Map(image.brokers), topicsById: new Map(image.topicsById), topicIdsByName: new Map(image.topicIdsByName),
    configs: new Map(image.configs), lastOffset: image.lastOffset,
  };
  records.forEach((r, i) => applyRecord(next, r, firstOffset + BigInt(i)));
  return next;
}

function setPartition(image: MetadataImage, t: TopicImage, p: PartitionImage): void {
  image.topicsById.set(t.id, { ...t, partitions: new Map(t.partitions).set(p.partitionId, p) });
}

/**
 * Applies one record to `image`'s own maps (nested broker, topic and config objects are replaced, never
 * mutated, so images made by applyRecords can share them); on error the image is left as it was.
 */
export function applyRecord(image: MetadataImage, record: MetadataRecord, offset: bigint): void {
  if (offset <= image.lastOffset) corrupt(`record at offset ${offset} is not after ${image.lastOffset}`);
  switch (record.type) {
    case 'RegisterBroker':
      image.brokers.set(record.brokerId, {
        id: record.brokerId, incarnationId: record.incarnationId, epoch: record.brokerEpoch,
        host: record.host, port: record.port, rack: record.rack, fenced: true,
      });
      break;
    case 'FenceBroker':
    case 'UnfenceBroker': {
      const b = image.brokers.get(record.brokerId);
      if (b === undefined) corrupt(`${record.type} for unregistered broker ${record.brokerId}`);
      if (b.epoch !== record.brokerEpoch) corrupt(`${record.type} for broker ${b.id} at epoch ${record.brokerEpoch}, registered at ${b.epoch}`);
      image.brokers.set(b.id, { ...b, fenced: record.type === 'FenceBroker' });
      break;
    }
    case 'Topic':
      if (image.topicIdsByName.has(record.name)) corrupt(`topic ${record.name} exists`);
      if (image.topicsById.has(record.topicId)) corrupt(`topic id ${record.topicId} is in use`);
      image.topicsById.set(record.topicId, { name: record.name, id: record.topicId, partitions: new Map() });
      image.topicIdsByName.set(record.name, record.topicId);
      break;
    case 'RemoveTopic': {
      const t = image.topicsById.get(record.topicId);
      if (t === undefined) corrupt(`RemoveTopic for unknown topic id ${record.topicId}`);
      image.topicsById.delete(t.id);
      image.topicIdsByName.delete(t.name);
      image.configs.delete(configKey(2, t.name));
      break;
    }
    case 'Partition': {
      const t = image.topicsById.get(record.topicId);
      if (t === undefined) corrupt(`Partition for unknown topic id ${record.topicId}`);
      if (t.partitions.has(record.partitionId)) corrupt(`partition ${t.name}-${record.partitionId} exists`);
      const p = toPartition(record);
      checkState(image, p, `${t.name}-${p.partitionId}`);
      setPartition(image, t, p);
      break;
    }
    case 'PartitionChange': {
      const t = image.topicsById.get(record.topicId);
      const cur = t?.partitions.get(record.partitionId);
      if (t === undefined || cur === undefined) corrupt(`PartitionChange for unknown partition ${record.topicId}-${record.partitionId}`);
      const p = toPartition(record);
      const where = `${t.name}-${p.partitionId}`;
      checkState(image, p, where);
      if (p.partitionEpoch !== cur.partitionEpoch + 1) corrupt(`${where}: partition epoch ${p.partitionEpoch} after ${cur.partitionEpoch}`);
      if (p.leaderEpoch < cur.leaderEpoch) corrupt(`${where}: leader epoch went back from ${cur.leaderEpoch} to ${p.leaderEpoch}`);
      if (p.leader !== cur.leader && p.leaderEpoch === cur.leaderEpoch) corrupt(`${where}: leader changed without a new leader epoch`);
      setPartition(image, t, p);
      break;
    }
    case 'Config': {
      const key = configKey(record.resourceType, record.resourceName);
      const entries = new Map(image.configs.get(key));
      if (record.value === null) entries.delete(record.name);
      else entries.set(record.name, record.value);
      if (entries.size === 0) image.configs.delete(key);
      else image.configs.set(key, entries);
      break;
    }
  }
  image.lastOffset = offset;
}

function toPartition(r: Omit<PartitionRecord, 'type'>): PartitionImage {
  return {
    topicId: r.topicId, partitionId: r.partitionId, replicas: [...r.replicas], isr: [...r.isr],
    addingReplicas: [...r.addingReplicas], removingReplicas: [...r.removingReplicas],
    leader: r.leader, leaderEpoch: r.leaderEpoch, partitionEpoch: r.partitionEpoch,
  };
}

/** Structural checks every partition state must pass, whatever record brought it. */
function checkState(image: MetadataImage, p: PartitionImage, where: string): void {
  if (p.partitionId < 0) corrupt(`${where}: negative partition id`);
  if (p.replicas.length === 0) corrupt(`${where}: no replicas`);
  if (new Set(p.replicas).size !== p.replicas.length) corrupt(`${where}: duplicate replicas`);
  for (const r of p.replicas) if (!image.brokers.has(r)) corrupt(`${where}: replica ${r} is not a registered broker`);
  if (p.isr.length === 0) corrupt(`${where}: empty ISR`);
  if (new Set(p.isr).size !== p.isr.length) corrupt(`${where}: duplicate ISR members`);
  for (const r of p.isr) if (!p.replicas.includes(r)) corrupt(`${where}: ISR member ${r} is not a replica`);
  for (const r of [...p.addingReplicas, ...p.removingReplicas]) {
    if (!p.replicas.includes(r)) corrupt(`${where}: reassigning replica ${r} is not a replica`);
  }
  if (p.leader !== NO_LEADER && !p.isr.includes(p.leader)) corrupt(`${where}: leader ${p.leader} is not in the ISR`);
  if (p.leaderEpoch < 0 || p.partitionEpoch < 0) corrupt(`${where}: negative epoch`);
}
