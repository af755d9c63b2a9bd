/** Pure shaping of the core's metrics samples: a bounded, time-ordered buffer and rows for the chart. */
import type { MetricsSample } from '../../../../src-main/contract/index.js';

/** Five minutes at one sample a second. */
export const METRICS_CAPACITY = 300;

/**
 * Merges new samples into a time-ordered buffer, dropping duplicates (history and the live stream
 * overlap at the seam) and keeping only the newest `capacity`. Never mutates its inputs.
 */
export function mergeSamples(buffer: readonly MetricsSample[], incoming: readonly MetricsSample[], capacity = METRICS_CAPACITY): MetricsSample[] {
  if (capacity <= 0) return [];
  const last = buffer.at(-1);
  // Fast path for the live stream: one newer sample appended to the end.
  if (incoming.length === 1 && (!last || incoming[0]!.time > last.time)) {
    const next = buffer.length >= capacity ? buffer.slice(buffer.length - capacity + 1) : buffer.slice();
    next.push(incoming[0]!);
    return next;
  }
  const byTime = new Map<number, MetricsSample>();
  for (const s of buffer) byTime.set(s.time, s);
  for (const s of incoming) byTime.set(s.time, s);
  const merged = [...byTime.values()].sort((a, b) => a.time - b.time);
  return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

export interface MetricsRow {
  time: number;
  rssMiB: number;
  heapMiB: number;
  cpuPercent: number;
}

const MIB = 1024 * 1024;
const round1 = (v: number) => Math.round(v * 10) / 10;

export function toChartRows(samples: readonly MetricsSample[]): MetricsRow[] {
  return samples.map((s) => ({
    time: s.time,
    rssMiB: round1(s.rssBytes / MIB),
    heapMiB: round1(s.heapUsedBytes / MIB),
    cpuPercent: round1(s.cpuPercent),
  }));
}

export interface MetricsSummary { latest: MetricsSample; peakRssBytes: number; avgCpuPercent: number }

/** Figures for the card header; undefined until the first sample arrives. */
export function summarize(samples: readonly MetricsSample[]): MetricsSummary | undefined {
  const latest = samples.at(-1);
  if (!latest) return undefined;
  let peak = 0;
  let cpu = 0;
  for (const s of samples) { peak = Math.max(peak, s.rssBytes); cpu += s.cpuPercent; }
  return { latest, peakRssBytes: peak, avgCpuPercent: cpu / samples.length };
}
