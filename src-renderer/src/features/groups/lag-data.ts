/**
 * Pure shaping of the core's lag samples for the groups screens: a bounded, time-ordered buffer per cluster
 * (history and the live stream overlap at the seam, so samples are merged by time), chart rows for one group,
 * and bigint display. Lag stays bigint until it becomes a chart coordinate.
 */
import type { LagSample, LagSampleGroup } from '../../../../src-main/contract/index.js';

/** An hour at the core's 5 s sampling. */
export const LAG_CAPACITY = 720;

export function mergeLagSamples(buffer: readonly LagSample[], incoming: readonly LagSample[], capacity = LAG_CAPACITY): LagSample[] {
  if (capacity <= 0) return [];
  const byTime = new Map<number, LagSample>();
  for (const s of buffer) byTime.set(s.time, s);
  for (const s of incoming) byTime.set(s.time, s);
  const merged = [...byTime.values()].sort((a, b) => a.time - b.time);
  return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

export interface LagRow {
  time: number;
  /** Total lag of the group; a chart coordinate (Number), exact up to 2^53. */
  lag: number;
}

/** Rows for one group's lag chart: one per sample in which the group existed. */
export function lagRows(samples: readonly LagSample[], groupId: string): LagRow[] {
  const rows: LagRow[] = [];
  for (const s of samples) {
    const g = s.groups.find((x) => x.groupId === groupId);
    if (g) rows.push({ time: s.time, lag: Number(g.totalLag) });
  }
  return rows;
}

/** The group as of the newest sample, for live figures in the list and the detail header. */
export function latestGroup(samples: readonly LagSample[], groupId: string): LagSampleGroup | undefined {
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i]!;
    if (s.error === undefined) return s.groups.find((g) => g.groupId === groupId);
  }
  return undefined;
}

/** bigint or null for a table cell: exact digits, '–' for "no value". */
export function showOffset(v: bigint | null | undefined): string {
  return v === null || v === undefined ? '–' : v.toString();
}
