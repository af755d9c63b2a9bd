/**
 * The live tail's read loop: long-polls every tailed partition from its end offset and, when the user did not
 * pick partitions, re-reads the topic's metadata every few seconds so that partitions added later
 * (CreatePartitions) are tailed too, from offset 0 (every record of a new partition is new), as kafka-ui's live
 * mode and `kcat -C` without `-p` do. A topic deleted during the tail ends it with a TP_NOT_FOUND that says so.
 */
import { TidepoolError } from '../common/index.js';
import type { MessageReader } from '../clients/index.js';
import type { MessageRecord } from '../contract/index.js';
import { scanRounds, type ScanPosition } from './message-scan.js';

/**
 * How often the tail re-reads metadata. Adding partitions is a rare admin action, but the user who just did it
 * is looking at the tail: a few seconds reads as "live", and one small Metadata request per tail every 3 s
 * costs nothing (clients' own default, metadata.max.age.ms = 5 min, is far too slow for a UI).
 */
export const TAIL_METADATA_REFRESH_MS = 3_000;

export interface TailOptions {
  maxWaitMs: number;
  signal: AbortSignal;
  /** Follow partitions added after the start (false when the user filtered to specific partitions). */
  follow: boolean;
  refreshMs?: number;
}

export type TailStep =
  | { kind: 'records'; records: MessageRecord[] }
  | { kind: 'added'; partitions: { partition: number; offset: bigint }[] };

/** Positions for partitions in `leaders` that are not yet tailed, each from offset 0. */
export function addedPartitions(positions: ScanPosition[], leaders: Map<number, number>): ScanPosition[] {
  const known = new Set(positions.map((p) => p.partition));
  return [...leaders.keys()].filter((p) => !known.has(p)).sort((a, b) => a - b)
    .map((partition) => ({ partition, start: 0n, next: 0n, end: 0n, logStart: 0n }));
}

function deleted(topic: string, e: unknown): unknown {
  if (e instanceof TidepoolError && e.code === 'TP_NOT_FOUND') {
    return new TidepoolError('TP_NOT_FOUND', `Topic "${topic}" was deleted while the live tail was running; the tail stopped.`, { topic });
  }
  if (e instanceof TidepoolError && e.code === 'TP_KAFKA' && (e.details as { kafkaCode?: string } | undefined)?.kafkaCode === 'UNKNOWN_TOPIC_OR_PARTITION') {
    return new TidepoolError('TP_NOT_FOUND', `Topic "${topic}" or one of its partitions was deleted while the live tail was running; the tail stopped.`, { topic });
  }
  return e;
}

/** Yields each round's records, and the partitions it starts following; `positions` grows in place. */
export async function* tailRounds(
  reader: MessageReader, topic: string, positions: ScanPosition[], opts: TailOptions,
): AsyncGenerator<TailStep> {
  const every = opts.refreshMs ?? TAIL_METADATA_REFRESH_MS;
  let refreshed = Date.now();
  try {
    // scanRounds re-reads `positions` before every fetch, so partitions pushed here are fetched next round.
    for await (const round of scanRounds(reader, topic, positions, { tail: true, maxWaitMs: opts.maxWaitMs, signal: opts.signal })) {
      if (round.records.length > 0) yield { kind: 'records', records: round.records };
      if (Date.now() - refreshed < every || opts.signal.aborted) continue;
      refreshed = Date.now();
      // Also the deletion check when the user picked partitions: a deleted topic must not tail silently.
      const leaders = await reader.refreshMetadata(topic);
      if (!opts.follow) continue;
      const added = addedPartitions(positions, leaders);
      if (added.length === 0) continue;
      positions.push(...added);
      yield { kind: 'added', partitions: added.map((p) => ({ partition: p.partition, offset: p.start })) };
    }
  } catch (e) {
    throw deleted(topic, e);
  }
}
