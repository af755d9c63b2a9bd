/**
 * Where a follower truncates when the leader answers a fetch with a diverging epoch (Kafka's
 * AbstractFetcherThread.getOffsetTruncationState, KIP-279/KIP-595): with the follower's own epoch cache,
 * - the follower knows the leader's diverging epoch: truncate to min(the leader's end offset for it, its own
 *   end offset for it, its log end) and the truncation is complete;
 * - it knows only an older epoch: truncate to that epoch's own end offset (not complete: the next fetch,
 *   with the new last fetched epoch, lets the leader check again);
 * - it knows no epoch at or below it: truncate to min(the leader's end offset, its log end).
 */
import { endOffsetFor, type EpochEntry } from './epoch-end-offset.js';

export function truncationOffset(
  local: readonly EpochEntry[], logEndOffset: bigint, diverging: { epoch: number; endOffset: bigint },
): { offset: bigint; complete: boolean } {
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  let floor: EpochEntry | undefined;
  for (const e of local) if (e.epoch <= diverging.epoch) floor = e;
  if (floor === undefined) return { offset: min(diverging.endOffset, logEndOffset), complete: true };
  const own = endOffsetFor(local, floor.epoch, logEndOffset);
  if (floor.epoch !== diverging.epoch) return { offset: min(own.endOffset, logEndOffset), complete: false };
  return { offset: min(min(own.endOffset, diverging.endOffset), logEndOffset), complete: true };
}
