import { describe, expect, it } from 'vitest';
import { fenceBroker, registerBroker, unfenceBroker } from './broker-decisions.js';
import { emptyImage } from './metadata-image.js';
import type { PartitionChangeRecord } from './metadata-records.js';
import { clusterOf, commit, fence, incarnation, part, reregister, unfence, withTopic } from './test-helpers.js';

const rf3 = (unclean?: boolean) => withTopic(clusterOf(3), {
  name: 't', assignment: [[1, 2, 3], [2, 3, 1]],
  configs: unclean === undefined ? {} : { 'unclean.leader.election.enable': String(unclean) },
});

describe('registerBroker', () => {
  it('registers fenced with the epoch of its record\'s offset', () => {
    let image = emptyImage();
    const a = registerBroker(image, { brokerId: 1, incarnationId: incarnation(1), host: 'h', port: 9092 });
    expect(a.brokerEpoch).toBe(0n);
    image = commit(image, a.records);
    image = commit(image, [{ type: 'Config', resourceType: 4, resourceName: '', name: 'x', value: 'y' }]);
    const b = registerBroker(image, { brokerId: 2, incarnationId: incarnation(2), host: 'h', port: 9093, rack: 'r' });
    expect(b.brokerEpoch).toBe(2n);
    image = commit(image, b.records);
    expect(image.brokers.get(2)).toMatchObject({ epoch: 2n, fenced: true, rack: 'r', port: 9093 });
  });

  it('treats a retry from the same incarnation of a live broker as done', () => {
    const image = clusterOf(2);
    expect(registerBroker(image, { brokerId: 2, incarnationId: incarnation(2), host: 'h', port: 1 }))
      .toEqual({ records: [], brokerEpoch: image.brokers.get(2)!.epoch });
  });

  it('refuses another incarnation while the broker is live, accepts it once fenced', () => {
    let image = clusterOf(2);
    expect(() => registerBroker(image, { brokerId: 2, incarnationId: incarnation(9), host: 'h', port: 1 }))
      .toThrow(expect.objectContaining({ code: 'DUPLICATE_BROKER_REGISTRATION', kafkaCode: 101 }));
    image = fence(image, 2);
    const old = image.brokers.get(2)!.epoch;
    image = reregister(image, 2);
    expect(image.brokers.get(2)!.epoch).toBeGreaterThan(old);
    expect(image.brokers.get(2)!.fenced).toBe(true);
  });

  it('rejects a negative broker id', () => {
    expect(() => registerBroker(emptyImage(), { brokerId: -1, incarnationId: incarnation(1), host: 'h', port: 1 }))
      .toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });
});

describe('fenceBroker / unfenceBroker epochs', () => {
  it('reject unknown brokers and stale epochs', () => {
    const image = clusterOf(2);
    expect(() => fenceBroker(image, 7, 0n)).toThrow(expect.objectContaining({ code: 'BROKER_ID_NOT_REGISTERED' }));
    expect(() => unfenceBroker(image, 7, 0n)).toThrow(expect.objectContaining({ code: 'BROKER_ID_NOT_REGISTERED' }));
    expect(() => fenceBroker(image, 2, 0n)).toThrow(expect.objectContaining({ code: 'STALE_BROKER_EPOCH', kafkaCode: 77 }));
    expect(() => unfenceBroker(image, 2, 99n)).toThrow(expect.objectContaining({ code: 'STALE_BROKER_EPOCH' }));
  });

  it('are no-ops when the broker is already in that state', () => {
    const image = clusterOf(2);
    expect(unfenceBroker(image, 1, image.brokers.get(1)!.epoch)).toEqual([]);
    const fenced = fence(image, 1);
    expect(fenceBroker(fenced, 1, fenced.brokers.get(1)!.epoch)).toEqual([]);
  });
});

describe('losing a broker', () => {
  it('shrinks ISRs and elects the next in-sync replica in replica order', () => {
    const before = rf3();
    const records = fenceBroker(before, 1, before.brokers.get(1)!.epoch, 'kill');
    expect(records[0]).toEqual({ type: 'FenceBroker', brokerId: 1, brokerEpoch: 0n });
    const image = commit(before, records);
    expect(part(image, 't', 0)).toMatchObject({ leader: 2, isr: [2, 3], leaderEpoch: 1, partitionEpoch: 1 });
    // Broker 1 was a follower of t-1: it leaves the ISR, the leader and its epoch stay.
    expect(part(image, 't', 1)).toMatchObject({ leader: 2, isr: [2, 3], leaderEpoch: 0, partitionEpoch: 1 });
    expect((records[1] as PartitionChangeRecord).reason).toBe('broker 1 fenced (kill)');
  });

  it('keeps the last ISR member and takes the partition offline when nobody in sync is left', () => {
    let image = fence(fence(rf3(), 1), 2);
    expect(part(image, 't', 0)).toMatchObject({ leader: 3, isr: [3] });
    image = fence(image, 3);
    expect(part(image, 't', 0)).toMatchObject({ leader: -1, isr: [3], leaderEpoch: 3, partitionEpoch: 3 });
  });

  it('does not elect an out-of-sync replica when unclean election is off (the default)', () => {
    for (const image of [rf3(), rf3(false)]) {
      let i = fence(fence(image, 2), 3); // ISR of t-0 is [1]
      i = reregister(fence(i, 1), 1); // 1 is gone: t-0 offline with ISR [1]
      i = unfence(i, 2); // 2 comes back but was not in sync
      expect(part(i, 't', 0)).toMatchObject({ leader: -1, isr: [1] });
      i = unfence(i, 1);
      expect(part(i, 't', 0)).toMatchObject({ leader: 1, isr: [1] });
    }
  });

  it('elects an out-of-sync replica when unclean.leader.election.enable is true, with an ISR of one', () => {
    let image = fence(fence(rf3(true), 2), 3);
    image = fence(image, 1);
    expect(part(image, 't', 0)).toMatchObject({ leader: -1, isr: [1] });
    const records = unfenceBroker(image, 3, image.brokers.get(3)!.epoch);
    image = commit(image, records);
    expect(part(image, 't', 0)).toMatchObject({ leader: 3, isr: [3] });
    expect(records.some((r) => r.type === 'PartitionChange' && r.reason.includes('unclean leader election'))).toBe(true);
  });

  it('elects unclean at once, when fencing leaves only out-of-sync live replicas', () => {
    let image = rf3(true);
    image = fence(image, 2);
    image = fence(image, 3); // t-0 ISR [1]
    image = unfence(image, 2); // 2 alive, not in sync
    image = fence(image, 1);
    expect(part(image, 't', 0)).toMatchObject({ leader: 2, isr: [2] });
  });

  it('honours the cluster-wide default when the topic has no setting', () => {
    let image = commit(rf3(), [{ type: 'Config', resourceType: 4, resourceName: '', name: 'unclean.leader.election.enable', value: 'true' }]);
    image = unfence(fence(fence(image, 2), 3), 2);
    image = fence(image, 1);
    expect(part(image, 't', 0)).toMatchObject({ leader: 2, isr: [2] });
  });

  it('gives a leaderless partition its in-sync replica back on unfence', () => {
    let image = fence(fence(fence(rf3(), 1), 2), 3);
    expect(part(image, 't', 1)).toMatchObject({ leader: -1, isr: [3] });
    image = unfence(image, 3);
    expect(part(image, 't', 1)).toMatchObject({ leader: 3, isr: [3], leaderEpoch: 3 });
  });
});
