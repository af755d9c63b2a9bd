/**
 * Retention for cleanup.policy=delete: whole segments, oldest first, never the active one and never past the
 * high watermark. A segment goes when its largest timestamp is older than retention.ms, or while the log
 * exceeds retention.bytes by at least that segment's size. Segments wholly below the log start (after
 * DeleteRecords) go under any policy.
 */
import type { PartitionLog } from './partition-log.js';

export interface RetentionResult {
  deletedSegments: number;
  byTime: number;
  bySize: number;
  byLogStart: number;
  logStartOffset: bigint;
}

export function applyRetention(log: PartitionLog, now: number = log.now()): RetentionResult {
  const byLogStart = log.deleteSegmentsBelowLogStart();
  let byTime = 0;
  let bySize = 0;
  if (log.config.cleanupPolicy.includes('delete')) {
    const segs = log.segments;
    // A segment may go only if all of it is below the HW: its successor's base offset bounds it.
    const deletable = (i: number) => i < segs.length - 1 && segs[i + 1].baseOffset <= log.highWatermark;
    if (log.config.retentionMs >= 0) {
      const cutoff = now - log.config.retentionMs;
      while (deletable(byTime) && segs[byTime].largestTimestamp() < cutoff) byTime++;
    }
    if (log.config.retentionBytes >= 0) {
      let excess = log.sizeInBytes - log.config.retentionBytes;
      while (deletable(bySize) && excess - segs[bySize].size >= 0) { excess -= segs[bySize].size; bySize++; }
    }
    log.deleteOldestSegments(Math.max(byTime, bySize));
  }
  return { deletedSegments: byLogStart + Math.max(byTime, bySize), byTime, bySize, byLogStart, logStartOffset: log.logStartOffset };
}
