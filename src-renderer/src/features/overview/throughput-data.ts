/**
 * Pure shaping of throughput samples for the Overview card: merging history and live samples, and turning
 * them into one sparkline per broker and per top topic. Only rounds with a rate (not the first, not failed)
 * are plotted; a topic absent from a rated round was quiet then (the core leaves quiet topics out), so 0.
 */
import type { ThroughputSample } from '../../../../src-main/contract/index.js';

/** 10 minutes at the core's 5 s rounds. */
export const KEEP = 120;
export const TOP_TOPICS = 10;

export interface Sparkline {
  /** Node id or topic name. */
  id: string;
  current: number;
  points: { time: number; rate: number }[];
}

export interface ThroughputView {
  /** False until a round with rates exists (two successful samples). */
  ready: boolean;
  brokers: Sparkline[];
  topics: Sparkline[];
  /** Topics that moved in the window but are not shown (beyond the top 10). */
  moreTopics: number;
  /** The latest round's error, if it failed. */
  error: string | null;
}

/** Old and new samples by time, duplicates (the history overlapping a live one) once, the last KEEP. */
export function mergeSamples(a: readonly ThroughputSample[], b: readonly ThroughputSample[]): ThroughputSample[] {
  const byTime = new Map<number, ThroughputSample>();
  for (const s of [...a, ...b]) byTime.set(s.time, s);
  return [...byTime.values()].sort((x, y) => x.time - y.time).slice(-KEEP);
}

export function throughputView(samples: readonly ThroughputSample[]): ThroughputView {
  const rated = samples.filter((s) => s.intervalSec !== null && s.error === undefined);
  const last = samples.at(-1);
  const error = last?.error ?? null;
  if (rated.length === 0) return { ready: false, brokers: [], topics: [], moreTopics: 0, error };
  const latest = rated.at(-1)!;
  const series = (ids: Iterable<string>, rateIn: (s: ThroughputSample, id: string) => number): Sparkline[] =>
    [...ids].map((id) => ({ id, current: rateIn(latest, id), points: rated.map((s) => ({ time: s.time, rate: rateIn(s, id) })) }));

  const brokerIds = [...new Set(rated.flatMap((s) => s.brokers.map((b) => b.nodeId)))].sort((x, y) => x - y).map(String);
  const brokerRate = (s: ThroughputSample, id: string) => s.brokers.find((b) => String(b.nodeId) === id)?.messagesPerSec ?? 0;
  const topicRate = (s: ThroughputSample, id: string) => s.topics.find((t) => t.topic === id)?.messagesPerSec ?? 0;
  const moved = new Set(rated.flatMap((s) => s.topics.map((t) => t.topic)));
  const peak = (l: Sparkline) => Math.max(...l.points.map((p) => p.rate));
  // The busiest now first; topics quiet now but busy earlier in the window after them, by their peak.
  const topics = series(moved, topicRate).sort((x, y) => y.current - x.current || peak(y) - peak(x) || (x.id < y.id ? -1 : 1));
  return {
    ready: true, brokers: series(brokerIds, brokerRate),
    topics: topics.slice(0, TOP_TOPICS), moreTopics: Math.max(0, topics.length - TOP_TOPICS), error,
  };
}

/** 0 -> "0", 0.4 -> "0.4", 12.34 -> "12.3", 1234.5 -> "1,235". */
export function formatRate(v: number): string {
  if (v === 0) return '0';
  if (v < 10) return v.toFixed(1).replace(/\.0$/, '');
  if (v < 100) return v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
}
