import { describe, expect, it } from 'vitest';
import type { TopicInfo } from '../clients/index.js';
import { partitionProblems, topicRow } from './topics-service.js';

const p = (partition: number, leader: number, replicas: number[], isr: number[]) => ({ partition, leader, replicas, isr, offlineReplicas: [] });

describe('partitionProblems (the health card\'s list)', () => {
  const topics: TopicInfo[] = [
    { name: 'payments', partitions: [p(0, 2, [1, 2, 3], [2, 3]), p(1, 3, [1, 2, 3], [1, 2, 3])] },
    { name: 'orders', partitions: [p(0, -1, [1], []), p(1, 2, [2, 1], [2]), p(2, 1, [1, 2], [1, 2])] },
  ];

  it('lists offline partitions first, then under-replicated ones, by topic and partition; healthy ones are left out', () => {
    expect(partitionProblems(topics)).toEqual([
      { topic: 'orders', partition: 0, leader: -1, replicas: [1], isr: [], offline: true },
      { topic: 'orders', partition: 1, leader: 2, replicas: [2, 1], isr: [2], offline: false },
      { topic: 'payments', partition: 0, leader: 2, replicas: [1, 2, 3], isr: [2, 3], offline: false },
    ]);
    // The counts in topicRow agree with the list.
    expect(topics.map(topicRow).map((r) => [r.underReplicated, r.offline])).toEqual([[1, 0], [2, 1]]);
  });

  it('counts an offline, shrunk partition once, and is empty for a healthy cluster', () => {
    const many: TopicInfo[] = [{ name: 't', partitions: Array.from({ length: 250 }, (_, i) => p(i, i % 2 === 0 ? -1 : 1, [1, 2], [1])) }];
    const all = partitionProblems(many);
    expect(all).toHaveLength(250);
    expect(all.slice(0, 125).every((x) => x.offline)).toBe(true);
    expect(partitionProblems([{ name: 'ok', partitions: [p(0, 1, [1, 2], [2, 1])] }])).toEqual([]);
  });
});
