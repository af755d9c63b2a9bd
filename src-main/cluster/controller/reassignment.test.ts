import { describe, expect, it } from 'vitest';
import { topicByName, type MetadataImage } from './metadata-image.js';
import { alterPartition } from './partition-decisions.js';
import { listReassignments, originalReplicas, reassignPartition } from './reassignment.js';
import { clusterOf, commit, fence, part, withTopic } from './test-helpers.js';

const base = () => withTopic(clusterOf(5), { name: 't', assignment: [[1, 2, 3], [2, 3, 1]] });

/** The leader of t-p adds `isr` as its new ISR (as it would once followers catch up). */
function leaderSets(image: MetadataImage, isr: number[], p = 0): MetadataImage {
  const s = part(image, 't', p);
  return commit(image, alterPartition(image, {
    brokerId: s.leader, brokerEpoch: image.brokers.get(s.leader)!.epoch, topicId: topicByName(image, 't')!.id,
    partitionId: p, leaderEpoch: s.leaderEpoch, partitionEpoch: s.partitionEpoch, newIsr: isr,
  }).records);
}

describe('partition reassignment', () => {
  it('adds the new replicas, then drops the old ones when the new are in sync', () => {
    let image = base();
    const start = reassignPartition(image, 't', 0, [4, 5, 1]);
    expect(start.records).toMatchObject([{ reason: 'reassignment started' }]);
    expect(start.partition).toMatchObject({
      replicas: [4, 5, 1, 2, 3], addingReplicas: [4, 5], removingReplicas: [2, 3], isr: [1, 2, 3], leader: 1,
      leaderEpoch: 0, partitionEpoch: 1,
    });
    image = commit(image, start.records);
    expect(listReassignments(image)).toEqual([{ topic: 't', partitionId: 0, replicas: [4, 5, 1, 2, 3], addingReplicas: [4, 5], removingReplicas: [2, 3] }]);
    expect(originalReplicas(part(image, 't'))).toEqual([1, 2, 3]);
    image = leaderSets(image, [1, 2, 3, 4]);
    expect(part(image, 't').addingReplicas).toEqual([4, 5]);
    image = leaderSets(image, [1, 2, 3, 4, 5]);
    expect(part(image, 't')).toMatchObject({
      replicas: [4, 5, 1], isr: [1, 4, 5], addingReplicas: [], removingReplicas: [], leader: 1, leaderEpoch: 1, partitionEpoch: 3,
    });
    expect(listReassignments(image)).toEqual([]);
  });

  it('moves leadership off a removed leader when it completes', () => {
    let image = commit(base(), reassignPartition(base(), 't', 0, [4, 2]).records);
    image = leaderSets(image, [1, 2, 3, 4]);
    expect(part(image, 't')).toMatchObject({ replicas: [4, 2], isr: [2, 4], leader: 4, leaderEpoch: 1 });
  });

  it('finishes at once when the target is already in sync (only removing)', () => {
    const d = reassignPartition(base(), 't', 0, [1, 2]);
    expect(d.records).toMatchObject([{ reason: 'reassignment complete' }]);
    expect(d.partition).toMatchObject({ replicas: [1, 2], isr: [1, 2], addingReplicas: [], removingReplicas: [], leaderEpoch: 1 });
  });

  it('only reorders when the target is a permutation, and does nothing for the same list', () => {
    expect(reassignPartition(base(), 't', 0, [3, 1, 2]).partition).toMatchObject({ replicas: [3, 1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 1 });
    expect(reassignPartition(base(), 't', 0, [1, 2, 3]).records).toEqual([]);
  });

  it('cancels back to the original replicas', () => {
    let image = commit(base(), reassignPartition(base(), 't', 0, [4, 5, 1]).records);
    image = leaderSets(image, [1, 2, 3, 4]);
    const d = reassignPartition(image, 't', 0, null);
    expect(d.records).toMatchObject([{ reason: 'reassignment cancelled' }]);
    expect(d.partition).toMatchObject({ replicas: [1, 2, 3], isr: [1, 2, 3], addingReplicas: [], removingReplicas: [], leader: 1 });
    expect(d.partition.leaderEpoch).toBe(1); // replicas 4 and 5 were removed: fenced by a new epoch
  });

  it('replaces an ongoing reassignment with a new target', () => {
    let image = commit(base(), reassignPartition(base(), 't', 0, [4, 5, 1]).records);
    image = leaderSets(image, [1, 2, 3, 4]);
    const d = reassignPartition(image, 't', 0, [5, 2, 3]);
    expect(d.partition).toMatchObject({ replicas: [5, 2, 3, 1], addingReplicas: [5], removingReplicas: [1], isr: [1, 2, 3] });
  });

  it('re-elects when a new target drops an added replica that was leading', () => {
    let image = commit(base(), reassignPartition(base(), 't', 0, [4, 5, 1]).records);
    image = fence(leaderSets(image, [1, 2, 3, 4]), 1);
    expect(part(image, 't')).toMatchObject({ leader: 4, isr: [2, 3, 4] });
    const d = reassignPartition(image, 't', 0, [5, 2, 3]);
    expect(d.partition).toMatchObject({ replicas: [5, 2, 3, 1], isr: [2, 3], leader: 2, leaderEpoch: 2, addingReplicas: [5], removingReplicas: [1] });
  });

  it('rejects a new target none of whose replicas is in sync', () => {
    let image = commit(base(), reassignPartition(base(), 't', 0, [4, 5, 1]).records);
    image = fence(fence(fence(leaderSets(image, [1, 2, 3, 4]), 1), 2), 3);
    expect(part(image, 't')).toMatchObject({ leader: 4, isr: [4] });
    expect(() => reassignPartition(image, 't', 0, [5, 2, 3])).toThrow(expect.objectContaining({ code: 'INVALID_REPLICA_ASSIGNMENT', message: expect.stringMatching(/no replica of .* is in sync/) }));
  });

  it.each<[string, number[] | null, string]>([
    ['an empty target', [], 'INVALID_REPLICA_ASSIGNMENT'],
    ['duplicates', [1, 1], 'INVALID_REPLICA_ASSIGNMENT'],
    ['an unknown broker', [1, 9], 'INVALID_REPLICA_ASSIGNMENT'],
    ['a cancel with nothing in progress', null, 'NO_REASSIGNMENT_IN_PROGRESS'],
  ])('rejects %s', (_what, target, code) => {
    expect(() => reassignPartition(base(), 't', 0, target)).toThrow(expect.objectContaining({ code }));
  });

  it('rejects a cancel when no original replica is in sync any more', () => {
    let image = commit(base(), reassignPartition(base(), 't', 0, [4, 5, 1]).records);
    image = leaderSets(image, [1, 2, 3, 4]);
    image = fence(fence(fence(image, 1), 2), 3);
    expect(part(image, 't').isr).toEqual([4]);
    expect(() => reassignPartition(image, 't', 0, null)).toThrow(expect.objectContaining({ code: 'INVALID_REPLICA_ASSIGNMENT', message: expect.stringMatching(/cannot cancel/) }));
  });

  it('rejects an unknown partition', () => {
    expect(() => reassignPartition(base(), 't', 9, [1])).toThrow(expect.objectContaining({ code: 'UNKNOWN_TOPIC_OR_PARTITION' }));
  });
});
