import { describe, expect, it } from 'vitest';
import { leaderSizes } from './topic-usage.js';

const part = (partition: number, leader: number, replicas: number[]) => ({ partition, leader, replicas, isr: replicas, offlineReplicas: [] });

describe('leaderSizes', () => {
  const report = {
    brokers: [{ nodeId: 1, bytes: 0n }, { nodeId: 2, bytes: 0n }],
    replicas: [
      { topic: 'a', partition: 0, broker: 1, bytes: 100n },
      { topic: 'a', partition: 0, broker: 2, bytes: 90n }, // a lagging follower: not counted
      { topic: 'a', partition: 1, broker: 2, bytes: 9_007_199_254_740_993n },
      { topic: 'a', partition: 1, broker: 1, bytes: 9_007_199_254_740_993n },
    ],
  };

  it('sums the leader replica of each partition once, not times the replication factor, in bigint', () => {
    const out = leaderSizes([{ name: 'a', partitions: [part(0, 1, [1, 2]), part(1, 2, [2, 1])] }], report);
    expect(out.get('a')).toBe(100n + 9_007_199_254_740_993n);
  });

  it('is null when a partition has no leader or its leader did not report a size', () => {
    expect(leaderSizes([{ name: 'a', partitions: [part(0, -1, [1, 2]), part(1, 2, [2, 1])] }], report).get('a')).toBeNull();
    expect(leaderSizes([{ name: 'a', partitions: [part(0, 3, [3]), part(1, 2, [2, 1])] }], report).get('a')).toBeNull();
  });

  it('gives 0 for a topic with no partitions and sizes each topic apart', () => {
    const out = leaderSizes([{ name: 'a', partitions: [part(0, 2, [1, 2])] }, { name: 'empty', partitions: [] }], report);
    expect(out.get('a')).toBe(90n);
    expect(out.get('empty')).toBe(0n);
  });
});
