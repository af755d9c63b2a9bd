import { describe, expect, it } from 'vitest';
import { TidepoolError } from '../common/index.js';
import type { KafkaBackend } from '../clients/index.js';
import { leaderSizes, readTopicSizes, topicConsumers } from './topic-usage.js';

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

describe('readTopicSizes and topicConsumers when the cluster fails part-way', () => {
  const fail = (what: string) => () => Promise.reject(new TidepoolError('TP_KAFKA', `${what} failed`));
  const backend = (over: Partial<KafkaBackend>): KafkaBackend => over as KafkaBackend;

  it('answers every size unknown rather than rejecting when DescribeLogDirs or the metadata fails', async () => {
    const topics = [{ name: 'a', partitions: [part(0, 1, [1])] }];
    const report = { brokers: [], replicas: [{ topic: 'a', partition: 0, broker: 1, bytes: 5n }] };
    await expect(readTopicSizes(backend({ listTopics: async () => topics, logDirs: fail('DescribeLogDirs') }), ['a'])).resolves.toEqual(new Map());
    await expect(readTopicSizes(backend({ listTopics: fail('Metadata'), logDirs: async () => report }), ['a'])).resolves.toEqual(new Map());
    await expect(readTopicSizes(backend({ listTopics: async () => topics, logDirs: async () => report }), ['a'])).resolves.toEqual(new Map([['a', 5n]]));
  });

  it('keeps a group whose offsets failed, with the reason, beside the groups that answered', async () => {
    const b = backend({
      listGroups: async () => [
        { groupId: 'ok', state: 'Empty', protocolType: 'consumer', members: 0 },
        { groupId: 'broken', state: 'Empty', protocolType: 'consumer', members: 0 },
      ],
      endOffsets: async () => [{ topic: 't', partition: 0, low: 0n, high: 10n }],
      committedOffsets: async (id) => {
        if (id === 'broken') throw new TidepoolError('TP_KAFKA', 'COORDINATOR_NOT_AVAILABLE');
        return [{ topic: 't', partition: 0, offset: 4n, metadata: null }];
      },
    });
    const rows = await topicConsumers(b, 't');
    expect(rows.map((r) => r.groupId)).toEqual(['broken', 'ok']);
    expect(rows[0]).toMatchObject({ totalLag: null, partitions: [], error: 'COORDINATOR_NOT_AVAILABLE' });
    expect(rows[1]).toMatchObject({ totalLag: 6n, uncommitted: 0 });
  });

  it('rejects when the group list itself cannot be read', async () => {
    const b = backend({ listGroups: fail('ListGroups'), endOffsets: async () => [] });
    await expect(topicConsumers(b, 't')).rejects.toMatchObject({ code: 'TP_KAFKA', message: 'ListGroups failed' });
  });
});
