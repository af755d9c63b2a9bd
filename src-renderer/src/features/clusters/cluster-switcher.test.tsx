// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { ClusterSwitcher } from './cluster-switcher.js';

const cluster = (id: string, name: string): ClusterSummary => ({ id, name, kind: 'external', bootstrap: 'localhost:9092', status: 'connected' });

describe('ClusterSwitcher', () => {
  afterEach(cleanup);

  it('says plainly that there are no clusters yet', async () => {
    installFakeCore({ 'clusters.list': () => [] });
    render(<ClusterSwitcher />);
    expect(await screen.findByText('No clusters yet')).toBeTruthy();
    expect(screen.getByTestId('cluster-switcher').textContent).toContain('embedded local cluster');
  });

  it('lists clusters, selects the first, and switches', async () => {
    installFakeCore({ 'clusters.list': () => [cluster('a', 'local'), cluster('b', 'staging')] });
    render(<ClusterSwitcher />);
    const select = await screen.findByRole('combobox', { name: 'Active cluster' });
    expect(useConnectionStore.getState().activeClusterId).toBe('a');
    fireEvent.change(select, { target: { value: 'b' } });
    expect(useConnectionStore.getState().activeClusterId).toBe('b');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['local (connected)', 'staging (connected)']);
  });

  it('reads the list again when the core reports a change: the local cluster that registers after the page loaded shows up', async () => {
    const clusters: ClusterSummary[] = [];
    const { fake } = installFakeCore({ 'clusters.list': () => [...clusters] });
    render(<ClusterSwitcher />);
    expect(await screen.findByText('No clusters yet')).toBeTruthy();
    expect(fake.subscriberCount('clusters.status')).toBe(1);
    const local: ClusterSummary = { ...cluster('local', 'Local cluster'), kind: 'local' };
    clusters.push(local);
    act(() => fake.emit('clusters.status', { id: 'local', status: 'connected', change: 'added', summary: local }));
    expect(await screen.findByRole('combobox', { name: 'Active cluster' })).toBeTruthy();
    expect(useConnectionStore.getState().activeClusterId).toBe('local');
  });

  it('shows the core error instead of an empty list', async () => {
    installFakeCore({ 'clusters.list': () => { throw coreError('TP_UNAVAILABLE', 'registry offline'); } });
    render(<ClusterSwitcher />);
    expect((await screen.findByText(/Could not list clusters/)).textContent).toContain('registry offline');
  });

  it('waits for the connection, and asks again after a reconnect', async () => {
    let n = 0;
    const { fake } = installFakeCore({ 'clusters.list': () => (n++ === 0 ? [] : [cluster('x', 'late')]) }, 'connecting');
    render(<ClusterSwitcher />);
    expect(screen.getByTestId('cluster-switcher').textContent).toContain('Waiting for the core');
    expect(fake.calls).toHaveLength(0);
    act(() => fake.setState('open'));
    expect(await screen.findByText('No clusters yet')).toBeTruthy();
    act(() => { fake.setState('closed'); fake.setState('open'); });
    expect(await screen.findByRole('combobox')).toBeTruthy();
    expect(fake.calls.map((c) => c.method)).toEqual(['clusters.list', 'clusters.list']);
  });
});
