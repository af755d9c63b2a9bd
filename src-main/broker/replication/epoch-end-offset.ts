/**
 * Kafka's LeaderEpochFileCache.endOffsetFor over a list of (epoch, start offset) entries: the largest epoch
 * <= the requested one and its end offset (the start of the next epoch, or the log end for the latest).
 * Shared by OffsetForLeaderEpoch (handler 23) and the leader's diverging-epoch check on follower fetches.
 * Storage's LeaderEpochCache.endOffsetFor differs on one case (a requested epoch older than every known
 * one: Kafka answers the requested epoch and the first start offset, storage answers -1/-1), so the wire
 * answers use this function.
 */

export interface EpochEntry { epoch: number; startOffset: bigint }

export function endOffsetFor(entries: readonly EpochEntry[], requested: number, logEndOffset: bigint): { epoch: number; endOffset: bigint } {
  const undefinedResult = { epoch: -1, endOffset: -1n };
  if (requested === -1 || entries.length === 0) return undefinedResult;
  if (entries[entries.length - 1]!.epoch === requested) return { epoch: requested, endOffset: logEndOffset };
  const higher = entries.find((e) => e.epoch > requested);
  if (higher === undefined) return undefinedResult;
  let floor: EpochEntry | undefined;
  for (const e of entries) if (e.epoch <= requested) floor = e;
  return { epoch: floor === undefined ? requested : floor.epoch, endOffset: higher.startOffset };
}

/**
 * The leader's check of a follower fetch (Kafka's Partition.fetchRecords, KIP-595 reused for replication):
 * the follower's last fetched epoch must end at or after its fetch offset in the leader's history, else
 * the answer is the diverging (epoch, end offset) it must truncate to. null = no divergence; 'unknown' =
 * the leader knows no such epoch (Kafka answers OFFSET_OUT_OF_RANGE).
 */
export function divergingEpoch(
  entries: readonly EpochEntry[], lastFetchedEpoch: number, fetchOffset: bigint, logEndOffset: bigint,
): { epoch: number; endOffset: bigint } | null | 'unknown' {
  if (lastFetchedEpoch < 0) return null;
  const found = endOffsetFor(entries, lastFetchedEpoch, logEndOffset);
  if (found.epoch < 0 || found.endOffset < 0n) return 'unknown';
  if (found.epoch < lastFetchedEpoch || found.endOffset < fetchOffset) return found;
  return null;
}
