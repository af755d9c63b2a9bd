/**
 * Consumer lag, as pure arithmetic on offsets: lag = end offset (high watermark) - committed offset, never
 * negative. What it means, honestly:
 * - Lag counts *offsets*, not records. Transaction control markers (commit/abort) take an offset each and are
 *   never delivered, and compaction leaves gaps in a partition's offsets, so a lag of N can mean fewer than N
 *   records left to read (possibly none: a consumer parked just before a trailing marker shows lag 1).
 * - A read_committed consumer cannot pass the last stable offset, so an open transaction shows as lag that the
 *   consumer cannot reduce until it ends.
 * - A partition with no commit has no lag (null): what it would read depends on the consumer's
 *   auto.offset.reset. It is counted apart, never folded into the total.
 * - A commit past the end (a reset to a future offset, or a truncated log) clamps to 0 rather than going negative.
 * - A commit below the log start (retention deleted those records) still counts end - committed offsets; the
 *   consumer will jump to the log start, so `behindLogStart` flags it.
 */

import type { GroupPartitionLag } from '../contract/index.js';

export interface LagInputCommitted { topic: string; partition: number; offset: bigint }
export interface LagInputEnd { topic: string; partition: number; low: bigint; high: bigint }

/** One partition's lag as the contract's GroupPartitionLag has it, before the member that owns it is known. */
export type PartitionLag = Omit<GroupPartitionLag, 'owner'>;

export interface GroupLag {
  partitions: PartitionLag[];
  /** Sum of the lag of partitions with a commit. */
  totalLag: bigint;
  /** Partitions of the group's topics that have no commit (lag unknown). */
  uncommitted: number;
  topics: string[];
}

/** One partition's lag; null without a commit (Kafka's OffsetFetch answers -1 for "none"). */
export function partitionLag(committed: bigint | null, end: bigint): bigint | null {
  if (committed === null || committed < 0n) return null;
  const lag = end - committed;
  return lag > 0n ? lag : 0n;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Lag of every partition of the group's topics: the topics it committed to, plus `extraTopics` (those its
 * members are assigned). `ends` must cover those topics; a committed partition missing from `ends` (the topic
 * was deleted) is left out, since it has no end to measure against.
 */
export function groupLag(committed: readonly LagInputCommitted[], ends: readonly LagInputEnd[], extraTopics: readonly string[] = []): GroupLag {
  const commits = new Map<string, bigint>();
  const topics = new Set<string>(extraTopics);
  for (const c of committed) {
    topics.add(c.topic);
    if (c.offset >= 0n) commits.set(key(c.topic, c.partition), c.offset);
  }
  const partitions: PartitionLag[] = [];
  let totalLag = 0n;
  let uncommitted = 0;
  for (const e of ends) {
    if (!topics.has(e.topic)) continue;
    const c = commits.get(key(e.topic, e.partition)) ?? null;
    const lag = partitionLag(c, e.high);
    if (lag === null) uncommitted++; else totalLag += lag;
    partitions.push({ topic: e.topic, partition: e.partition, committed: c, logStart: e.low, end: e.high, lag, behindLogStart: c !== null && c < e.low });
  }
  partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return { partitions, totalLag, uncommitted, topics: [...topics].sort() };
}

/** Clamps a wanted reset offset into the partition's readable range [logStart, end]. */
export function clampOffset(wanted: bigint, logStart: bigint, end: bigint): bigint {
  if (wanted < logStart) return logStart;
  if (wanted > end) return end;
  return wanted;
}
