import { describe, expect, it } from 'vitest';
import { minInsyncReplicas, uncleanLeaderElectionEnabled } from './cluster-config.js';
import { topicByName } from './metadata-image.js';
import { seededRandom } from './seeded-random.js';
import { clusterOf, commit, fence, part, withTopic } from './test-helpers.js';
import { alterConfig, createPartitions, createTopic, deleteTopic, validateTopicName } from './topic-decisions.js';

describe('createTopic', () => {
  it('writes the topic, its configs and placed partitions with every live replica in sync', () => {
    const image = clusterOf(3);
    const d = createTopic(image, { name: 'orders', partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }, seededRandom(5));
    expect(d.records.map((r) => r.type)).toEqual(['Topic', 'Config', 'Partition', 'Partition', 'Partition']);
    const after = commit(image, d.records);
    const t = topicByName(after, 'orders')!;
    expect(t.id).toBe(d.topicId);
    expect(t.partitions.size).toBe(3);
    for (const p of t.partitions.values()) {
      expect(p.isr).toEqual(p.replicas);
      expect(p.leader).toBe(p.replicas[0]);
      expect([p.leaderEpoch, p.partitionEpoch]).toEqual([0, 0]);
    }
    expect(new Set([...t.partitions.values()].map((p) => p.leader)).size).toBe(3);
    expect(minInsyncReplicas(after, 'orders')).toBe(2);
  });

  it('places only on unfenced brokers', () => {
    const image = fence(clusterOf(4), 2);
    const after = withTopic(image, { name: 't', partitions: 6, replicationFactor: 3 });
    for (const p of topicByName(after, 't')!.partitions.values()) expect(p.replicas).not.toContain(2);
    expect(() => createTopic(image, { name: 'u', partitions: 1, replicationFactor: 4 }, seededRandom(1)))
      .toThrow(expect.objectContaining({ code: 'INVALID_REPLICATION_FACTOR' }));
  });

  it('takes a manual assignment; fenced replicas start out of sync', () => {
    const image = fence(clusterOf(3), 1);
    const after = withTopic(image, { name: 't', assignment: [[1, 2], [3, 1]] });
    expect(part(after, 't', 0)).toMatchObject({ replicas: [1, 2], isr: [2], leader: 2 });
    expect(part(after, 't', 1)).toMatchObject({ replicas: [3, 1], isr: [3], leader: 3 });
  });

  it('defaults to one partition with one replica', () => {
    const after = withTopic(clusterOf(2), { name: 't' });
    expect(topicByName(after, 't')!.partitions.size).toBe(1);
    expect(part(after, 't').replicas).toHaveLength(1);
  });

  it.each([
    ['an existing name', { name: 'a' }, 'TOPIC_ALREADY_EXISTS'],
    ['a bad name', { name: 'a b' }, 'INVALID_TOPIC_EXCEPTION'],
    ['zero partitions', { name: 'n', partitions: 0 }, 'INVALID_PARTITIONS'],
    ['an empty assignment', { name: 'n', assignment: [] }, 'INVALID_REPLICA_ASSIGNMENT'],
    ['a replica list with a duplicate', { name: 'n', assignment: [[1, 1]] }, 'INVALID_REPLICA_ASSIGNMENT'],
    ['an unknown broker', { name: 'n', assignment: [[1, 9]] }, 'INVALID_REPLICA_ASSIGNMENT'],
    ['an empty replica list', { name: 'n', assignment: [[]] }, 'INVALID_REPLICA_ASSIGNMENT'],
    ['uneven replica counts', { name: 'n', assignment: [[1, 2], [3]] }, 'INVALID_REPLICA_ASSIGNMENT'],
    ['a bad min.insync.replicas', { name: 'n', configs: { 'min.insync.replicas': '0' } }, 'INVALID_CONFIG'],
    ['a bad unclean flag', { name: 'n', configs: { 'unclean.leader.election.enable': 'yes' } }, 'INVALID_CONFIG'],
  ])('rejects %s', (_what, req, code) => {
    const image = withTopic(clusterOf(3), { name: 'a' });
    expect(() => createTopic(image, req, seededRandom(1))).toThrow(expect.objectContaining({ code }));
  });

  it('rejects a manual assignment whose replicas are all fenced', () => {
    const image = fence(fence(clusterOf(3), 1), 2);
    expect(() => createTopic(image, { name: 'n', assignment: [[3], [1]] }, seededRandom(1)))
      .toThrow(expect.objectContaining({ code: 'INVALID_REPLICA_ASSIGNMENT', message: expect.stringMatching(/partition 1 \(1\) are fenced/) }));
  });

  it('draws a fresh id when the random one is taken', () => {
    const image = withTopic(clusterOf(1), { name: 'a' }, 9);
    const again = createTopic(image, { name: 'b' }, seededRandom(9));
    expect(again.topicId).not.toBe(topicByName(image, 'a')!.id);
  });
});

describe('validateTopicName', () => {
  it.each(['', '.', '..', 'x'.repeat(250), 'a/b', 'ü'])('rejects %j', (name) => {
    expect(() => validateTopicName(name)).toThrow(expect.objectContaining({ code: 'INVALID_TOPIC_EXCEPTION' }));
  });
  it.each(['a', 'A.b_c-9', 'x'.repeat(249), '__consumer_offsets'])('accepts %j', (name) => {
    expect(() => validateTopicName(name)).not.toThrow();
  });
});

describe('deleteTopic and alterConfig', () => {
  it('removes a topic by id; an unknown one is UNKNOWN_TOPIC_OR_PARTITION', () => {
    const image = withTopic(clusterOf(1), { name: 'a' });
    const after = commit(image, deleteTopic(image, 'a'));
    expect(topicByName(after, 'a')).toBeUndefined();
    expect(() => deleteTopic(after, 'a')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TOPIC_OR_PARTITION', kafkaCode: 3 }));
  });

  it('sets, overrides and clears the configs the controller reads', () => {
    let image = withTopic(clusterOf(1), { name: 'a' });
    expect([uncleanLeaderElectionEnabled(image, 'a'), minInsyncReplicas(image, 'a')]).toEqual([false, 1]);
    image = commit(image, alterConfig(image, 4, '', 'min.insync.replicas', '2'));
    expect(minInsyncReplicas(image, 'a')).toBe(2);
    image = commit(image, alterConfig(image, 2, 'a', 'min.insync.replicas', '3'));
    image = commit(image, alterConfig(image, 2, 'a', 'unclean.leader.election.enable', ' TRUE '));
    expect([uncleanLeaderElectionEnabled(image, 'a'), minInsyncReplicas(image, 'a')]).toEqual([true, 3]);
    image = commit(image, alterConfig(image, 2, 'a', 'min.insync.replicas', null));
    expect(minInsyncReplicas(image, 'a')).toBe(2);
  });

  it.each([
    [2, 'nope', 'x', 'y', 'UNKNOWN_TOPIC_OR_PARTITION'],
    [1, 'a', 'x', 'y', 'INVALID_REQUEST'],
    [2, 'a', '', 'y', 'INVALID_CONFIG'],
    [2, 'a', 'min.insync.replicas', '1.5', 'INVALID_CONFIG'],
    [4, '', 'unclean.leader.election.enable', '1', 'INVALID_CONFIG'],
  ])('rejects resource %i %j config %j = %j', (type, name, key, value, code) => {
    const image = withTopic(clusterOf(1), { name: 'a' });
    expect(() => alterConfig(image, type, name, key, value)).toThrow(expect.objectContaining({ code }));
  });

  it('reports a bad stored value as INVALID_CONFIG when read', () => {
    const image = commit(withTopic(clusterOf(1), { name: 'a' }), [
      { type: 'Config', resourceType: 2, resourceName: 'a', name: 'min.insync.replicas', value: 'two' },
      { type: 'Config', resourceType: 2, resourceName: 'a', name: 'unclean.leader.election.enable', value: 'maybe' },
    ]);
    expect(() => minInsyncReplicas(image, 'a')).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(() => uncleanLeaderElectionEnabled(image, 'a')).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});

describe('createPartitions', () => {
  it('adds partitions with the topic\'s replication factor, ids continuing from the current count', () => {
    const image = withTopic(clusterOf(3), { name: 't', partitions: 2, replicationFactor: 2 });
    const after = commit(image, createPartitions(image, 't', 5, seededRandom(2)));
    const t = topicByName(after, 't')!;
    expect([...t.partitions.keys()]).toEqual([0, 1, 2, 3, 4]);
    for (const id of [2, 3, 4]) {
      const p = t.partitions.get(id)!;
      expect(p.replicas).toHaveLength(2);
      expect(p).toMatchObject({ isr: p.replicas, leader: p.replicas[0], leaderEpoch: 0, partitionEpoch: 0 });
    }
  });

  it('takes a manual assignment for the new partitions; fenced replicas start out of sync', () => {
    const image = fence(withTopic(clusterOf(3), { name: 't', assignment: [[1, 2]] }), 3);
    const after = commit(image, createPartitions(image, 't', 2, seededRandom(1), [[3, 1]]));
    expect(part(after, 't', 1)).toMatchObject({ replicas: [3, 1], isr: [1], leader: 1 });
  });

  it.each<[string, number, number[][] | undefined, string]>([
    ['the same count', 1, undefined, 'INVALID_PARTITIONS'],
    ['a smaller count', 0, undefined, 'INVALID_PARTITIONS'],
    ['too few assignments', 3, [[1, 2]], 'INVALID_REPLICA_ASSIGNMENT'],
    ['an assignment with an unknown broker', 2, [[1, 9]], 'INVALID_REPLICA_ASSIGNMENT'],
    ['an assignment whose replicas are all fenced', 2, [[3]], 'INVALID_REPLICA_ASSIGNMENT'],
  ])('rejects %s', (_what, count, assignment, code) => {
    const image = fence(withTopic(clusterOf(3), { name: 't', assignment: [[1, 2]] }), 3);
    expect(() => createPartitions(image, 't', count, seededRandom(1), assignment)).toThrow(expect.objectContaining({ code }));
  });

  it('rejects an unknown topic, and a replication factor above the live brokers', () => {
    const image = withTopic(clusterOf(3), { name: 't', partitions: 1, replicationFactor: 3 });
    expect(() => createPartitions(image, 'u', 2, seededRandom(1))).toThrow(expect.objectContaining({ code: 'UNKNOWN_TOPIC_OR_PARTITION' }));
    expect(() => createPartitions(fence(image, 1), 't', 2, seededRandom(1))).toThrow(expect.objectContaining({ code: 'INVALID_REPLICATION_FACTOR' }));
  });
});
