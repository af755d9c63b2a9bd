// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokersOverview } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { BrokersPage } from './brokers-page.js';

const overview: BrokersOverview = {
  clusterId: 'abc', controllerId: 2,
  brokers: [
    { nodeId: 1, host: 'localhost', port: 9092, rack: null, controller: false, partitions: 10, leaders: 4, logSizeBytes: 1_572_864n },
    { nodeId: 2, host: 'localhost', port: 9093, rack: 'eu-1a', controller: true, partitions: 10, leaders: 6, logSizeBytes: null, logSizeError: 'connect ECONNREFUSED' },
  ],
  health: { topics: 3, partitions: 10, underReplicated: 2, offline: 0, problems: [], problemsTotal: 0 },
};

describe('Brokers page', () => {
  afterEach(cleanup);

  it('lists brokers with controller, rack, partitions and leaders, and the health counters', async () => {
    const { fake } = installFakeCore({ 'brokers.list': () => overview });
    act(() => useConnectionStore.getState().selectCluster('local'));
    render(<BrokersPage />);
    const b2 = await screen.findByTestId('broker-2');
    expect(b2.textContent).toBe('2localhost:9093controllereu-1a106—');
    expect(b2.querySelector('[data-testid="log-size-unknown"]')!.getAttribute('title')).toBe('connect ECONNREFUSED');
    expect(screen.getByTestId('broker-1').textContent).toBe('1localhost:9092—1041.5 MiB');
    expect(screen.getByTestId('brokers-table').querySelector('thead')!.textContent).toContain('Log size');
    expect(screen.getByTestId('health-urp').className).toBe('warn');
    expect(screen.getByTestId('health-urp').textContent).toBe('2');
    expect(screen.getByTestId('health-offline').className).toBe('ok');
    expect(fake.calls.filter((c) => c.method === 'brokers.list')).toEqual([{ method: 'brokers.list', input: { clusterId: 'local' } }]);
    // The local cluster's control is asked for brokers the metadata leaves out (this fake has none to give).
    expect([...new Set(fake.calls.map((c) => c.method))].sort()).toEqual(['brokers.list', 'localCluster.status']);
  });

  it('reads again on every throughput sample the core pushes, so the health follows any cluster live', async () => {
    let offline = 0;
    const { fake } = installFakeCore({ 'brokers.list': () => ({ ...overview, health: { ...overview.health, offline } }) });
    act(() => useConnectionStore.getState().selectCluster('ext'));
    render(<BrokersPage />);
    expect((await screen.findByTestId('health-offline')).textContent).toBe('0');
    expect(fake.subscriberCount('throughput.sample')).toBe(1);
    offline = 2;
    act(() => fake.emit('throughput.sample', { clusterId: 'ext', time: 2, intervalSec: 5, topics: [], activeTopics: 0, brokers: [] }));
    await waitFor(() => expect(screen.getByTestId('health-offline').textContent).toBe('2'));
    expect(screen.getByTestId('health-offline').className).toBe('danger');
  });

  it('shows the core error and asks for a cluster when none is selected', async () => {
    installFakeCore({ 'brokers.list': () => { throw coreError('TP_NOT_FOUND', 'No cluster profile with id "x".'); } });
    const { unmount } = render(<BrokersPage />);
    expect(screen.getByTestId('empty-brokers').textContent).toContain('Choose a cluster');
    unmount();
    act(() => useConnectionStore.getState().selectCluster('x'));
    render(<BrokersPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('TP_NOT_FOUND');
  });

  it('lists the unhealthy partitions with the missing replicas highlighted, and says how many more there are', async () => {
    installFakeCore({ 'brokers.list': () => ({
      ...overview,
      health: {
        topics: 3, partitions: 10, underReplicated: 2, offline: 1, problemsTotal: 3,
        problems: [
          { topic: 'orders', partition: 0, leader: -1, replicas: [1], isr: [], offline: true },
          { topic: 'pay', partition: 2, leader: 2, replicas: [1, 2, 3], isr: [2, 3], offline: false },
        ],
      },
    }) });
    act(() => useConnectionStore.getState().selectCluster('ext'));
    render(<BrokersPage />);
    const off = await screen.findByTestId('problem-orders-0');
    expect(off.textContent).toBe('orders-0offlinenone1none');
    const urp = screen.getByTestId('problem-pay-2');
    expect(urp.textContent).toBe('pay-2under-replicated21232, 3');
    expect(urp.querySelector('.out-of-sync')!.textContent).toBe('1');
    expect(screen.getByTestId('health-problems').textContent).toContain('1 more not listed');
  });

  it('on the local cluster: lists brokers that are down, and reloads on cluster events (not polling)', async () => {
    let brokers = overview;
    const { fake } = installFakeCore({
      'brokers.list': () => brokers,
      'localCluster.status': () => ({
        state: 'running' as const, running: true, run: 1, brokerCount: 3, error: null,
        status: { clusterId: 'abc', controllerId: 2, bootstrap: 'localhost:9092', dataDir: '/d', brokers: [
          { nodeId: 1, host: 'localhost', port: 9092, state: 'running' as const, fenced: false, paused: false, isolation: 'none' as const, fetchDelayMs: 0, controller: false, leaders: 4, replicas: 10 },
          { nodeId: 2, host: 'localhost', port: 9093, state: 'running' as const, fenced: false, paused: false, isolation: 'none' as const, fetchDelayMs: 0, controller: true, leaders: 6, replicas: 10 },
          { nodeId: 3, host: 'localhost', port: 9094, state: 'killed' as const, fenced: true, paused: false, isolation: 'none' as const, fetchDelayMs: 0, controller: false, leaders: 0, replicas: 10 },
        ] },
      }),
    });
    act(() => useConnectionStore.getState().selectCluster('local'));
    render(<BrokersPage />);
    const down = await screen.findByTestId('broker-3');
    expect(down.textContent).toContain('killed');
    expect(down.textContent).toContain('not in the cluster metadata');
    const lists = () => fake.calls.filter((c) => c.method === 'brokers.list').length;
    await waitFor(() => expect(fake.subscriberCount('localCluster.events')).toBe(1));
    await new Promise((r) => setTimeout(r, 300)); // the catch-up reload after subscribing
    const n0 = lists();
    brokers = { ...overview, health: { ...overview.health, underReplicated: 5 } };
    act(() => fake.emit('localCluster.events', { seq: 1, run: 1, time: 1, kind: 'isr-shrink', cause: 'broker 3 killed', topic: 't', partition: 0 }));
    await waitFor(() => expect(screen.getByTestId('health-urp').textContent).toBe('5'));
    expect(lists()).toBe(n0 + 1);
  });
});
