/**
 * Opening a partition directory: finds the segments, decides between the fast path (clean-shutdown marker
 * matching the active segment) and recovery (full CRC scan of the active segment, torn tail cut off, indexes
 * rebuilt), then restores the log start offset, high watermark, leader-epoch cache and producer state.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { LogConfig } from './config.js';
import { StorageError } from './errors.js';
import { LeaderEpochCache } from './leader-epoch-cache.js';
import { listPartitionDir, pruneSnapshots, readCheckpoint, snapshotPath, takeCleanShutdownMarker } from './log-files.js';
import { mkdirp, readFileIfExists } from './fs-util.js';
import { ProducerStateManager } from './producer-state.js';
import { LogSegment, segmentFileName } from './segment.js';
import { closeAll } from './segment-list.js';

export interface RecoveryReport {
  /** True when the clean-shutdown marker let us skip the scan. */
  clean: boolean;
  /** Bytes cut off the active segment's tail (torn or corrupt batches). */
  truncatedBytes: number;
  rebuiltIndexes: { baseOffset: bigint; reason: string }[];
  durationMs: number;
}

export interface LoadedLog {
  segments: LogSegment[];
  logStartOffset: bigint;
  highWatermark: bigint;
  epochs: LeaderEpochCache;
  producers: ProducerStateManager;
  recovery: RecoveryReport;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

export function loadLog(dir: string, config: LogConfig, now: number): LoadedLog {
  const started = performance.now();
  mkdirp(dir);
  const marker = takeCleanShutdownMarker(dir);
  const listing = listPartitionDir(dir);
  const epochs = LeaderEpochCache.load(dir);
  const checkpoint = readCheckpoint(dir);
  const report: RecoveryReport = { clean: true, truncatedBytes: 0, rebuiltIndexes: [], durationMs: 0 };
  const segments: LogSegment[] = [];
  try {
    if (listing.segmentBases.length === 0) {
      segments.push(LogSegment.create(dir, checkpoint?.logStartOffset ?? 0n, config.indexIntervalBytes, now));
    }
    listing.segmentBases.forEach((base, i) => {
      const active = i === listing.segmentBases.length - 1;
      let recover = active && !markerMatches(dir, base, marker);
      const open = () => LogSegment.open(dir, base, config.indexIntervalBytes, now, recover, recover
        ? (b) => { epochs.assign(b.partitionLeaderEpoch, b.baseOffset); }
        : undefined);
      let r: ReturnType<typeof open>;
      try {
        r = open();
      } catch (err) {
        // A damaged tail of the active segment despite the marker: recover it like after a crash. A damaged
        // middle segment cannot be cut without losing later data, so that error goes to the caller.
        if (!active || recover || !(err instanceof StorageError) || err.code !== 'TP_STORAGE_CORRUPT') throw err;
        recover = true;
        r = open();
      }
      if (recover) report.clean = false;
      segments.push(r.segment);
      report.truncatedBytes += r.truncatedBytes;
      if (r.indexRebuilt && r.indexRebuilt !== 'recovery') report.rebuiltIndexes.push({ baseOffset: base, reason: r.indexRebuilt });
    });
  } catch (err) {
    closeAll(segments);
    throw err;
  }
  const logEnd = segments[segments.length - 1].nextOffset;
  epochs.truncateFromEnd(logEnd);
  const firstBase = segments[0].baseOffset;
  const logStartOffset = min(max(checkpoint?.logStartOffset ?? firstBase, firstBase), logEnd);
  const highWatermark = min(max(checkpoint?.highWatermark ?? logStartOffset, logStartOffset), logEnd);
  const producers = loadProducerState(dir, listing.snapshotOffsets, segments, logEnd, logStartOffset);
  report.durationMs = performance.now() - started;
  return { segments, logStartOffset, highWatermark, epochs, producers, recovery: report };
}

function markerMatches(dir: string, base: bigint, marker: ReturnType<typeof takeCleanShutdownMarker>): boolean {
  if (!marker || marker.activeBaseOffset !== base) return false;
  try {
    return fs.statSync(join(dir, segmentFileName(base, '.log'))).size === marker.activeSize;
  } catch {
    return false;
  }
}

/** Newest valid snapshot at or below the log end, then the batches after it replayed from the log. */
function loadProducerState(dir: string, snapshots: bigint[], segments: LogSegment[], logEnd: bigint, logStart: bigint): ProducerStateManager {
  let state: ProducerStateManager | undefined;
  let from = segments[0].baseOffset;
  for (const off of [...snapshots].reverse()) {
    if (off > logEnd) continue;
    const raw = readFileIfExists(snapshotPath(dir, off));
    state = raw ? ProducerStateManager.parse(raw.toString('utf8')) : undefined;
    if (state) { from = off; break; }
  }
  state ??= new ProducerStateManager();
  for (const seg of segments) {
    if (seg.nextOffset <= from) continue;
    seg.scan(from, (b) => { if (b.lastOffset >= from) state.update(b); });
  }
  pruneSnapshots(dir, snapshots, 2, logEnd);
  state.removeBefore(logStart);
  return state;
}
