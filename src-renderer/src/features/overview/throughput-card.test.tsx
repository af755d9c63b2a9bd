// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ThroughputSample } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { ThroughputCard } from './throughput-card.js';

const sample = (time: number, rates: Record<string, number> | null, brokers: Record<number, number> = { 1: 0 }): ThroughputSample => ({
  clusterId: 'local', time, intervalSec: rates === null ? null : 5,
  topics: Object.entries(rates ?? {}).map(([topic, messagesPerSec]) => ({ topic, messagesPerSec })), activeTopics: Object.keys(rates ?? {}).length,
  brokers: Object.entries(brokers).map(([id, messagesPerSec]) => ({ nodeId: Number(id), messagesPerSec })),
});

describe('Throughput card', () => {
  afterEach(cleanup);

  it('says it needs two samples, then draws live sparklines per broker and top topic from the event', async () => {
    const { fake } = installFakeCore({ 'throughput.history': () => [sample(1000, null)] });
    act(() => useConnectionStore.getState().selectCluster('local'));
    render(<ThroughputCard />);
    await vi.waitFor(() => expect(screen.getByTestId('throughput-empty').textContent).toContain('one so far'));
    expect(fake.calls).toContainEqual({ method: 'throughput.history', input: { clusterId: 'local' } });
    expect(fake.subscriberCount('throughput.sample')).toBe(1);

    act(() => fake.emit('throughput.sample', sample(6000, { orders: 12.5, audit: 0.2 }, { 1: 12.7 })));
    expect(screen.queryByTestId('throughput-empty')).toBeNull();
    expect(screen.getByTestId('tp-broker-1').textContent).toBe('112.7');
    expect(screen.getByTestId('tp-topic-orders').textContent).toBe('orders12.5');
    expect(screen.getByTestId('throughput-topics').textContent).toMatch(/^orders12\.5audit0\.2/);

    act(() => fake.emit('throughput.sample', sample(11000, { audit: 3 }, { 1: 3 })));
    expect(screen.getByTestId('tp-topic-orders').textContent).toBe('orders0');
    expect(screen.getByTestId('throughput-topics').textContent).toMatch(/^audit3orders0/);
    expect(screen.queryByText(/more topics with traffic/)).toBeNull();
    act(() => fake.emit('throughput.sample', { ...sample(16000, { audit: 1 }, { 1: 1 }), activeTopics: 14 }));
    expect(screen.getByTestId('throughput-topics').textContent).toContain('13 more topics with traffic now, not listed');
    expect(screen.getByTestId('tp-broker-1').textContent).toBe('11');
    const cell = screen.getByTestId('tp-broker-1').querySelector('.sparkline-cell') as HTMLElement;
    expect(cell.dataset.points).toBe('3');
    expect(document.querySelectorAll('path.recharts-line-curve')).toHaveLength(3);
    cleanup();
    expect(fake.subscriberCount('throughput.sample')).toBe(0);
  });

  it('shows a failed round and a failed history call as errors, and nothing without a cluster', async () => {
    const { fake } = installFakeCore({ 'throughput.history': () => { throw coreError('TP_NOT_FOUND', 'No cluster profile with id "x".'); } });
    const { container, unmount } = render(<ThroughputCard />);
    expect(container.textContent).toBe('');
    unmount();
    act(() => useConnectionStore.getState().selectCluster('x'));
    render(<ThroughputCard />);
    expect((await screen.findByRole('alert')).textContent).toContain('TP_NOT_FOUND');
    act(() => fake.emit('throughput.sample', { ...sample(1, null), clusterId: 'x', brokers: [], error: 'connect ECONNREFUSED' }));
    expect(screen.getByTestId('throughput-round-error').textContent).toContain('connect ECONNREFUSED');
    expect(screen.getByTestId('throughput-empty').textContent).toContain('one so far');
  });
});
