/**
 * The operation history the failover and Jepsen-style tests record: one JSON line per operation, written by the
 * client drivers (test/cluster/drivers/) and merged by the harness. Drivers print offsets as decimal strings so
 * they stay exact; here they become bigint. Shapes (every line also has time (ms since epoch) and process):
 *   {"type":"invoke","f":"send","value":"confluent-p:17"}
 *   {"type":"ok","f":"send","value":..,"partition":0,"offset":"42"}          acknowledged at that offset
 *   {"type":"fail","f":"send","value":..,"error":"NOT_ENOUGH_REPLICAS"}     definitely not acknowledged
 *   {"type":"info","f":"send","value":..,"error":"timed out"}                outcome unknown
 *   {"type":"ok","f":"poll","partition":0,"offset":"42","value":..}         a consumer saw this record
 *   {"type":"ok","f":"read",...}                                            the final full read saw it
 *   {"type":"ok","f":"commit","group":"g","partition":0,"offset":"43"}      a commit the coordinator accepted
 *   {"type":"ok","f":"committed","group":"g","partition":0,"offset":"43"}   the committed offset as OffsetFetch read it
 *   {"type":"info","f":"assign"|"revoke","partitions":[0,1]}               consumer session boundaries
 *   {"type":"info","f":"nemesis","value":"kill 2"}                          a fault the test injected
 * Unknown fields are kept; a malformed line is a HistoryError naming the line, never a crash.
 */

export type OpType = 'invoke' | 'ok' | 'fail' | 'info';

export interface Op {
  type: OpType;
  f: string;
  process: string;
  time: number;
  value?: string;
  topic?: string;
  partition?: number;
  offset?: bigint;
  group?: string;
  error?: string;
  partitions?: number[];
  /** Position of the line in the merged history (0-based), for explanations. */
  index: number;
}

export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  constructor(readonly line: number, message: string) {
    super(`history line ${line + 1}: ${message}`);
  }
}

const TYPES = new Set<OpType>(['invoke', 'ok', 'fail', 'info']);

/** Parses one JSON line into an Op; `index` is its line number in the history. */
export function parseOp(line: string, index: number): Op {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    throw new HistoryError(index, `not JSON (${(err as Error).message}): ${line.slice(0, 120)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new HistoryError(index, 'not a JSON object');
  const o = raw as Record<string, unknown>;
  if (!TYPES.has(o.type as OpType)) throw new HistoryError(index, `type must be invoke/ok/fail/info, got ${JSON.stringify(o.type)}`);
  if (typeof o.f !== 'string' || o.f === '') throw new HistoryError(index, 'missing f (the operation name)');
  if (typeof o.process !== 'string') throw new HistoryError(index, 'missing process');
  const op: Op = { type: o.type as OpType, f: o.f, process: o.process, time: typeof o.time === 'number' ? o.time : 0, index };
  if (o.value !== undefined && o.value !== null) op.value = String(o.value);
  if (typeof o.topic === 'string') op.topic = o.topic;
  if (o.partition !== undefined) {
    if (!Number.isInteger(o.partition)) throw new HistoryError(index, `partition must be an integer, got ${JSON.stringify(o.partition)}`);
    op.partition = o.partition as number;
  }
  if (o.offset !== undefined) {
    if (typeof o.offset !== 'string' && typeof o.offset !== 'number') throw new HistoryError(index, `offset must be a decimal string, got ${JSON.stringify(o.offset)}`);
    if (!/^-?\d+$/.test(String(o.offset))) throw new HistoryError(index, `offset is not an integer: ${JSON.stringify(o.offset)}`);
    op.offset = BigInt(o.offset);
  }
  if (typeof o.group === 'string') op.group = o.group;
  if (typeof o.error === 'string') op.error = o.error;
  if (Array.isArray(o.partitions)) op.partitions = o.partitions.filter((p): p is number => Number.isInteger(p));
  return op;
}

/** Parses a whole JSON-lines history; blank lines are ignored. */
export function parseHistory(text: string): Op[] {
  const ops: Op[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() !== '') ops.push(parseOp(line, i));
  });
  return ops;
}

/** Serialises ops back to JSON lines (offsets as strings), e.g. to keep a synthetic or merged history on disk. */
export function formatHistory(ops: readonly Omit<Op, 'index'>[]): string {
  return ops.map((op) => JSON.stringify(op, (k, v: unknown) => (k === 'index' ? undefined : typeof v === 'bigint' ? v.toString() : v))).join('\n') + '\n';
}

/** A "process" name prefix convention: the value a producer sends is "<process>:<seq>". */
export function seqOf(value: string): { producer: string; seq: number } | null {
  const at = value.lastIndexOf(':');
  if (at <= 0) return null;
  const seq = Number(value.slice(at + 1));
  return Number.isInteger(seq) ? { producer: value.slice(0, at), seq } : null;
}
