// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalClusterEvent, PartitionReplication, TopicDetail as Detail } from '../../../../src-main/contract/index.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { TopicDetail } from './topic-detail.js';

const before: Detail = {
  name: 'orders', internal: false, replicationFactor: 3, messages: 10n,
  partitions: [{ partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3], outOfSync: [], offlineReplicas: [], logStartOffset: 0n, logEndOffset: 10n }],
};
const after: Detail = {
  ...before,
  partitions: [{ partition: 0, leader: 2, replicas: [1, 2, 3], isr: [2, 3], outOfSync: [1], offlineReplicas: [1], logStartOffset: 0n, logEndOffset: 10n }],
};
const repl = (leader: number, hw: bigint): PartitionReplication[] => [{
  topic: 'orders', partition: 0, leader, leaderEpoch: 1, highWatermark: hw, epochHistory: [],
  replicas: [{ nodeId: leader, logEndOffset: hw + 2n, lag: 0n, lastCaughtUpTimeMs: null, inIsr: true, outOfSyncReason: null }],
}];
const event = (over: Partial<LocalClusterEvent>): LocalClusterEvent =>
  ({ seq: 1, run: 1, time: 1, kind: 'leader-change', cause: 'broker 1 killed', topic: 'orders', partition: 0, ...over });

describe('Topic detail on the local cluster', () => {
  afterEach(cleanup);

  it('reloads the partitions and the HW/LEO columns when a cluster event for the topic arrives; other topics\' events do not', async () => {
    let current = before;
    let rows = repl(1, 10n);
    const { fake } = installFakeCore({
      'topics.describe': () => current,
      'localCluster.replication': () => rows,
      'topics.configs': () => [],
    });
    act(() => useConnectionStore.getState().selectCluster('local'));
    render(<TopicDetail clusterId="local" topic="orders" onBack={() => {}} />);
    expect((await screen.findByTestId('leader-0')).textContent).toBe('1');
    expect((await screen.findByTestId('hw-0')).textContent).toBe('10');
    expect(screen.getByTestId('leo-0').textContent).toBe('12');
    expect(fake.calls.find((c) => c.method === 'localCluster.replication')?.input).toEqual({ topic: 'orders' });
    expect(fake.subscriberCount('localCluster.events')).toBe(1);

    const describes = () => fake.calls.filter((c) => c.method === 'topics.describe').length;
    const n0 = describes();
    current = after;
    rows = repl(2, 11n);
    act(() => fake.emit('localCluster.events', event({ topic: 'payments', seq: 1 })));
    await new Promise((r) => setTimeout(r, 300));
    expect(describes()).toBe(n0);

    act(() => {
      fake.emit('localCluster.events', event({ seq: 2 }));
      fake.emit('localCluster.events', event({ seq: 3, kind: 'isr-shrink' }));
      fake.emit('localCluster.events', event({ seq: 4, kind: 'broker-fenced', topic: undefined, partition: undefined, brokerId: 1 }));
    });
    await waitFor(() => expect(screen.getByTestId('leader-0').textContent).toBe('2'));
    expect(describes()).toBe(n0 + 1); // one burst, one reload
    expect(screen.getByTestId('oos-0').textContent).toBe('1');
    expect(screen.getByTestId('offline-0').textContent).toBe('1');
    await waitFor(() => expect(screen.getByTestId('hw-0').textContent).toBe('11'));
  });

  it('off the local cluster: no subscription, no replication call, no HW column', async () => {
    const { fake } = installFakeCore({ 'topics.describe': () => before, 'topics.configs': () => [] });
    act(() => useConnectionStore.getState().selectCluster('prod'));
    render(<TopicDetail clusterId="prod" topic="orders" onBack={() => {}} />);
    await screen.findByTestId('leader-0');
    expect(fake.subscriberCount('localCluster.events')).toBe(0);
    expect(fake.calls.some((c) => c.method.startsWith('localCluster.'))).toBe(false);
    expect(screen.queryByTestId('hw-0')).toBeNull();
  });
});
