/**
 * Compaction for cleanup.policy=compact: keeps the latest record per key in the cleanable segments (never the
 * active one, never past the HW, only segments older than min.compaction.lag.ms), preserving offsets. Tombstones
 * survive delete.retention.ms: the first clean stamps the batch's delete horizon (KIP-534), a later clean past
 * it drops them. Idempotent batches that lose all records stay as empty batches so producer sequence bounds
 * are kept. Reads and writes are async and the work yields between batches, so appends (which only touch the
 * active segment) keep going; the swap of each segment is a rename done in one synchronous step, and is
 * abandoned if the log was truncated or trimmed meanwhile.
 */
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { BatchAttr } from '../protocol/records/batch-header.js';
import { decodeRawRecords } from '../protocol/records/index.js';
import { scanBatches, type BatchInfo } from './batch-scan.js';
import { StorageError, ioError } from './errors.js';
import { readFileIfExists, unlinkIfExists, writeFileAtomic } from './fs-util.js';
import type { PartitionLog } from './partition-log.js';
import { encodeRecordBatch } from './records-adapter.js';
import type { LogSegment } from './segment.js';

export const CLEANER_CHECKPOINT_FILE = 'cleaner-checkpoint';
const YIELD_EVERY = 256;

export interface CompactOptions {
  now?: number;
  /** Clean even if the dirty ratio is below min.cleanable.dirty.ratio. */
  force?: boolean;
}

export interface CompactResult {
  cleanedSegments: number;
  removedRecords: number;
  bytesBefore: number;
  bytesAfter: number;
  skipped?: 'not-compacted' | 'nothing-cleanable' | 'dirty-ratio' | 'log-changed';
}

function readCleanerCheckpoint(dir: string): bigint | undefined {
  const raw = readFileIfExists(join(dir, CLEANER_CHECKPOINT_FILE));
  if (raw === undefined) return undefined;
  try { return BigInt(raw.toString('utf8').trim()); } catch { return undefined; } // a bad checkpoint means "all dirty"
}

/** The prefix of non-active segments that may be cleaned now. */
function cleanableSegments(log: PartitionLog, now: number): LogSegment[] {
  const segs = log.segments;
  const out: LogSegment[] = [];
  for (let i = 0; i < segs.length - 1; i++) {
    if (segs[i + 1].baseOffset > log.highWatermark) break;
    // An empty segment (everything cleaned away) has no record age; its mtime must not hold back the rest.
    if (segs[i].size > 0 && segs[i].largestTimestamp() > now - log.config.minCompactionLagMs) break;
    out.push(segs[i]);
  }
  return out;
}

async function readSegment(seg: LogSegment): Promise<{ bytes: Buffer; batches: BatchInfo[] }> {
  let bytes: Buffer;
  try {
    bytes = (await fsp.readFile(seg.logPath)).subarray(0, seg.size);
  } catch (err) {
    throw ioError('read for compaction', seg.logPath, err);
  }
  const scan = scanBatches(bytes, { checkCrc: true });
  if (scan.problem) {
    throw new StorageError('TP_STORAGE_CORRUPT', `cannot compact: ${scan.problem.kind} at byte ${scan.problem.position}`, { path: seg.logPath });
  }
  return { bytes, batches: scan.batches };
}

const keyOf = (k: Uint8Array) => Buffer.from(k.buffer, k.byteOffset, k.byteLength).toString('latin1');
const isControl = (b: BatchInfo) => (b.attributes & BatchAttr.control) !== 0;

/** Thrown internally when the log changed under a running compaction. */
class LogChanged extends Error {}

export async function compactLog(log: PartitionLog, opts: CompactOptions = {}): Promise<CompactResult> {
  const generation = log.generation;
  const cleaned: { seg: LogSegment; path: string }[] = [];
  try {
    return await compact(log, opts, generation, cleaned);
  } catch (err) {
    for (const c of cleaned) unlinkIfExists(c.path);
    if (err instanceof LogChanged || log.generation !== generation || log.isClosed) {
      return { cleanedSegments: 0, removedRecords: 0, bytesBefore: 0, bytesAfter: 0, skipped: 'log-changed' };
    }
    throw err;
  }
}

async function compact(log: PartitionLog, opts: CompactOptions, generation: number, cleaned: { seg: LogSegment; path: string }[]): Promise<CompactResult> {
  const result: CompactResult = { cleanedSegments: 0, removedRecords: 0, bytesBefore: 0, bytesAfter: 0 };
  if (!log.config.cleanupPolicy.includes('compact')) return { ...result, skipped: 'not-compacted' };
  const now = opts.now ?? log.now();
  const pause = async () => {
    await yieldToLoop();
    if (log.isClosed || log.generation !== generation) throw new LogChanged();
  };
  const segs = cleanableSegments(log, now);
  if (segs.length === 0) return { ...result, skipped: 'nothing-cleanable' };
  const firstDirty = readCleanerCheckpoint(log.dir) ?? log.logStartOffset;
  const total = segs.reduce((n, s) => n + s.size, 0);
  const dirty = segs.filter((s) => s.nextOffset > firstDirty).reduce((n, s) => n + s.size, 0);
  if (!opts.force && (total === 0 || dirty / total < log.config.minCleanableDirtyRatio)) return { ...result, skipped: 'dirty-ratio' };

  // Pass 1: the latest offset of every key in the cleanable range.
  const latest = new Map<string, bigint>();
  let work = 0;
  for (const seg of segs) {
    await pause();
    const { bytes, batches } = await readSegment(seg);
    for (const b of batches) {
      if (isControl(b)) continue;
      const { header, records } = decodeRawRecords(bytes, b.position);
      for (const r of records) if (r.key) latest.set(keyOf(r.key), header.baseOffset + BigInt(r.offsetDelta));
      if (++work % YIELD_EVERY === 0) await pause();
    }
  }

  // Pass 2: write each segment's surviving batches to `<segment>.log.cleaned`.
  {
    for (const seg of segs) {
      await pause();
      const { bytes, batches } = await readSegment(seg);
      const out: Uint8Array[] = [];
      for (const b of batches) {
        const kept = cleanBatch(bytes, b, latest, now, log.config.deleteRetentionMs, result);
        if (kept) out.push(kept);
        if (++work % YIELD_EVERY === 0) await pause();
      }
      const path = `${seg.logPath}.cleaned`;
      const data = Buffer.concat(out);
      try {
        await fsp.writeFile(path, data);
        // As Kafka does, keep the original mtime: retention of a segment without timestamps goes by it.
        const st = await fsp.stat(seg.logPath);
        await fsp.utimes(path, st.atime, st.mtime);
      } catch (err) {
        throw ioError('write compacted segment', path, err);
      }
      cleaned.push({ seg, path });
      result.bytesBefore += seg.size;
      result.bytesAfter += data.length;
    }
  }

  // Swap, synchronously, only if nothing removed or replaced segments meanwhile.
  if (log.isClosed || log.generation !== generation) throw new LogChanged();
  for (const c of cleaned) log.replaceSegment(c.seg, c.path);
  writeFileAtomic(join(log.dir, CLEANER_CHECKPOINT_FILE), segs[segs.length - 1].nextOffset.toString());
  result.cleanedSegments = cleaned.length;
  return result;
}

/** The bytes to keep for one batch: the original, a re-encoded smaller batch, or undefined to drop it. */
function cleanBatch(bytes: Buffer, b: BatchInfo, latest: Map<string, bigint>, now: number, deleteRetentionMs: number,
  result: CompactResult): Uint8Array | undefined {
  const original = bytes.subarray(b.position, b.position + b.size);
  if (isControl(b)) return original; // transaction markers are kept
  const { header, records } = decodeRawRecords(bytes, b.position);
  const hasHorizon = (header.attributes & BatchAttr.deleteHorizon) !== 0;
  const horizonPassed = hasHorizon && BigInt(now) >= header.baseTimestamp;
  const keep = records.filter((r) => {
    if (!r.key) return true; // keyless records predate the compact policy; Kafka keeps them too
    if (latest.get(keyOf(r.key)) !== header.baseOffset + BigInt(r.offsetDelta)) return false;
    return !(r.value === null && horizonPassed);
  });
  const needsHorizon = !hasHorizon && keep.some((r) => r.value === null);
  result.removedRecords += records.length - keep.length;
  if (keep.length === records.length && !needsHorizon) return original;
  if (keep.length === 0 && header.producerId < 0n) return undefined;
  // Re-encode: same offsets range (lastOffsetDelta), producer fields and sequence bounds, same codec.
  const newBase = needsHorizon ? BigInt(now + deleteRetentionMs) : header.baseTimestamp;
  const logAppend = (header.attributes & BatchAttr.timestampLogAppend) !== 0;
  return encodeRecordBatch({
    baseOffset: header.baseOffset,
    partitionLeaderEpoch: header.partitionLeaderEpoch,
    compression: (header.attributes & BatchAttr.compressionMask) as 0 | 1 | 2 | 3 | 4,
    timestampType: logAppend ? 'logAppend' : 'create',
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    transactional: (header.attributes & BatchAttr.transactional) !== 0,
    lastOffsetDelta: header.lastOffsetDelta,
    ...(needsHorizon || hasHorizon ? { deleteHorizonMs: newBase } : { baseTimestamp: newBase }),
    maxTimestamp: keep.length === 0 || logAppend ? header.maxTimestamp : undefined,
    records: keep.map((r) => ({ ...r, timestampDelta: header.baseTimestamp + r.timestampDelta - newBase })),
  });
}
