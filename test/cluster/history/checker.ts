/**
 * The Jepsen-style checker: a pure function over a parsed history (history.ts) that finds the anomalies the
 * issue-5 failover tests must rule out:
 * - lost-ack: a send the cluster acknowledged (ok at partition/offset) whose record no read ever saw there;
 * - offset-conflict: one (topic, partition, offset) observed holding two different records (by two acks, an
 *   ack and a read, or two reads);
 * - commit-regression: a group's committed offset for a partition moving backwards over time (commit acks and
 *   OffsetFetch reads, in history order);
 * - consumer-gap / consumer-reorder: within one consumer's uninterrupted assignment of a partition, the next
 *   record it sees is not offset+1 (a gap) or goes backwards without a re-assignment (reordering);
 * - producer-reorder: in the final log of a partition, one producer's records (first copies) are not in the
 *   order it sent them (sequence numbers going down).
 * Duplicates from retries (the same value at two offsets) are allowed: the tests ask for at-least-once.
 * `explain` renders a result for people; the tests print it and keep the history file when a check fails.
 */
import { seqOf, type Op } from './history.js';

export type AnomalyKind = 'lost-ack' | 'offset-conflict' | 'commit-regression' | 'consumer-gap' | 'consumer-reorder' | 'producer-reorder';

export interface Anomaly {
  kind: AnomalyKind;
  message: string;
  /** History line indexes involved, for finding them in the kept file. */
  ops: number[];
}

export interface CheckStats {
  invoked: number;
  acked: number;
  failed: number;
  unknown: number;
  /** Distinct (topic, partition, offset) slots any read observed. */
  observedOffsets: number;
  commits: number;
  /** Acked values seen at more than one offset (allowed; reported for information). */
  duplicates: number;
}

export interface CheckResult {
  valid: boolean;
  anomalies: Anomaly[];
  stats: CheckStats;
}

export interface CheckOptions {
  /** Which checks run; all by default. A test that proves only some properties narrows this. */
  checks?: readonly AnomalyKind[];
  /** Reads that count for lost-ack (default: poll and read). */
  readOps?: readonly string[];
}

const ALL: readonly AnomalyKind[] = ['lost-ack', 'offset-conflict', 'commit-regression', 'consumer-gap', 'consumer-reorder', 'producer-reorder'];
const slot = (op: Op) => `${op.topic ?? ''}/${op.partition}@${op.offset}`;
const where = (op: Op) => `${op.topic ?? ''}[${op.partition}]@${op.offset}`;
const line = (op: Op) => `line ${op.index + 1} (${op.process} ${op.type} ${op.f})`;

export function checkHistory(history: readonly Op[], options: CheckOptions = {}): CheckResult {
  const enabled = new Set(options.checks ?? ALL);
  const readFs = new Set(options.readOps ?? ['poll', 'read']);
  const anomalies: Anomaly[] = [];
  const acks = history.filter((op) => op.f === 'send' && op.type === 'ok' && op.offset !== undefined && op.partition !== undefined);
  const reads = history.filter((op) => readFs.has(op.f) && op.type === 'ok' && op.offset !== undefined && op.partition !== undefined);

  // What each slot holds, first witness kept; a second different value is a conflict.
  const holder = new Map<string, Op>();
  const conflicted = new Set<string>();
  for (const op of [...acks, ...reads].sort((a, b) => a.index - b.index)) {
    const key = slot(op);
    const first = holder.get(key);
    if (!first) { holder.set(key, op); continue; }
    if (first.value !== op.value && !conflicted.has(`${key}|${op.value}`)) {
      conflicted.add(`${key}|${op.value}`);
      if (enabled.has('offset-conflict')) {
        anomalies.push({ kind: 'offset-conflict', ops: [first.index, op.index],
          message: `${where(op)} holds two records: ${JSON.stringify(first.value)} (${line(first)}) and ${JSON.stringify(op.value)} (${line(op)})` });
      }
    }
  }

  if (enabled.has('lost-ack')) {
    const seen = new Set(reads.map((r) => `${slot(r)}|${r.value}`));
    for (const ack of acks) {
      if (!seen.has(`${slot(ack)}|${ack.value}`)) {
        const other = reads.find((r) => slot(r) === slot(ack));
        anomalies.push({ kind: 'lost-ack', ops: other ? [ack.index, other.index] : [ack.index],
          message: `acknowledged ${JSON.stringify(ack.value)} at ${where(ack)} (${line(ack)}) was never read there`
            + (other ? `; reads found ${JSON.stringify(other.value)} in its place` : '; no read reached that offset') });
      }
    }
  }

  if (enabled.has('commit-regression')) anomalies.push(...commitRegressions(history));
  if (enabled.has('consumer-gap') || enabled.has('consumer-reorder')) {
    anomalies.push(...consumerOrder(history).filter((a) => enabled.has(a.kind)));
  }
  if (enabled.has('producer-reorder')) anomalies.push(...producerOrder(reads));

  const valueOffsets = new Map<string, Set<string>>();
  for (const r of reads) {
    if (r.value === undefined) continue;
    const set = valueOffsets.get(r.value) ?? new Set<string>();
    set.add(slot(r));
    valueOffsets.set(r.value, set);
  }
  const sends = history.filter((op) => op.f === 'send');
  return {
    valid: anomalies.length === 0,
    anomalies,
    stats: {
      invoked: sends.filter((o) => o.type === 'invoke').length,
      acked: acks.length,
      failed: sends.filter((o) => o.type === 'fail').length,
      unknown: sends.filter((o) => o.type === 'info').length,
      observedOffsets: new Set(reads.map(slot)).size,
      commits: history.filter((o) => o.f === 'commit' && o.type === 'ok').length,
      duplicates: [...valueOffsets.values()].filter((s) => s.size > 1).length,
    },
  };
}

function commitRegressions(history: readonly Op[]): Anomaly[] {
  const out: Anomaly[] = [];
  const last = new Map<string, Op>();
  for (const op of history) {
    if ((op.f !== 'commit' && op.f !== 'committed') || op.type !== 'ok' || op.offset === undefined || op.offset < 0n) continue;
    const key = `${op.group ?? ''}|${op.topic ?? ''}/${op.partition}`;
    const prev = last.get(key);
    if (prev && op.offset < prev.offset!) {
      out.push({ kind: 'commit-regression', ops: [prev.index, op.index],
        message: `group ${JSON.stringify(op.group ?? '')} ${op.topic ?? ''}[${op.partition}]: committed offset went back from ${prev.offset} (${line(prev)}) to ${op.offset} (${line(op)})` });
    }
    if (!prev || op.offset >= prev.offset!) last.set(key, op);
  }
  return out;
}

/** Per consumer process and partition: between assignments, offsets must go up by exactly one. */
function consumerOrder(history: readonly Op[]): Anomaly[] {
  const out: Anomaly[] = [];
  const lastSeen = new Map<string, Op>();
  for (const op of history) {
    if (op.f === 'assign' || op.f === 'revoke') {
      // A new assignment restarts from the committed offset: re-reading is allowed, so forget the position.
      for (const key of [...lastSeen.keys()]) if (key.startsWith(`${op.process}|`)) lastSeen.delete(key);
      continue;
    }
    if (op.f !== 'poll' || op.type !== 'ok' || op.offset === undefined) continue;
    const key = `${op.process}|${op.topic ?? ''}/${op.partition}`;
    const prev = lastSeen.get(key);
    lastSeen.set(key, op);
    if (!prev) continue;
    if (op.offset > prev.offset! + 1n) {
      out.push({ kind: 'consumer-gap', ops: [prev.index, op.index],
        message: `${op.process} read ${op.topic ?? ''}[${op.partition}] offset ${prev.offset} then ${op.offset}: offsets ${prev.offset! + 1n}..${op.offset - 1n} skipped (${line(prev)}, ${line(op)})` });
    } else if (op.offset <= prev.offset!) {
      out.push({ kind: 'consumer-reorder', ops: [prev.index, op.index],
        message: `${op.process} read ${op.topic ?? ''}[${op.partition}] offset ${prev.offset} then ${op.offset} without a re-assignment (${line(prev)}, ${line(op)})` });
    }
  }
  return out;
}

/** In offset order of the reads, each producer's first copies must carry increasing sequence numbers. */
function producerOrder(reads: readonly Op[]): Anomaly[] {
  const out: Anomaly[] = [];
  const byPartition = new Map<string, Map<bigint, Op>>();
  for (const r of reads) {
    const key = `${r.topic ?? ''}/${r.partition}`;
    const m = byPartition.get(key) ?? new Map<bigint, Op>();
    if (!m.has(r.offset!)) m.set(r.offset!, r);
    byPartition.set(key, m);
  }
  for (const [, offsets] of byPartition) {
    const seen = new Set<string>();
    const top = new Map<string, Op>();
    for (const op of [...offsets.values()].sort((a, b) => (a.offset! < b.offset! ? -1 : 1))) {
      if (op.value === undefined || seen.has(op.value)) continue;
      seen.add(op.value);
      const s = seqOf(op.value);
      if (!s) continue;
      const prev = top.get(s.producer);
      if (prev && seqOf(prev.value!)!.seq > s.seq) {
        out.push({ kind: 'producer-reorder', ops: [prev.index, op.index],
          message: `${where(op)}: ${s.producer}'s record ${s.seq} comes after its record ${seqOf(prev.value!)!.seq} at offset ${prev.offset}` });
      } else {
        top.set(s.producer, op);
      }
    }
  }
  return out;
}

/** A readable report: verdict, counts, then each anomaly (first `limit`), grouped by kind. */
export function explain(result: CheckResult, limit = 20): string {
  const s = result.stats;
  const lines = [
    result.valid ? 'history is VALID' : `history is INVALID: ${result.anomalies.length} anomal${result.anomalies.length === 1 ? 'y' : 'ies'}`,
    `sends: ${s.invoked} invoked, ${s.acked} acknowledged, ${s.failed} failed, ${s.unknown} unknown; ${s.observedOffsets} offsets read; ${s.commits} commits; ${s.duplicates} duplicated values (allowed)`,
  ];
  const counts = new Map<AnomalyKind, number>();
  for (const a of result.anomalies) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  for (const [kind, n] of counts) lines.push(`  ${kind}: ${n}`);
  for (const a of result.anomalies.slice(0, limit)) lines.push(`- [${a.kind}] ${a.message}`);
  if (result.anomalies.length > limit) lines.push(`... and ${result.anomalies.length - limit} more`);
  return lines.join('\n');
}
