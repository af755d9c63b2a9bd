/**
 * The consumer-group part of the KafkaBackend seam: plain data shapes (offsets as bigint) that the groups
 * service and the lag sampler work on, independent of the client library underneath.
 */

export interface GroupListing {
  groupId: string;
  /** 'Stable', 'Empty', 'PreparingRebalance', 'CompletingRebalance', 'Dead' or 'Unknown'. */
  state: string;
  /** 'consumer' for Kafka consumers; '' for groups that only commit offsets; other types (connect) kept as is. */
  protocolType: string;
  members: number;
}

export interface GroupAssignment {
  topic: string;
  partitions: number[];
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  /** Decoded from the consumer protocol's MemberAssignment; empty for other protocol types or while rebalancing. */
  assignments: GroupAssignment[];
}

export interface GroupDescription {
  groupId: string;
  state: string;
  protocolType: string;
  /** The assignor in use ('range', 'roundrobin', ...), '' when none. */
  protocol: string;
  members: GroupMember[];
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  /** The next offset the group will read; -1n when the partition is known but has no commit. */
  offset: bigint;
  metadata: string | null;
}

export interface PartitionEnd {
  topic: string;
  partition: number;
  /** Log start offset. */
  low: bigint;
  /** High watermark: the offset the next record will get. */
  high: bigint;
}

export type ResetMode =
  | { mode: 'earliest' }
  | { mode: 'latest' }
  /** The first offset whose record timestamp is >= this (epoch ms); the end where none is. */
  | { mode: 'timestamp'; timestamp: bigint }
  /** The same offset on every chosen partition, clamped into [low, high]. */
  | { mode: 'offset'; offset: bigint };

export interface OffsetTarget {
  topic: string;
  partition: number;
  offset: bigint;
}
