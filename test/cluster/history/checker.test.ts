// The checker on synthetic histories: valid ones pass, and each anomaly the issue names (a lost ack, two
// records at one offset, a committed offset moving backwards) plus consumer gaps/reordering MUST be found.
import { describe, expect, it } from 'vitest';
import { checkHistory, explain } from './checker.js';
import { HistoryError, formatHistory, parseHistory, parseOp, seqOf, type Op } from './history.js';

type Line = Omit<Op, 'index' | 'time' | 'offset'> & { offset?: number | bigint; time?: number };
const history = (...lines: Line[]): Op[] =>
  lines.map((l, index) => ({ time: index, ...l, offset: l.offset === undefined ? undefined : BigInt(l.offset), index }));

const send = (v: string, partition: number, offset: number): Line[] => [
  { type: 'invoke', f: 'send', process: v.split(':')[0], value: v },
  { type: 'ok', f: 'send', process: v.split(':')[0], value: v, topic: 't', partition, offset },
];
const read = (v: string, partition: number, offset: number, f = 'read', process = 'reader'): Line =>
  ({ type: 'ok', f, process, value: v, topic: 't', partition, offset });
const commit = (offset: number, f = 'commit', process = 'c1'): Line => ({ type: 'ok', f, process, group: 'g', topic: 't', partition: 0, offset });

describe('checkHistory', () => {
  it('accepts a clean history: acks read back in order, commits moving forward, a failed and an unknown send', () => {
    const h = history(
      ...send('p:0', 0, 0), ...send('p:1', 0, 1), ...send('q:0', 1, 0),
      { type: 'invoke', f: 'send', process: 'p', value: 'p:2' },
      { type: 'fail', f: 'send', process: 'p', value: 'p:2', error: 'NOT_ENOUGH_REPLICAS' },
      { type: 'invoke', f: 'send', process: 'p', value: 'p:3' },
      { type: 'info', f: 'send', process: 'p', value: 'p:3', error: 'timed out' },
      { type: 'info', f: 'assign', process: 'c1', partitions: [0] },
      read('p:0', 0, 0, 'poll', 'c1'), read('p:1', 0, 1, 'poll', 'c1'), commit(2),
      read('p:3', 0, 2, 'poll', 'c1'), commit(3), commit(3, 'committed', 'c2'),
      read('p:0', 0, 0), read('p:1', 0, 1), read('p:3', 0, 2), read('q:0', 1, 0),
    );
    const r = checkHistory(h);
    expect(r.anomalies).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ invoked: 5, acked: 3, failed: 1, unknown: 1, observedOffsets: 4, commits: 2, duplicates: 0 });
    expect(explain(r)).toMatch(/^history is VALID/);
  });

  it('MUST fail: an acknowledged record that no read found (lost ack), naming the value and offset', () => {
    const r = checkHistory(history(...send('p:0', 0, 0), ...send('p:1', 0, 1), read('p:0', 0, 0)));
    expect(r.valid).toBe(false);
    expect(r.anomalies.map((a) => a.kind)).toEqual(['lost-ack']);
    expect(r.anomalies[0].message).toContain('"p:1" at t[0]@1');
    expect(r.anomalies[0].message).toContain('no read reached that offset');
    expect(explain(r)).toMatch(/INVALID: 1 anomaly[\s\S]*lost-ack: 1/);
  });

  it('MUST fail: an acked offset later holding another record (unclean election) is a lost ack and a conflict', () => {
    const r = checkHistory(history(...send('p:0', 0, 0), ...send('p:1', 0, 1), read('p:0', 0, 0), read('q:7', 0, 1)));
    expect(r.anomalies.map((a) => a.kind).sort()).toEqual(['lost-ack', 'offset-conflict']);
    expect(r.anomalies.find((a) => a.kind === 'lost-ack')!.message).toContain('reads found "q:7" in its place');
  });

  it('MUST fail: two acknowledgements at one offset with different records', () => {
    const r = checkHistory(history(...send('p:0', 0, 5), ...send('q:0', 0, 5), read('p:0', 0, 5)), { checks: ['offset-conflict'] });
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies[0]).toMatchObject({ kind: 'offset-conflict', ops: [1, 3] });
    expect(r.anomalies[0].message).toContain('t[0]@5 holds two records: "p:0"');
  });

  it('MUST fail: two reads seeing different records at one offset', () => {
    const r = checkHistory(history(read('a:1', 2, 9, 'poll', 'c1'), read('b:1', 2, 9)), { checks: ['offset-conflict'] });
    expect(r.anomalies.map((a) => a.kind)).toEqual(['offset-conflict']);
  });

  it('allows duplicates (the same value at two offsets) and the same value acked twice at one offset', () => {
    const r = checkHistory(history(...send('p:0', 0, 0), ...send('p:0', 0, 0), read('p:0', 0, 0), read('p:0', 0, 1)), { checks: ['lost-ack', 'offset-conflict'] });
    expect(r.valid).toBe(true);
    expect(r.stats.duplicates).toBe(1);
  });

  it('MUST fail: a committed offset moving backwards (commit after commit, and OffsetFetch after commit)', () => {
    const r = checkHistory(history(commit(10), commit(12), commit(11), commit(12, 'commit', 'c2'), commit(4, 'committed', 'c2')));
    expect(r.anomalies.map((a) => a.kind)).toEqual(['commit-regression', 'commit-regression']);
    expect(r.anomalies[0].message).toContain('went back from 12');
    expect(r.anomalies[0].message).toContain('to 11');
    expect(r.anomalies[1].message).toContain('to 4');
  });

  it('keeps groups and partitions apart, and ignores -1 (nothing committed) and failed commits', () => {
    const r = checkHistory(history(
      commit(10), { ...commit(3), group: 'other' }, { ...commit(2), partition: 1 }, commit(-1, 'committed'),
      { ...commit(1), type: 'fail' }, commit(10),
    ));
    expect(r.anomalies).toEqual([]);
  });

  it('MUST fail: a consumer skipping offsets within one assignment (gap)', () => {
    const r = checkHistory(history(
      { type: 'info', f: 'assign', process: 'c1', partitions: [0] },
      read('p:0', 0, 0, 'poll', 'c1'), read('p:1', 0, 1, 'poll', 'c1'), read('p:4', 0, 4, 'poll', 'c1'),
    ), { checks: ['consumer-gap'] });
    expect(r.anomalies.map((a) => a.kind)).toEqual(['consumer-gap']);
    expect(r.anomalies[0].message).toContain('offsets 2..3 skipped');
  });

  it('MUST fail: a consumer going backwards without a re-assignment; re-reading after one is fine', () => {
    const bad = checkHistory(history(read('p:0', 0, 0, 'poll', 'c1'), read('p:1', 0, 1, 'poll', 'c1'), read('p:0', 0, 0, 'poll', 'c1')),
      { checks: ['consumer-reorder'] });
    expect(bad.anomalies.map((a) => a.kind)).toEqual(['consumer-reorder']);
    const ok = checkHistory(history(
      read('p:0', 0, 0, 'poll', 'c1'), read('p:1', 0, 1, 'poll', 'c1'),
      { type: 'info', f: 'revoke', process: 'c1', partitions: [0] }, { type: 'info', f: 'assign', process: 'c1', partitions: [0] },
      read('p:0', 0, 0, 'poll', 'c1'), read('p:1', 0, 1, 'poll', 'c1'),
    ), { checks: ['consumer-gap', 'consumer-reorder'] });
    expect(ok.valid).toBe(true);
  });

  it('MUST fail: one producer\'s records out of send order in the log; first copies only, other producers independent', () => {
    const bad = checkHistory(history(read('p:0', 0, 0), read('p:2', 0, 1), read('p:1', 0, 2)), { checks: ['producer-reorder'] });
    expect(bad.anomalies.map((a) => a.kind)).toEqual(['producer-reorder']);
    expect(bad.anomalies[0].message).toContain("p's record 1 comes after its record 2");
    const ok = checkHistory(history(read('p:0', 0, 0), read('q:5', 0, 1), read('p:1', 0, 2), read('p:0', 0, 3), read('q:6', 0, 4)),
      { checks: ['producer-reorder'] });
    expect(ok.valid).toBe(true);
  });

  it('explain lists at most `limit` anomalies and says how many more', () => {
    const lines = Array.from({ length: 5 }, (_, i) => send(`p:${i}`, 0, i)).flat();
    const text = explain(checkHistory(history(...lines)), 2);
    expect(text).toContain('INVALID: 5 anomalies');
    expect(text.match(/^- \[lost-ack\]/gm)).toHaveLength(2);
    expect(text).toContain('... and 3 more');
  });
});

describe('history parsing', () => {
  it('round-trips JSON lines with offsets as exact bigint strings beyond 2^53', () => {
    const text = '{"type":"ok","f":"send","process":"p","time":1,"value":"p:0","topic":"t","partition":0,"offset":"9007199254740993"}\n\n'
      + '{"type":"info","f":"assign","process":"c","time":2,"partitions":[0,1],"extra":true}\n';
    const ops = parseHistory(text);
    expect(ops[0].offset).toBe(9007199254740993n);
    expect(ops[1]).toMatchObject({ f: 'assign', partitions: [0, 1], index: 2 });
    expect(parseHistory(formatHistory(ops))[0].offset).toBe(9007199254740993n);
  });

  it('rejects malformed lines with a HistoryError naming the line', () => {
    expect(() => parseHistory('{"type":"ok","f":"send","process":"p"}\nnot json')).toThrow(/history line 2: not JSON/);
    expect(() => parseOp('[1]', 0)).toThrow(HistoryError);
    expect(() => parseOp('{"type":"done","f":"send","process":"p"}', 0)).toThrow(/type must be/);
    expect(() => parseOp('{"type":"ok","process":"p"}', 0)).toThrow(/missing f/);
    expect(() => parseOp('{"type":"ok","f":"x"}', 0)).toThrow(/missing process/);
    expect(() => parseOp('{"type":"ok","f":"x","process":"p","offset":"1.5"}', 0)).toThrow(/not an integer/);
    expect(() => parseOp('{"type":"ok","f":"x","process":"p","offset":[1]}', 0)).toThrow(/decimal string/);
    expect(() => parseOp('{"type":"ok","f":"x","process":"p","partition":"0"}', 0)).toThrow(/partition must be an integer/);
  });

  it('seqOf splits "<producer>:<seq>" and refuses anything else', () => {
    expect(seqOf('confluent-p:17')).toEqual({ producer: 'confluent-p', seq: 17 });
    expect(seqOf('a:b:3')).toEqual({ producer: 'a:b', seq: 3 });
    expect(seqOf('nocolon')).toBeNull();
    expect(seqOf('p:x')).toBeNull();
  });
});
