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
  /** Topics with traffic in the latest round that are not shown (beyond the top 10). */
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
  const error = samples.at(-1)?.error ?? null;
  if (rated.length === 0) return { ready: false, brokers: [], topics: [], moreTopics: 0, error };
  // Rates by id per rated round, looked up in maps: a window holds up to 120 rounds of 100 topics each.
  const brokerRates = rated.map((s) => new Map(s.brokers.map((b) => [String(b.nodeId), b.messagesPerSec])));
  const topicRates = rated.map((s) => new Map(s.topics.map((t) => [t.topic, t.messagesPerSec])));
  const series = (ids: Iterable<string>, rates: Map<string, number>[]): Sparkline[] => [...ids].map((id) => ({
    id, current: rates.at(-1)!.get(id) ?? 0, points: rated.map((s, i) => ({ time: s.time, rate: rates[i]!.get(id) ?? 0 })),
  }));
  const brokerIds = [...new Set(rated.flatMap((s) => s.brokers.map((b) => b.nodeId)))].sort((x, y) => x - y).map(String);
  const moved = new Set(rated.flatMap((s) => s.topics.map((t) => t.topic)));
  const peak = (l: Sparkline) => l.points.reduce((m, p) => Math.max(m, p.rate), 0);
  // The busiest now first; topics quiet now but busy earlier in the window after them, by their peak.
  const topics = series(moved, topicRates).sort((x, y) => y.current - x.current || peak(y) - peak(x) || (x.id < y.id ? -1 : 1))
    .slice(0, TOP_TOPICS);
  const shownActive = topics.filter((t) => t.current > 0).length;
  return {
    ready: true, brokers: series(brokerIds, brokerRates), topics,
    moreTopics: Math.max(0, rated.at(-1)!.activeTopics - shownActive), error,
  };
}

/** 0 -> "0", 0.4 -> "0.4", 12.34 -> "12.3", 1234.5 -> "1,235". */
export function formatRate(v: number): string {
  if (v === 0) return '0';
  if (v < 10) return v.toFixed(1).replace(/\.0$/, '');
  if (v < 100) return v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
}
