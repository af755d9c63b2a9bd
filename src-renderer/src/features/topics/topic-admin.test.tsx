// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PurgeResult, TopicConfigRow, TopicDetail } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { TopicsPage } from './topics-page.js';
import { useTopicsStore } from './topics-store.js';

const detail: TopicDetail = {
  name: 'orders', internal: false, replicationFactor: 1, messages: 30n,
  partitions: [0, 1, 2].map((p) => ({ partition: p, leader: 1, replicas: [1], isr: [1], outOfSync: [], offlineReplicas: [], logStartOffset: 0n, logEndOffset: 10n })),
};
const row = (name: string, value: string, source: TopicConfigRow['source'], o: Partial<TopicConfigRow> = {}): TopicConfigRow =>
  ({ name, value, source, isDefault: source !== 'topic', isSensitive: false, readOnly: false, ...o });

function setup(handlers: Parameters<typeof installFakeCore>[0]) {
  const core = installFakeCore({ 'topics.describe': () => detail, ...handlers });
  act(() => useConnectionStore.getState().selectCluster('local'));
  act(() => useTopicsStore.setState({ selected: 'orders', query: '' }));
  render(<TopicsPage />);
  return core;
}

describe('topic config editor and purge', () => {
  beforeEach(() => { useTopicsStore.setState({ selected: null, query: '' }); });
  afterEach(() => { cleanup(); vi.restoreAllMocks(); });

  it('edits a value, shows it back with source "topic", resets it to the default', async () => {
    let rows = [row('retention.ms', '604800000', 'default'), row('min.insync.replicas', '1', 'static-broker', { readOnly: true })];
    const { fake } = setup({
      'topics.configs': () => rows,
      'topics.alterConfigs': (i) => {
        const c = (i as { changes: { name: string; value: string | null }[] }).changes[0]!;
        rows = rows.map((r) => (r.name !== c.name ? r : c.value === null ? row(r.name, '604800000', 'default') : row(r.name, c.value, 'topic')));
        return rows;
      },
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Config' }));
    await screen.findByTestId('config-retention.ms');
    // Read-only entries have no Edit button.
    expect(within(screen.getByTestId('config-min.insync.replicas')).queryByRole('button', { name: /Edit/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Edit retention.ms' }));
    fireEvent.change(screen.getByLabelText('Value of retention.ms'), { target: { value: '3600000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByTestId('config-retention.ms').getAttribute('data-source')).toBe('topic'));
    expect(screen.getByTestId('config-retention.ms').textContent).toContain('3600000');
    expect(fake.calls.find((c) => c.method === 'topics.alterConfigs')?.input).toEqual({ clusterId: 'local', topic: 'orders', changes: [{ name: 'retention.ms', value: '3600000' }] });
    fireEvent.click(screen.getByRole('button', { name: 'Reset retention.ms to default' }));
    await vi.waitFor(() => expect(screen.getByTestId('config-retention.ms').getAttribute('data-source')).toBe('default'));
    expect(fake.calls.filter((c) => c.method === 'topics.alterConfigs').at(-1)?.input).toMatchObject({ changes: [{ name: 'retention.ms', value: null }] });
  });

  it('shows the broker\'s validation error under the row and keeps the editor open', async () => {
    setup({
      'topics.configs': () => [row('retention.ms', '604800000', 'default')],
      'topics.alterConfigs': () => { throw coreError('TP_VALIDATION', 'Cannot change the config of topic "orders": Invalid value soon for configuration retention.ms'); },
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Config' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit retention.ms' }));
    fireEvent.change(screen.getByLabelText('Value of retention.ms'), { target: { value: 'soon' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByTestId('config-error-retention.ms')).textContent).toContain('Invalid value soon for configuration retention.ms');
    expect(screen.getByLabelText('Value of retention.ms')).toBeTruthy();
  });

  it('purges chosen partitions after confirmation and reports the new log starts', async () => {
    const { fake } = setup({
      'topics.configs': () => [],
      'topics.purge': (): PurgeResult => ({ topic: 'orders', partitions: [{ partition: 1, logStartOffset: 10n }] }),
    });
    fireEvent.click(await screen.findByTestId('purge-open'));
    const dlg = screen.getByTestId('purge-dialog');
    expect(within(dlg).getByTestId('purge-summary').textContent).toContain('3 partitions, about 30 records');
    fireEvent.click(within(dlg).getByLabelText('Chosen partitions'));
    expect((within(dlg).getByTestId('purge-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(dlg).getByLabelText('Partition 1'));
    expect(within(dlg).getByTestId('purge-summary').textContent).toContain('1 partition, about 10 records');
    fireEvent.click(within(dlg).getByTestId('purge-confirm'));
    expect((await screen.findByTestId('purge-result')).textContent).toBe('Purged 1 partition: log start now 1→10.');
    expect(fake.calls.find((c) => c.method === 'topics.purge')?.input).toEqual({ clusterId: 'local', topic: 'orders', partitions: [1] });
  });

  it('keeps the purge dialog open with the core\'s error', async () => {
    setup({ 'topics.configs': () => [], 'topics.purge': () => { throw coreError('TP_UNAVAILABLE', 'Cannot connect to "Local cluster".'); } });
    fireEvent.click(await screen.findByTestId('purge-open'));
    fireEvent.click(screen.getByTestId('purge-confirm'));
    expect((await within(screen.getByTestId('purge-dialog')).findByRole('alert')).textContent).toContain('TP_UNAVAILABLE');
  });
});
