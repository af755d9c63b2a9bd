import { describe, expect, it } from 'vitest';
import { applyRecord, applyRecords, cloneImage, emptyImage, topicByName, type MetadataImage } from './metadata-image.js';
import type { MetadataRecord, PartitionChangeRecord, PartitionRecord } from './metadata-records.js';
import { clusterOf, commit, incarnation } from './test-helpers.js';

const TID = 'AQIDBAUGBwgJCgsMDQ4PEA';

function withPartition(): MetadataImage {
  return commit(clusterOf(3), [
    { type: 'Topic', name: 't', topicId: TID },
    { type: 'Partition', topicId: TID, partitionId: 0, replicas: [1, 2, 3], isr: [1, 2, 3], addingReplicas: [], removingReplicas: [], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
  ]);
}

function change(over: Partial<PartitionChangeRecord>): PartitionChangeRecord {
  return {
    type: 'PartitionChange', topicId: TID, partitionId: 0, replicas: [1, 2, 3], isr: [1, 2], addingReplicas: [],
    removingReplicas: [], leader: 1, leaderEpoch: 0, partitionEpoch: 1, reason: 'test', ...over,
  };
}

function expectCorrupt(image: MetadataImage, record: MetadataRecord, message: RegExp): void {
  const before = JSON.stringify(image, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v));
  expect(() => applyRecord(image, record, image.lastOffset + 1n)).toThrow(expect.objectContaining({ code: 'CORRUPT_METADATA', message: expect.stringMatching(message) }));
  const after = JSON.stringify(image, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v));
  expect(after).toBe(before);
}

describe('MetadataImage replay', () => {
  it('registers brokers fenced, at their epoch, and unfences them', () => {
    let image = commit(emptyImage(), [{ type: 'RegisterBroker', brokerId: 4, incarnationId: incarnation(4), brokerEpoch: 0n, host: 'h', port: 1, rack: 'r1' }]);
    expect(image.brokers.get(4)).toEqual({ id: 4, incarnationId: incarnation(4), epoch: 0n, host: 'h', port: 1, rack: 'r1', fenced: true });
    image = commit(image, [{ type: 'UnfenceBroker', brokerId: 4, brokerEpoch: 0n }]);
    expect(image.brokers.get(4)!.fenced).toBe(false);
    image = commit(image, [{ type: 'FenceBroker', brokerId: 4, brokerEpoch: 0n }]);
    expect(image.brokers.get(4)!.fenced).toBe(true);
    expect(image.lastOffset).toBe(2n);
  });

  it('adds topics and partitions, applies changes, removes topics with their configs', () => {
    let image = withPartition();
    image = commit(image, [{ type: 'Config', resourceType: 2, resourceName: 't', name: 'min.insync.replicas', value: '2' }]);
    image = commit(image, [change({})]);
    const t = topicByName(image, 't')!;
    expect(t.partitions.get(0)).toMatchObject({ isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 1 });
    expect(image.configs.get('2:t')?.get('min.insync.replicas')).toBe('2');
    image = commit(image, [{ type: 'RemoveTopic', topicId: TID }]);
    expect(image.topicsById.size).toBe(0);
    expect(image.topicIdsByName.size).toBe(0);
    expect(image.configs.has('2:t')).toBe(false);
  });

  it('sets and deletes configs (null value), dropping empty resources', () => {
    let image = commit(emptyImage(), [{ type: 'Config', resourceType: 4, resourceName: '', name: 'a', value: '1' }]);
    expect(image.configs.get('4:')?.get('a')).toBe('1');
    image = commit(image, [{ type: 'Config', resourceType: 4, resourceName: '', name: 'a', value: null }]);
    expect(image.configs.has('4:')).toBe(false);
  });

  it('applyRecords is all-or-nothing and leaves its input alone', () => {
    const image = withPartition();
    const copy = cloneImage(image);
    expect(() => applyRecords(image, [change({}), change({ partitionEpoch: 5 })], image.lastOffset + 1n)).toThrow(/partition epoch 5 after 1/);
    expect(image).toEqual(copy);
  });

  it('applyRecords shares untouched objects but never changes the image it started from', () => {
    const image = commit(withPartition(), [{ type: 'Config', resourceType: 2, resourceName: 't', name: 'a', value: '1' }]);
    const copy = cloneImage(image);
    const next = applyRecords(image, [
      { type: 'FenceBroker', brokerId: 2, brokerEpoch: image.brokers.get(2)!.epoch },
      change({ isr: [1, 3] }),
      { type: 'Config', resourceType: 2, resourceName: 't', name: 'a', value: '2' },
    ], image.lastOffset + 1n);
    expect(image).toEqual(copy);
    expect(next.brokers.get(2)!.fenced).toBe(true);
    expect(next.brokers.get(1)).toBe(image.brokers.get(1));
    expect(topicByName(next, 't')!.partitions.get(0)!.isr).toEqual([1, 3]);
    expect(next.configs.get('2:t')!.get('a')).toBe('2');
  });

  it('refuses offsets that do not move forward', () => {
    const image = withPartition();
    expect(() => applyRecord(image, change({}), image.lastOffset)).toThrow(/is not after/);
  });

  describe('refuses records that do not fit', () => {
    const p = (over: Partial<PartitionRecord>): PartitionRecord => ({
      type: 'Partition', topicId: TID, partitionId: 1, replicas: [1, 2], isr: [1], addingReplicas: [], removingReplicas: [],
      leader: 1, leaderEpoch: 0, partitionEpoch: 0, ...over,
    });
    const cases: [string, MetadataRecord, RegExp][] = [
      ['fence of an unknown broker', { type: 'FenceBroker', brokerId: 9, brokerEpoch: 0n }, /unregistered broker 9/],
      ['unfence at a stale epoch', { type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 99n }, /at epoch 99, registered at 0/],
      ['a duplicate topic name', { type: 'Topic', name: 't', topicId: 'BQIDBAUGBwgJCgsMDQ4PEA' }, /topic t exists/],
      ['a duplicate topic id', { type: 'Topic', name: 'u', topicId: TID }, /is in use/],
      ['removal of an unknown topic', { type: 'RemoveTopic', topicId: 'BQIDBAUGBwgJCgsMDQ4PEA' }, /unknown topic id/],
      ['a partition of an unknown topic', p({ topicId: 'BQIDBAUGBwgJCgsMDQ4PEA' }), /Partition for unknown topic/],
      ['an existing partition', p({ partitionId: 0 }), /t-0 exists/],
      ['a negative partition id', p({ partitionId: -1 }), /negative partition id/],
      ['no replicas', p({ replicas: [], isr: [] }), /no replicas/],
      ['duplicate replicas', p({ replicas: [1, 1] }), /duplicate replicas/],
      ['an unregistered replica', p({ replicas: [1, 7] }), /replica 7 is not a registered broker/],
      ['an empty ISR', p({ isr: [], leader: -1 }), /empty ISR/],
      ['duplicate ISR members', p({ isr: [1, 1] }), /duplicate ISR/],
      ['an ISR member that is not a replica', p({ isr: [1, 3] }), /ISR member 3 is not a replica/],
      ['a reassigning replica that is not a replica', p({ addingReplicas: [3] }), /reassigning replica 3/],
      ['a leader outside the ISR', p({ leader: 2 }), /leader 2 is not in the ISR/],
      ['a negative epoch', p({ leaderEpoch: -1 }), /negative epoch/],
      ['a change of an unknown partition', change({ partitionId: 4 }), /unknown partition/],
      ['a partition epoch that skips', change({ partitionEpoch: 2 }), /partition epoch 2 after 0/],
      ['a partition epoch that repeats', change({ partitionEpoch: 0 }), /partition epoch 0 after 0/],
      ['a leader change without a new leader epoch', change({ leader: 2 }), /without a new leader epoch/],
    ];
    it.each(cases)('%s', (_name, record, message) => expectCorrupt(withPartition(), record, message));

    it('a leader epoch that goes back', () => {
      const image = commit(withPartition(), [change({ leader: 2, leaderEpoch: 3 })]);
      expectCorrupt(image, change({ leader: 2, leaderEpoch: 2, partitionEpoch: 2 }), /went back from 3 to 2/);
    });
  });
});
