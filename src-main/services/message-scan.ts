/**
 * The message browser's scan engine, shared by browse, export and tail: turns a seek (Beginning, Newest-N,
 * Offset, Timestamp) into a start and an end offset per partition, then fetches rounds from every active
 * partition until each reaches the end it had when the scan began. Offsets from the pool's admin client
 * (log start and end, offsets by timestamp); records from the group-less MessageReader.
 */
import { TidepoolError } from '../common/index.js';
import type { KafkaBackend, MessageReader, PartitionFetch } from '../clients/index.js';
import type { MessageRecord, PartitionRange, Seek } from '../contract/index.js';
import { errorForCode } from '../protocol/index.js';

export interface ScanPosition extends PartitionRange {
  logStart: bigint;
}

const OFFSET_OUT_OF_RANGE = 1;
const PARTITION_MAX_BYTES = 1024 * 1024;
/** Rounds without progress before a partition is given up as finished (e.g. end offset behind a txn). */
const STALL_ROUNDS = 3;

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Parsed seek (bigint offsets already converted by the contract). */
export type ParsedSeek =
  | { mode: 'beginning' } | { mode: 'newest'; count: number } | { mode: 'offset'; offset: bigint } | { mode: 'timestamp'; timestamp: bigint }
  | { mode: 'end' };

export async function planScan(
  backend: KafkaBackend, reader: MessageReader, topic: string, seek: ParsedSeek | Seek, partitions?: number[],
): Promise<ScanPosition[]> {
  const leaders = await reader.refreshMetadata(topic);
  const all = [...leaders.keys()].sort((a, b) => a - b);
  const chosen = partitions === undefined ? all : [...new Set(partitions)].sort((a, b) => a - b);
  const missing = chosen.filter((p) => !leaders.has(p));
  if (missing.length > 0) {
    throw new TidepoolError('TP_VALIDATION',
      `Topic "${topic}" has no partition ${missing.join(', ')}: it has ${all.length} (0-${all.length - 1}). Pick partitions from that range.`,
      { field: 'partitions', missing });
  }
  const offsets = new Map((await backend.topicOffsets(topic)).map((o) => [o.partition, o]));
  const byTime = seek.mode === 'timestamp'
    ? new Map((await backend.offsetsForTimestamp(topic, BigInt(seek.timestamp))).map((o) => [o.partition, o.offset]))
    : null;
  return chosen.map((partition) => {
    const o = offsets.get(partition);
    const logStart = o?.earliest ?? 0n;
    const end = o?.latest ?? 0n;
    let start: bigint;
    switch (seek.mode) {
      case 'beginning': start = logStart; break;
      case 'newest': start = max(logStart, end - BigInt(seek.count)); break;
      case 'offset': start = min(max(BigInt(seek.offset), logStart), end); break;
      case 'timestamp': {
        const at = byTime?.get(partition);
        start = at === undefined || at < 0n ? end : min(max(at, logStart), end);
        break;
      }
      case 'end': start = end; break;
    }
    return { partition, start, next: start, end, logStart };
  });
}

export interface ScanRound {
  records: MessageRecord[];
  /** Records read in this round, matched or not. */
  scanned: number;
}

/**
 * Fetches from every partition that has not reached its end, round after round, yielding each round's
 * records in partition/offset order. `positions` is updated in place (`next`). A `end` of null means tail:
 * never finished, long-polling with `maxWaitMs`.
 */
export async function* scanRounds(
  reader: MessageReader, topic: string, positions: ScanPosition[],
  opts: { tail?: boolean; maxWaitMs: number; signal?: AbortSignal },
): AsyncGenerator<ScanRound> {
  const stalls = new Map<number, number>();
  const active = () => positions.filter((p) => opts.tail || p.next < p.end);
  for (let live = active(); live.length > 0; live = active()) {
    if (opts.signal?.aborted) return;
    const fetched = await reader.fetch(topic, live.map((p) => ({ partition: p.partition, offset: p.next })),
      { maxWaitMs: opts.maxWaitMs, partitionMaxBytes: PARTITION_MAX_BYTES, signal: opts.signal });
    if (opts.signal?.aborted) return;
    const round: ScanRound = { records: [], scanned: 0 };
    for (const f of fetched.sort((a, b) => a.partition - b.partition)) {
      const pos = positions.find((p) => p.partition === f.partition)!;
      advance(pos, f, round, opts.tail === true, stalls);
    }
    yield round;
  }
}

function advance(pos: ScanPosition, f: PartitionFetch, round: ScanRound, tail: boolean, stalls: Map<number, number>): void {
  if (f.errorCode === OFFSET_OUT_OF_RANGE) {
    // Retention removed what we were about to read: continue at the new log start, or stop past the end.
    if (f.logStartOffset >= 0n && pos.next < f.logStartOffset) pos.next = f.logStartOffset;
    else if (!tail) pos.end = pos.next;
    return;
  }
  if (f.errorCode !== 0) {
    const name = errorForCode(f.errorCode)?.name ?? `error ${f.errorCode}`;
    throw new TidepoolError('TP_KAFKA', `Reading partition ${f.partition} at offset ${pos.next} failed: ${name}. Try again; if it persists, check the partition's leader in the Partitions tab.`,
      { partition: f.partition, kafkaCode: name });
  }
  const limit = tail ? null : pos.end;
  for (const r of f.records) {
    if (limit !== null && r.offset >= limit) break;
    round.records.push(r);
    round.scanned++;
  }
  const next = limit === null ? f.nextOffset : min(f.nextOffset, limit);
  if (next > pos.next) {
    pos.next = next;
    stalls.delete(pos.partition);
  } else if (!tail) {
    // No progress: the end offset taken at the start may sit behind an open transaction's last stable
    // offset, or the data below it was compacted away; give up after a few empty rounds.
    const n = (stalls.get(pos.partition) ?? 0) + 1;
    stalls.set(pos.partition, n);
    if (n >= STALL_ROUNDS || f.highWatermark <= pos.next) pos.end = pos.next;
  }
}

/** Display order: by timestamp, then partition, then offset. */
export function byTimestamp(a: MessageRecord, b: MessageRecord): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0;
}
