import { describe, expect, it } from 'vitest';
import type { ThroughputSample } from '../../../../src-main/contract/index.js';
import { KEEP, formatRate, mergeSamples, throughputView } from './throughput-data.js';

const s = (time: number, topics: Record<string, number>, brokers: Record<number, number>, extra: Partial<ThroughputSample> = {}): ThroughputSample => ({
  clusterId: 'c', time, intervalSec: 5,
  topics: Object.entries(topics).map(([topic, messagesPerSec]) => ({ topic, messagesPerSec })), activeTopics: Object.keys(topics).length,
  brokers: Object.entries(brokers).map(([id, messagesPerSec]) => ({ nodeId: Number(id), messagesPerSec })),
  ...extra,
});

describe('throughput data', () => {
  it('is not ready until a round with rates exists, and reports a failed last round', () => {
    expect(throughputView([])).toEqual({ ready: false, brokers: [], topics: [], moreTopics: 0, error: null });
    expect(throughputView([s(1, {}, { 1: 0 }, { intervalSec: null })]).ready).toBe(false);
    const failed = throughputView([s(1, {}, { 1: 0 }, { intervalSec: null }), s(2, {}, {}, { intervalSec: null, error: 'down' })]);
    expect(failed).toMatchObject({ ready: false, error: 'down' });
  });

  it('builds broker and topic sparklines over rated rounds, quiet rounds at 0, busiest topic now first', () => {
    const v = throughputView([
      s(0, {}, { 1: 0, 2: 0 }, { intervalSec: null }),
      s(5, { a: 4, b: 1 }, { 1: 4, 2: 1 }),
      s(10, { b: 2 }, { 1: 0, 2: 2 }),
      s(15, {}, {}, { intervalSec: null, error: 'timeout' }),
    ]);
    expect(v.ready).toBe(true);
    expect(v.error).toBe('timeout');
    expect(v.brokers).toEqual([
      { id: '1', current: 0, points: [{ time: 5, rate: 4 }, { time: 10, rate: 0 }] },
      { id: '2', current: 2, points: [{ time: 5, rate: 1 }, { time: 10, rate: 2 }] },
    ]);
    expect(v.topics.map((t) => [t.id, t.current])).toEqual([['b', 2], ['a', 0]]);
    expect(v.topics[1]!.points.map((p) => p.rate)).toEqual([4, 0]);
  });

  it('shows the top 10 topics and counts the other active ones, beyond the 100 a sample lists too', () => {
    const topics = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`t${String(i).padStart(2, '0')}`, i + 1]));
    const v = throughputView([s(5, topics, { 1: 91 })]);
    expect(v.topics.map((t) => t.id)).toEqual(['t12', 't11', 't10', 't09', 't08', 't07', 't06', 't05', 't04', 't03']);
    expect(v.moreTopics).toBe(3);
    expect(throughputView([s(5, topics, { 1: 91 }, { activeTopics: 5000 })]).moreTopics).toBe(4990);
  });

  it('merges history and live samples by time without duplicates, keeping the last KEEP', () => {
    const a = [s(1, {}, {}), s(2, {}, {})];
    expect(mergeSamples(a, [s(2, { x: 1 }, {}), s(3, {}, {})]).map((x) => [x.time, x.topics.length])).toEqual([[1, 0], [2, 1], [3, 0]]);
    const many = Array.from({ length: KEEP + 5 }, (_, i) => s(i, {}, {}));
    const kept = mergeSamples([], many);
    expect(kept).toHaveLength(KEEP);
    expect(kept[0]!.time).toBe(5);
  });

  it('formats rates readably', () => {
    expect([0, 0.4, 3, 12.34, 1234.5].map(formatRate)).toEqual(['0', '0.4', '3', '12.3', '1,235']);
  });
});
