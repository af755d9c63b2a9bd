/** The option and result types of PartitionLog's append and read (kept apart to keep partition-log.ts small). */

export interface AppendOptions {
  /** Stamped into every batch's partitionLeaderEpoch (leader appends); followers keep the leader's. */
  leaderEpoch?: number;
  /** true (default): the leader assigns offsets from the log end. false: a follower keeps the batches' offsets. */
  assignOffsets?: boolean;
  /**
   * true (default): check every batch's CRC before writing. The broker's produce path already validates
   * batches with the records module (CRC, record structure); it may pass false to skip the second pass, which
   * is a large share of the cost of an append (CRC-32C of the whole batch).
   */
  verifyCrc?: boolean;
}

export interface AppendResult {
  baseOffset: bigint;
  lastOffset: bigint;
  /** The broker time written into the batches on LogAppendTime topics, else -1. */
  logAppendTime: bigint;
  /** True when an idempotent retry matched a recent batch: nothing was written, original offsets returned. */
  duplicate: boolean;
  recordCount: number;
}

export interface ReadOptions {
  /** Exclusive bound: batches holding offsets >= maxOffset are not returned (consumers pass the HW). */
  maxOffset?: bigint;
}

export interface ReadResult {
  /** Whole batches; the first may start before the requested offset. Empty when nothing is readable. */
  bytes: Buffer;
  /** Offset just after the last returned batch (the requested offset when empty). */
  nextOffset: bigint;
  logStartOffset: bigint;
  logEndOffset: bigint;
  highWatermark: bigint;
}

export interface PartitionLogOptions {
  /** Clock in ms (tests and benchmarks drive time). */
  now?: () => number;
}
