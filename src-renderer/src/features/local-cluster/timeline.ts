/**
 * The event timeline's data shaping: merging a subscription's backlog and live events (dedup by seq, newest
 * first, bounded), filtering by kind and topic, and one readable line per event from its kind-specific detail.
 */
import type { ClusterEvent, ClusterEventKind, LocalClusterEvent } from './types.js';

/** Enough for a long session of fault drills; older events stay in the core's ring. */
export const TIMELINE_CAP = 2000;

export const KIND_LABELS: Record<ClusterEventKind, string> = {
  'broker-registered': 'Broker registered',
  'broker-fenced': 'Broker fenced',
  'broker-unfenced': 'Broker unfenced',
  'controller-move': 'Controller moved',
  'leader-change': 'Leader change',
  'isr-shrink': 'ISR shrink',
  'isr-expand': 'ISR expand',
  'topic-created': 'Topic created',
  'topic-deleted': 'Topic deleted',
  reassignment: 'Reassignment',
  fault: 'Fault',
};

export const ALL_KINDS = Object.keys(KIND_LABELS) as ClusterEventKind[];

/** Kinds that warrant attention (shown in the warning colour). */
export const WARN_KINDS: ReadonlySet<ClusterEventKind> = new Set(['broker-fenced', 'isr-shrink', 'fault']);

/** Identity of an event across cluster restarts: seq starts again with each run. */
export const eventKey = (e: LocalClusterEvent) => `${e.run}:${e.seq}`;

/** Newest first: later run, then higher seq. */
const newestFirst = (a: LocalClusterEvent, b: LocalClusterEvent) => b.run - a.run || b.seq - a.seq;

/**
 * `incoming` added to `current` (newest first): duplicates dropped (a re-subscription replays the backlog),
 * at most `cap` kept. Returns `current` itself when nothing is new, so React skips the render.
 */
export function mergeEvents(current: readonly LocalClusterEvent[], incoming: readonly LocalClusterEvent[], cap = TIMELINE_CAP): LocalClusterEvent[] {
  const seen = new Set(current.map(eventKey));
  const fresh = incoming.filter((e) => {
    const k = eventKey(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (fresh.length === 0) return current as LocalClusterEvent[];
  return [...fresh, ...current].sort(newestFirst).slice(0, cap);
}

export interface TimelineFilter {
  /** Kinds to show; empty = all. */
  kinds: ReadonlySet<ClusterEventKind>;
  /** Substring of the topic name; events without a topic are hidden while this is set. */
  topic: string;
}

export function filterEvents(events: readonly LocalClusterEvent[], f: TimelineFilter): LocalClusterEvent[] {
  const topic = f.topic.trim().toLowerCase();
  return events.filter((e) => (f.kinds.size === 0 || f.kinds.has(e.kind))
    && (topic === '' || (e.topic !== undefined && e.topic.toLowerCase().includes(topic))));
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const ids = (v: unknown): number[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? v as number[] : undefined);
const list = (v: number[]) => `[${v.join(', ')}]`;

/** First detail value among `keys` that passes `pick`. Detail keys differ by producer; accept the usual names. */
function field<T>(d: Record<string, unknown>, keys: string[], pick: (v: unknown) => T | undefined): T | undefined {
  for (const k of keys) {
    const v = pick(d[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Where the event happened: "orders-2", "broker 3", or "". */
export function eventSubject(e: ClusterEvent): string {
  if (e.topic !== undefined) return e.partition === undefined ? e.topic : `${e.topic}-${e.partition}`;
  if (e.brokerId !== undefined) return `broker ${e.brokerId}`;
  return '';
}

/** What changed, from the detail: "leader 1 → 2 (epoch 4)", "ISR [1, 2, 3] → [2, 3]". */
export function eventChange(e: ClusterEvent): string {
  const d = e.detail ?? {};
  const parts: string[] = [];
  if (e.kind === 'leader-change') {
    const from = field(d, ['oldLeader', 'fromLeader', 'from'], num);
    const to = field(d, ['newLeader', 'toLeader', 'leader', 'to'], num);
    if (from !== undefined || to !== undefined) parts.push(`leader ${from === undefined ? '?' : from < 0 ? 'none' : from} → ${to === undefined ? '?' : to < 0 ? 'none' : to}`);
  }
  if (e.kind === 'controller-move') {
    const from = field(d, ['from', 'oldController'], num);
    const to = field(d, ['to', 'newController', 'controllerId'], num);
    if (from !== undefined && to !== undefined) parts.push(`controller ${from < 0 ? 'none' : from} → ${to < 0 ? 'none' : to}`);
    else if (to !== undefined) parts.push(`controller → ${to}`);
  }
  if (e.kind === 'isr-shrink' || e.kind === 'isr-expand' || e.kind === 'leader-change') {
    const from = field(d, ['oldIsr', 'fromIsr'], ids);
    const to = field(d, ['newIsr', 'toIsr', 'isr'], ids);
    if (from !== undefined && to !== undefined) parts.push(`ISR ${list(from)} → ${list(to)}`);
    else if (to !== undefined) parts.push(`ISR ${list(to)}`);
  }
  const epoch = field(d, ['leaderEpoch', 'epoch'], num);
  if (epoch !== undefined && (e.kind === 'leader-change' || e.kind === 'isr-shrink' || e.kind === 'isr-expand')) parts.push(`epoch ${epoch}`);
  if (e.kind === 'fault') {
    const name = typeof d.fault === 'string' ? d.fault : typeof d.name === 'string' ? d.name : undefined;
    if (name !== undefined) parts.push(name);
  }
  return parts.join(' · ');
}

/** Whether an event can change what a topic's partitions look like: its own events and broker-wide ones. */
export function affectsTopic(e: ClusterEvent, topic: string): boolean {
  return e.topic === undefined || e.topic === topic;
}
