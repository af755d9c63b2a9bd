import { describe, expect, it } from 'vitest';
import { ev } from './test-fixtures.js';
import { affectsTopic, eventChange, eventKey, eventSubject, filterEvents, mergeEvents } from './timeline.js';

describe('mergeEvents', () => {
  it('keeps newest first, drops replayed events, and keeps both runs when seq restarts', () => {
    const a = ev({ kind: 'broker-fenced', seq: 1, run: 1 });
    const b = ev({ kind: 'leader-change', seq: 2, run: 1 });
    const c = ev({ kind: 'broker-registered', seq: 1, run: 2 });
    let cur = mergeEvents([], [a]);
    cur = mergeEvents(cur, [b]);
    cur = mergeEvents(cur, [a, b]); // a re-subscription replays the backlog
    cur = mergeEvents(cur, [c]);
    expect(cur.map(eventKey)).toEqual(['2:1', '1:2', '1:1']);
  });

  it('returns the same array when nothing is new, and caps the length', () => {
    const a = ev({ kind: 'fault', seq: 5 });
    const cur = mergeEvents([], [a]);
    expect(mergeEvents(cur, [a])).toBe(cur);
    const many = Array.from({ length: 10 }, (_, i) => ev({ kind: 'fault', seq: 100 + i }));
    const capped = mergeEvents([], many, 4);
    expect(capped.map((e) => e.seq)).toEqual([109, 108, 107, 106]);
  });
});

describe('filterEvents', () => {
  const events = [
    ev({ kind: 'leader-change', topic: 'orders', partition: 0 }),
    ev({ kind: 'isr-shrink', topic: 'Payments', partition: 1 }),
    ev({ kind: 'broker-fenced', brokerId: 2 }),
  ];
  it('filters by kinds (empty = all) and by topic substring, case-insensitive', () => {
    expect(filterEvents(events, { kinds: new Set(), topic: '' })).toHaveLength(3);
    expect(filterEvents(events, { kinds: new Set(['isr-shrink', 'broker-fenced']), topic: '' }).map((e) => e.kind)).toEqual(['isr-shrink', 'broker-fenced']);
    expect(filterEvents(events, { kinds: new Set(), topic: ' pay ' }).map((e) => e.topic)).toEqual(['Payments']);
    expect(filterEvents(events, { kinds: new Set(['leader-change']), topic: 'pay' })).toEqual([]);
  });
});

describe('event lines', () => {
  it('describes leader changes, ISR changes, controller moves and faults from their detail', () => {
    expect(eventChange(ev({ kind: 'leader-change', detail: { oldLeader: 1, newLeader: 2, leaderEpoch: 4 } }))).toBe('leader 1 → 2 · epoch 4');
    expect(eventChange(ev({ kind: 'leader-change', detail: { oldLeader: 3, newLeader: -1 } }))).toBe('leader 3 → none');
    expect(eventChange(ev({ kind: 'isr-shrink', detail: { oldIsr: [1, 2, 3], newIsr: [2, 3] } }))).toBe('ISR [1, 2, 3] → [2, 3]');
    expect(eventChange(ev({ kind: 'isr-expand', detail: { isr: [1, 2, 3], epoch: 7 } }))).toBe('ISR [1, 2, 3] · epoch 7');
    expect(eventChange(ev({ kind: 'controller-move', detail: { from: 1, to: 3 } }))).toBe('controller 1 → 3');
    expect(eventChange(ev({ kind: 'controller-move', detail: { to: 1 } }))).toBe('controller → 1');
    expect(eventChange(ev({ kind: 'controller-move', detail: { from: -1, to: 2 } }))).toBe('controller none → 2');
    expect(eventChange(ev({ kind: 'fault', detail: { fault: 'pause' } }))).toBe('pause');
  });

  it('says nothing it does not know: missing or malformed detail gives an empty change', () => {
    expect(eventChange(ev({ kind: 'leader-change' }))).toBe('');
    expect(eventChange(ev({ kind: 'isr-shrink', detail: { newIsr: 'x', oldIsr: [1, 'b'] } }))).toBe('');
    expect(eventChange(ev({ kind: 'topic-created', detail: { oldLeader: 1 } }))).toBe('');
  });

  it('names the subject: topic-partition, topic, broker, or nothing', () => {
    expect(eventSubject(ev({ kind: 'isr-shrink', topic: 'orders', partition: 2, brokerId: 1 }))).toBe('orders-2');
    expect(eventSubject(ev({ kind: 'topic-created', topic: 'orders' }))).toBe('orders');
    expect(eventSubject(ev({ kind: 'broker-fenced', brokerId: 3 }))).toBe('broker 3');
    expect(eventSubject(ev({ kind: 'controller-move' }))).toBe('');
  });

  it('affectsTopic: the topic\'s own events and broker-wide ones, not other topics', () => {
    expect(affectsTopic(ev({ kind: 'leader-change', topic: 'orders' }), 'orders')).toBe(true);
    expect(affectsTopic(ev({ kind: 'broker-fenced', brokerId: 1 }), 'orders')).toBe(true);
    expect(affectsTopic(ev({ kind: 'leader-change', topic: 'other' }), 'orders')).toBe(false);
  });
});
