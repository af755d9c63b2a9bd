// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TopicConsumerGroup, TopicDetail } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { installFakeCore } from '../../test-support.js';
import { TopicDetail as TopicDetailView } from './topic-detail.js';

const BIG = 9_007_199_254_740_993n; // 2^53 + 1: Number() would print ...992
const detail: TopicDetail = {
  name: 'orders', internal: false, replicationFactor: 1, messages: 10n,
  partitions: [0, 1].map((p) => ({ partition: p, leader: 1, replicas: [1], isr: [1], outOfSync: [], offlineReplicas: [], logStartOffset: 0n, logEndOffset: 5n })),
};
const billing: TopicConsumerGroup = {
  groupId: 'billing', state: 'Stable', members: 2, totalLag: 4n, uncommitted: 1,
  partitions: [
    { partition: 0, committed: BIG, logStart: 0n, end: BIG + 4n, lag: 4n, behindLogStart: false, owner: 'kcat-1' },
    { partition: 1, committed: null, logStart: 0n, end: 3n, lag: null, behindLogStart: false, owner: null },
  ],
};
const audit: TopicConsumerGroup = {
  groupId: 'audit/v2', state: 'Empty', members: 0, totalLag: 7n, uncommitted: 0,
  partitions: [{ partition: 0, committed: 1n, logStart: 3n, end: 8n, lag: 7n, behindLogStart: true, owner: null }],
};

function open(handlers: Parameters<typeof installFakeCore>[0]) {
  const core = installFakeCore({ 'topics.describe': () => detail, ...handlers });
  render(<TopicDetailView clusterId="local" topic="orders" onBack={() => {}} />);
  fireEvent.click(screen.getByRole('tab', { name: 'Consumers' }));
  return core;
}

describe('topic Consumers tab', () => {
  afterEach(cleanup);

  it('lists the groups reading the topic with state, members, lag and the exact per-partition offsets', async () => {
    const { fake } = open({ 'topics.consumers': () => [audit, billing] });
    const table = await screen.findByTestId('consumers-table');
    const row = within(table).getByTestId('consumer-billing');
    expect(row.textContent).toContain('Stable');
    expect(within(row).getByTestId('consumer-lag-billing').textContent).toBe('4');
    expect(within(row).getByTestId('consumer-lag-billing').getAttribute('title')).toMatch(/1 partition\(s\) without a commit/);
    const p0 = within(table).getByTestId('consumer-billing-p0');
    expect(p0.textContent).toContain(String(BIG));
    expect(p0.textContent).toContain(String(BIG + 4n));
    expect(p0.textContent).toContain('kcat-1');
    expect(within(table).getByTestId('consumer-billing-p1').textContent).toBe('1–3––');
    expect(within(table).getByTestId('consumer-audit/v2-p0').textContent).toContain('below log start');
    // The group name opens it in the Consumer Groups screen, its id escaped in the hash.
    expect(within(table).getByTestId('consumer-link-audit/v2').getAttribute('href')).toBe('#/groups/audit%2Fv2');
    expect(fake.calls.find((c) => c.method === 'topics.consumers')?.input).toEqual({ clusterId: 'local', topic: 'orders' });
  });

  it('says so when no group reads the topic', async () => {
    open({ 'topics.consumers': () => [] });
    expect((await screen.findByTestId('no-consumers')).textContent).toBe('No consumer group reads this topic');
  });

  it('shows a failed read with its code and message, and a group whose offsets failed with the reason', async () => {
    open({ 'topics.consumers': () => { throw coreError('TP_NOT_FOUND', 'Topic "orders" does not exist.'); } });
    expect((await screen.findByRole('alert')).textContent).toBe('TP_NOT_FOUND: Topic "orders" does not exist.');
    cleanup();
    open({ 'topics.consumers': () => [{ groupId: 'gone', state: 'Dead', members: 0, totalLag: null, uncommitted: 0, partitions: [], error: 'group was deleted' }] });
    expect((await screen.findByTestId('consumer-lag-gone')).textContent).toBe('group was deleted');
  });

  it('reads again when the core pushes a new lag sample, so the lag stays live', async () => {
    let lag = 4n;
    const { fake } = open({
      'topics.consumers': () => [{ ...billing, totalLag: lag }],
      'groups.lagHistory': () => [],
    });
    expect((await screen.findByTestId('consumer-lag-billing')).textContent).toBe('4');
    expect(fake.subscriberCount('groups.lag')).toBe(1);
    lag = 9n;
    act(() => fake.emit('groups.lag', { clusterId: 'local', time: Date.now(), groups: [] }));
    await waitFor(() => expect(screen.getByTestId('consumer-lag-billing').textContent).toBe('9'));
    expect(fake.calls.filter((c) => c.method === 'topics.consumers')).toHaveLength(2);
  });
});
