/**
 * Replica placement as Kafka's rack-unaware assignment does it (AdminUtils.assignReplicasToBrokersRackUnaware):
 * brokers in id order; a random start index puts the first replica of partition p on broker
 * (p + start) mod n; the followers come after it at a random shift that grows by one each time p wraps
 * round the brokers, so leaders and followers both spread evenly. Only live (unfenced) brokers are used, as
 * KRaft places only on usable brokers. Randomness is injected (seeded in tests).
 */
import { ControllerError } from './controller-error.js';
import type { Random } from './seeded-random.js';

export interface PlacementRequest {
  partitions: number;
  replicationFactor: number;
  /** The id of the first partition to place (for CreatePartitions); 0 for a new topic. */
  firstPartitionId?: number;
}

export function placeReplicas(brokerIds: readonly number[], req: PlacementRequest, random: Random): number[][] {
  const brokers = [...new Set(brokerIds)].sort((a, b) => a - b);
  const n = brokers.length;
  if (!Number.isInteger(req.partitions) || req.partitions <= 0) {
    throw new ControllerError('INVALID_PARTITIONS', `number of partitions must be larger than 0, got ${req.partitions}`);
  }
  if (!Number.isInteger(req.replicationFactor) || req.replicationFactor <= 0) {
    throw new ControllerError('INVALID_REPLICATION_FACTOR', `replication factor must be larger than 0, got ${req.replicationFactor}`);
  }
  if (req.replicationFactor > n) {
    throw new ControllerError('INVALID_REPLICATION_FACTOR',
      `replication factor ${req.replicationFactor} is larger than the ${n} available broker(s)`);
  }
  const start = random(n);
  let shift = random(n);
  let p = Math.max(0, req.firstPartitionId ?? 0);
  const out: number[][] = [];
  for (let i = 0; i < req.partitions; i++, p++) {
    if (p > 0 && p % n === 0) shift++;
    const first = (p + start) % n;
    const replicas = [brokers[first]];
    for (let j = 0; j < req.replicationFactor - 1; j++) replicas.push(brokers[(first + 1 + ((shift + j) % (n - 1))) % n]);
    out.push(replicas);
  }
  return out;
}
