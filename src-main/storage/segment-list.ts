/** Helpers over a partition's ordered segment list: floor lookup by offset and closing many at once. */
import type { LogSegment } from './segment.js';

/** Index of the last segment whose base offset is <= `offset` (0 if `offset` is below all of them). */
export function floorIndex(segments: readonly LogSegment[], offset: bigint): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid].baseOffset <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

export function closeAll(segments: readonly LogSegment[]): void {
  for (const s of segments) {
    try { s.close(); } catch { /* keep closing the others; the first error was already reported */ }
  }
}
