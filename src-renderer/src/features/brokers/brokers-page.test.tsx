// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokersOverview } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { BrokersPage } from './brokers-page.js';

const overview: BrokersOverview = {
  clusterId: 'abc', controllerId: 2,
  brokers: [
    { nodeId: 1, host: 'localhost', port: 9092, rack: null, controller: false, partitions: 10, leaders: 4 },
    { nodeId: 2, host: 'localhost', port: 9093, rack: 'eu-1a', controller: true, partitions: 10, leaders: 6 },
  ],
  health: { topics: 3, partitions: 10, underReplicated: 2, offline: 0 },
};

describe('Brokers page', () => {
  afterEach(cleanup);

  it('lists brokers with controller, rack, partitions and leaders, and the health counters', async () => {
    const { fake } = installFakeCore({ 'brokers.list': () => overview });
    act(() => useConnectionStore.getState().selectCluster('local'));
    render(<BrokersPage />);
    const b2 = await screen.findByTestId('broker-2');
    expect(b2.textContent).toBe('2localhost:9093controllereu-1a106');
    expect(screen.getByTestId('broker-1').textContent).toBe('1localhost:9092—104');
    expect(screen.getByTestId('health-urp').className).toBe('warn');
    expect(screen.getByTestId('health-urp').textContent).toBe('2');
    expect(screen.getByTestId('health-offline').className).toBe('ok');
    expect(fake.calls).toEqual([{ method: 'brokers.list', input: { clusterId: 'local' } }]);
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
});
