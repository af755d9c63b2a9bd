/**
 * Controller decisions about topics and configs: pure functions over the image returning the records to
 * append. A new topic gets a random id, its configs, and one Partition record per partition with replicas
 * placed by replica-placement.ts (or given by hand, as CreateTopics' assignments), ISR = the live replicas,
 * leader = the first of them, epochs 0. Deleting a topic is one RemoveTopic record (its configs go with it).
 */
import { ControllerError } from './controller-error.js';
import { validateConfigValue } from './cluster-config.js';
import { NO_LEADER, topicByName, type MetadataImage } from './metadata-image.js';
import { ConfigResourceType, type MetadataRecord } from './metadata-records.js';
import { liveIn } from './partition-change.js';
import { placeReplicas } from './replica-placement.js';
import { randomTopicId, type Random } from './seeded-random.js';

export interface CreateTopicRequest {
  name: string;
  /** Ignored when `assignment` is given. */
  partitions?: number;
  replicationFactor?: number;
  /** Manual placement: replicas per partition, partition i at index i. */
  assignment?: number[][];
  configs?: Record<string, string>;
}

export interface CreateTopicDecision { records: MetadataRecord[]; topicId: string }

const LEGAL = /^[a-zA-Z0-9._-]+$/;

export function validateTopicName(name: string): void {
  const bad = (why: string): never => { throw new ControllerError('INVALID_TOPIC_EXCEPTION', `topic name "${name}" ${why}`); };
  if (name.length === 0) bad('is empty');
  if (name === '.' || name === '..') bad('cannot be "." or ".."');
  if (name.length > 249) bad('is longer than 249 characters');
  if (!LEGAL.test(name)) bad('may contain only ASCII letters, digits, ".", "_" and "-"');
}

export function createTopic(image: MetadataImage, req: CreateTopicRequest, random: Random): CreateTopicDecision {
  validateTopicName(req.name);
  if (image.topicIdsByName.has(req.name)) throw new ControllerError('TOPIC_ALREADY_EXISTS', `topic ${req.name} already exists`);
  const live = liveIn(image);
  const assignment = req.assignment ?? placeReplicas(
    [...image.brokers.values()].filter((b) => !b.fenced).map((b) => b.id),
    { partitions: req.partitions ?? 1, replicationFactor: req.replicationFactor ?? 1 }, random,
  );
  if (req.assignment !== undefined) validateAssignment(image, req.assignment);
  let topicId = randomTopicId(random);
  while (image.topicsById.has(topicId)) topicId = randomTopicId(random);
  const records: MetadataRecord[] = [{ type: 'Topic', name: req.name, topicId }];
  for (const [name, value] of Object.entries(req.configs ?? {})) {
    validateConfigValue(name, value, req.name);
    records.push({ type: 'Config', resourceType: ConfigResourceType.TOPIC, resourceName: req.name, name, value });
  }
  assignment.forEach((replicas, partitionId) => {
    const isr = replicas.filter(live);
    if (isr.length === 0) {
      throw new ControllerError('INVALID_REPLICA_ASSIGNMENT', `all replicas of partition ${partitionId} (${replicas.join(',')}) are fenced`);
    }
    records.push({
      type: 'Partition', topicId, partitionId, replicas: [...replicas], isr, addingReplicas: [], removingReplicas: [],
      leader: isr[0] ?? NO_LEADER, leaderEpoch: 0, partitionEpoch: 0,
    });
  });
  return { records, topicId };
}

/** A manual assignment: at least one partition, same replica count for each, no duplicates, known brokers. */
export function validateAssignment(image: MetadataImage, assignment: number[][]): void {
  const bad = (why: string): never => { throw new ControllerError('INVALID_REPLICA_ASSIGNMENT', why); };
  if (assignment.length === 0) bad('the assignment has no partitions');
  for (const [i, replicas] of assignment.entries()) validateReplicaList(image, replicas, `partition ${i}`);
  if (assignment.some((r) => r.length !== assignment[0].length)) bad('every partition must have the same number of replicas');
}

export function validateReplicaList(image: MetadataImage, replicas: number[], where: string): void {
  const bad = (why: string): never => { throw new ControllerError('INVALID_REPLICA_ASSIGNMENT', `${where}: ${why}`); };
  if (replicas.length === 0) bad('no replicas');
  if (new Set(replicas).size !== replicas.length) bad(`duplicate replicas in ${replicas.join(',')}`);
  for (const r of replicas) if (!image.brokers.has(r)) bad(`broker ${r} is not registered`);
}

/**
 * CreatePartitions: grows a topic to `totalCount` partitions, new ones placed like a new topic's (continuing
 * the leaders' round robin from the current count) with the replication factor of partition 0, or as given.
 */
export function createPartitions(
  image: MetadataImage, name: string, totalCount: number, random: Random, assignment?: number[][],
): MetadataRecord[] {
  const t = topicByName(image, name);
  if (t === undefined) throw new ControllerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} does not exist`);
  const current = t.partitions.size;
  if (!Number.isInteger(totalCount) || totalCount <= current) {
    throw new ControllerError('INVALID_PARTITIONS', `topic ${name} has ${current} partitions; the new count ${totalCount} must be larger`);
  }
  const rf = t.partitions.get(0)?.replicas.length ?? 1;
  if (assignment !== undefined) {
    if (assignment.length !== totalCount - current) {
      throw new ControllerError('INVALID_REPLICA_ASSIGNMENT', `${assignment.length} assignments for ${totalCount - current} new partitions`);
    }
    validateAssignment(image, assignment);
  }
  const live = liveIn(image);
  const placed = assignment ?? placeReplicas(
    [...image.brokers.values()].filter((b) => !b.fenced).map((b) => b.id),
    { partitions: totalCount - current, replicationFactor: rf, firstPartitionId: current }, random,
  );
  return placed.map((replicas, i) => {
    const isr = replicas.filter(live);
    if (isr.length === 0) throw new ControllerError('INVALID_REPLICA_ASSIGNMENT', `all replicas of partition ${current + i} are fenced`);
    return {
      type: 'Partition', topicId: t.id, partitionId: current + i, replicas: [...replicas], isr, addingReplicas: [],
      removingReplicas: [], leader: isr[0], leaderEpoch: 0, partitionEpoch: 0,
    } satisfies MetadataRecord;
  });
}

export function deleteTopic(image: MetadataImage, name: string): MetadataRecord[] {
  const t = topicByName(image, name);
  if (t === undefined) throw new ControllerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} does not exist`);
  return [{ type: 'RemoveTopic', topicId: t.id }];
}

/** Sets (value) or removes (null) one config; a topic must exist, a broker resource "" is the cluster default. */
export function alterConfig(
  image: MetadataImage, resourceType: number, resourceName: string, name: string, value: string | null,
): MetadataRecord[] {
  if (resourceType === ConfigResourceType.TOPIC && !image.topicIdsByName.has(resourceName)) {
    throw new ControllerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${resourceName} does not exist`);
  }
  if (resourceType !== ConfigResourceType.TOPIC && resourceType !== ConfigResourceType.BROKER) {
    throw new ControllerError('INVALID_REQUEST', `config resource type ${resourceType} is not a topic or broker`);
  }
  if (name.length === 0) throw new ControllerError('INVALID_CONFIG', 'config name is empty');
  validateConfigValue(name, value, resourceName === '' ? 'the cluster default' : resourceName);
  return [{ type: 'Config', resourceType, resourceName, name, value }];
}
