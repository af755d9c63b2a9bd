// The `tidepool cluster --events` line format: every kind readable, offline leaders and unclean elections said.
import { describe, expect, it } from 'vitest';
import { formatClusterEvent } from './cluster-event-line.js';

const at = new Date(2026, 10, 21, 9, 5, 7, 42).getTime();

describe('formatClusterEvent', () => {
  it('writes time, seq, kind, subject, facts and cause', () => {
    expect(formatClusterEvent({
      seq: 7, time: at, kind: 'leader-change', topic: 'orders', partition: 2, brokerId: 3, cause: 'broker 1 killed',
      detail: { from: 1, to: 3, leaderEpoch: 4, election: 'clean' },
    })).toBe('09:05:07.042 #7 leader-change orders-2 (leader 1 -> 3, epoch 4): broker 1 killed');
    expect(formatClusterEvent({
      seq: 8, time: at, kind: 'leader-change', topic: 't', partition: 0, cause: 'c', detail: { from: 2, to: -1, leaderEpoch: 5, election: 'offline' },
    })).toBe('09:05:07.042 #8 leader-change t-0 (leader 2 -> none (offline), epoch 5): c');
    expect(formatClusterEvent({
      seq: 9, time: at, kind: 'leader-change', topic: 't', partition: 0, cause: 'c', detail: { from: -1, to: 2, leaderEpoch: 6, election: 'unclean' },
    })).toContain('(leader none -> 2, epoch 6, unclean)');
  });

  it('covers brokers, ISR, topics, reassignments, controller moves and faults', () => {
    const line = (e: Parameters<typeof formatClusterEvent>[0]) => formatClusterEvent(e).slice(13);
    expect(line({ seq: 1, time: at, kind: 'broker-fenced', brokerId: 2, cause: 'broker 2 killed' })).toBe('#1 broker-fenced broker 2: broker 2 killed');
    expect(line({ seq: 2, time: at, kind: 'isr-shrink', topic: 'o', partition: 1, brokerId: 2, cause: 'fell behind', detail: { replica: 2, previousIsr: [1, 2], isr: [1] } }))
      .toBe('#2 isr-shrink o-1 (replica 2, isr [1,2] -> [1]): fell behind');
    expect(line({ seq: 3, time: at, kind: 'topic-created', topic: 'o', cause: 'topic o created', detail: { partitions: 3, replicationFactor: 3 } }))
      .toBe('#3 topic-created o (3 partitions, RF 3): topic o created');
    expect(line({ seq: 4, time: at, kind: 'reassignment', topic: 'o', partition: 0, cause: 'r', detail: { phase: 'started', from: [1, 2], to: [3, 2, 1] } }))
      .toBe('#4 reassignment o-0 (started, replicas [1,2] -> [3,2,1]): r');
    expect(line({ seq: 5, time: at, kind: 'controller-move', brokerId: 2, cause: 'broker 1 killed', detail: { from: 1, to: 2 } }))
      .toBe('#5 controller-move broker 2 (controller 1 -> 2): broker 1 killed');
    expect(line({ seq: 6, time: at, kind: 'fault', brokerId: 3, cause: 'broker 3 paused', detail: { fault: 'pause' } })).toBe('#6 fault broker 3 (pause): broker 3 paused');
    expect(line({ seq: 7, time: at, kind: 'topic-deleted', topic: 'o', cause: 'topic o deleted' })).toBe('#7 topic-deleted o: topic o deleted');
  });
});
