/**
 * The local cluster's metadata events for the UI (issue 5, point 3): derived from what the controller
 * appends to the metadata log, each record diffed against the image as it stood before that record
 * (broker registered / fenced / unfenced, leader change old -> new with epochs, ISR shrink or expand per
 * replica, topic created / deleted, reassignment steps), plus events the runtime and the fault injector
 * report themselves (controller moves, faults). Kept in a bounded ring (10,000 by default) with an
 * increasing seq, readable with `events(sinceSeq)`, and pushed to `onEvent` listeners.
 *
 * Cause: what the runtime gives with `withCause(cause, () => log.append(...))` ("broker 2 killed", "replica 3
 * fell behind for 10000 ms") wins, as the most specific; else a PartitionChange's own reason (also kept in
 * detail.reason), else a plain default ("broker 2 fenced"), a fence reading its cause from the re-elections
 * appended with it ("broker 2 fenced (killed)" -> "killed"). An ISR change may also give one reason per
 * replica. `hint(brokerId, what)` remembers what was done to a broker ("broker 2 killed") so the fence
 * that follows later (its session running out) says so: "broker 2 killed; no heartbeat for 9000 ms".
 */
import type { ClusterEvent } from './control.js';
import { applyRecords, NO_LEADER, type MetadataImage, type PartitionImage } from './controller/metadata-image.js';
import type { AppendedRecords, AppendListener } from './controller/metadata-log.js';
import type { MetadataRecord } from './controller/metadata-records.js';

export const DEFAULT_EVENT_CAPACITY = 10_000;

/** An event before it gets its seq (and, unless given, its time). */
export type NewClusterEvent = Omit<ClusterEvent, 'seq' | 'time'> & { time?: number };

export interface ClusterEventsOptions {
  capacity?: number;
  now?: () => number;
  /** Where a listener's exception goes (it never reaches the code that appended). */
  onListenerError?: (err: unknown) => void;
}

export class ClusterEvents {
  private readonly ring: (ClusterEvent | undefined)[];
  private readonly capacity: number;
  private readonly now: () => number;
  private nextSeq = 1;
  private readonly listeners = new Set<(e: ClusterEvent) => void>();
  private cause: string | null = null;
  private replicaReasons: ReadonlyMap<number, string> | null = null;
  private readonly hints = new Map<number, string>();

  constructor(private readonly opts: ClusterEventsOptions = {}) {
    this.capacity = opts.capacity ?? DEFAULT_EVENT_CAPACITY;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new RangeError(`event capacity must be a positive whole number, not ${this.capacity}`);
    this.ring = new Array<ClusterEvent | undefined>(this.capacity);
    this.now = opts.now ?? Date.now;
  }

  /** The seq the last event got (0 before any). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Adds an event (seq and, unless given, time assigned here) and tells every listener. */
  emit(e: NewClusterEvent): ClusterEvent {
    const event: ClusterEvent = { ...e, seq: this.nextSeq++, time: e.time ?? this.now() };
    this.ring[(event.seq - 1) % this.capacity] = event;
    for (const cb of [...this.listeners]) {
      try {
        cb(event);
      } catch (err) {
        this.opts.onListenerError?.(err);
      }
    }
    return event;
  }

  /** Events still in the ring with seq > sinceSeq (all kept when omitted), oldest first. */
  events(sinceSeq = 0): ClusterEvent[] {
    const oldest = Math.max(1, this.nextSeq - this.capacity, Math.floor(sinceSeq) + 1);
    const out: ClusterEvent[] = [];
    for (let seq = oldest; seq < this.nextSeq; seq++) out.push(this.ring[(seq - 1) % this.capacity] as ClusterEvent);
    return out;
  }

  onEvent(cb: (e: ClusterEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /**
   * Runs `fn` (typically a metadata append) with `cause` as the cause of the events it produces;
   * `replicaReasons` gives ISR shrink/expand events of a replica their own cause.
   */
  withCause<T>(cause: string, fn: () => T, replicaReasons?: ReadonlyMap<number, string>): T {
    const outer = [this.cause, this.replicaReasons] as const;
    this.cause = cause;
    this.replicaReasons = replicaReasons ?? null;
    try {
      return fn();
    } finally {
      [this.cause, this.replicaReasons] = outer;
    }
  }

  /** Remembers what was done to a broker, for the cause of its next fence (cleared by it, a registration, or null). */
  hint(brokerId: number, what: string | null): void {
    if (what === null) this.hints.delete(brokerId);
    else this.hints.set(brokerId, what);
  }

  /** For the runtime: the active controller changed. */
  controllerMoved(from: number | null, to: number, cause: string): ClusterEvent {
    return this.emit({ kind: 'controller-move', cause, brokerId: to, detail: { from, to } });
  }

  /** Derives events from every append to `log` (a MetadataLog or the controller runtime) from now on. */
  follow(log: { readonly image: MetadataImage; onAppend(cb: AppendListener): () => void }): () => void {
    let before = log.image;
    return log.onAppend((appended) => {
      const prev = before;
      before = appended.image;
      this.fromAppend(prev, appended);
    });
  }

  /** The events one append means, given the image before it. */
  fromAppend(before: MetadataImage, appended: AppendedRecords): void {
    const time = Number(appended.timestamp);
    let batchCause = this.cause;
    // A fence of a broker something was done to: say what, before the controller's own reason.
    for (const r of appended.records) {
      if (r.type === 'RegisterBroker') this.hints.delete(r.brokerId);
      const hint = r.type === 'FenceBroker' ? this.hints.get(r.brokerId) : undefined;
      if (hint === undefined || r.type !== 'FenceBroker') continue;
      this.hints.delete(r.brokerId);
      batchCause = `${hint}; ${batchCause ?? fenceCause(r.brokerId, appended.records) ?? `broker ${r.brokerId} fenced`}`;
    }
    const reasons = this.replicaReasons;
    let image = before;
    appended.records.forEach((record, i) => {
      const offset = appended.baseOffset + BigInt(i);
      const out = describe(image, record, appended.records, batchCause, reasons);
      try {
        image = applyRecords(image, [record], offset);
      } catch {
        // The log applied it, so this cannot fail; if it ever did, the diff of later records would be wrong.
        image = appended.image;
      }
      for (const e of out) this.emit({ ...e, time });
    });
  }
}

type Draft = Omit<NewClusterEvent, 'time'>;

function describe(
  image: MetadataImage, r: MetadataRecord, batch: readonly MetadataRecord[], cause: string | null, reasons: ReadonlyMap<number, string> | null,
): Draft[] {
  switch (r.type) {
    case 'RegisterBroker': {
      const again = image.brokers.has(r.brokerId);
      return [{
        kind: 'broker-registered', brokerId: r.brokerId,
        cause: cause ?? (again ? `broker ${r.brokerId} registered again (restart)` : `broker ${r.brokerId} registered`),
        detail: { brokerEpoch: r.brokerEpoch, host: r.host, port: r.port, rack: r.rack, restart: again },
      }];
    }
    case 'FenceBroker':
    case 'UnfenceBroker': {
      const fenced = r.type === 'FenceBroker';
      return [{
        kind: fenced ? 'broker-fenced' : 'broker-unfenced', brokerId: r.brokerId,
        cause: cause ?? (fenced ? fenceCause(r.brokerId, batch) : null) ?? `broker ${r.brokerId} ${fenced ? 'fenced' : 'unfenced'}`,
        detail: { brokerEpoch: r.brokerEpoch },
      }];
    }
    case 'Topic': {
      const parts = batch.filter((x) => x.type === 'Partition' && x.topicId === r.topicId);
      const rf = parts[0]?.type === 'Partition' ? parts[0].replicas.length : 0;
      return [{
        kind: 'topic-created', topic: r.name, cause: cause ?? `topic ${r.name} created`,
        detail: { topicId: r.topicId, partitions: parts.length, replicationFactor: rf },
      }];
    }
    case 'RemoveTopic': {
      const t = image.topicsById.get(r.topicId);
      const name = t?.name ?? r.topicId;
      return [{ kind: 'topic-deleted', topic: name, cause: cause ?? `topic ${name} deleted`, detail: { topicId: r.topicId } }];
    }
    case 'PartitionChange': {
      const t = image.topicsById.get(r.topicId);
      const cur = t?.partitions.get(r.partitionId);
      if (t === undefined || cur === undefined) return [];
      return partitionEvents(t.name, cur, r, cause ?? (r.reason || 'partition changed'), reasons);
    }
    case 'Partition':
    case 'Config':
      return [];
  }
}

/** "broker 2 fenced (killed)" in a re-election appended with the fence gives "killed". */
function fenceCause(brokerId: number, batch: readonly MetadataRecord[]): string | null {
  const prefix = `broker ${brokerId} fenced (`;
  for (const x of batch) {
    if (x.type === 'PartitionChange' && x.reason.startsWith(prefix)) {
      const end = x.reason.indexOf(')', prefix.length);
      if (end > prefix.length) return x.reason.slice(prefix.length, end);
    }
  }
  return null;
}

function partitionEvents(
  topic: string, cur: PartitionImage, next: Omit<PartitionImage, 'topicId'> & { reason: string }, cause: string, reasons: ReadonlyMap<number, string> | null,
): Draft[] {
  const where = { topic, partition: cur.partitionId };
  const reason = next.reason;
  const out: Draft[] = [];
  if (next.leader !== cur.leader) {
    out.push({
      kind: 'leader-change', ...where, cause, brokerId: next.leader === NO_LEADER ? undefined : next.leader,
      detail: {
        from: cur.leader, to: next.leader, fromEpoch: cur.leaderEpoch, leaderEpoch: next.leaderEpoch,
        election: next.leader === NO_LEADER ? 'offline' : /unclean/.test(reason) ? 'unclean' : 'clean', reason,
      },
    });
  }
  for (const r of cur.isr.filter((x) => !next.isr.includes(x))) {
    out.push({ kind: 'isr-shrink', ...where, brokerId: r, cause: reasons?.get(r) ?? cause, detail: { replica: r, isr: next.isr, previousIsr: cur.isr, reason } });
  }
  for (const r of next.isr.filter((x) => !cur.isr.includes(x))) {
    out.push({ kind: 'isr-expand', ...where, brokerId: r, cause: reasons?.get(r) ?? cause, detail: { replica: r, isr: next.isr, previousIsr: cur.isr, reason } });
  }
  const wasMoving = cur.addingReplicas.length > 0 || cur.removingReplicas.length > 0;
  const moving = next.addingReplicas.length > 0 || next.removingReplicas.length > 0;
  const replicasChanged = cur.replicas.length !== next.replicas.length || cur.replicas.some((x, i) => x !== next.replicas[i]);
  // Catching-up progress inside a reassignment shows as isr-expand; the reassignment's own steps are these.
  if (replicasChanged || wasMoving !== moving) {
    const phase = !wasMoving ? (moving ? 'started' : 'completed') : moving ? 'replaced' : /cancel/.test(reason) ? 'cancelled' : 'finished';
    out.push({
      kind: 'reassignment', ...where, cause,
      detail: { phase, from: cur.replicas, to: next.replicas, adding: next.addingReplicas, removing: next.removingReplicas, reason },
    });
  }
  return out;
}
