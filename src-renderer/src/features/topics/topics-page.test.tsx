// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TopicConfigRow, TopicDetail, TopicRow } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { TopicsPage } from './topics-page.js';
import { useTopicsStore } from './topics-store.js';

const row = (name: string, o: Partial<TopicRow> = {}): TopicRow =>
  ({ name, internal: name.startsWith('__'), partitions: 3, replicationFactor: 1, underReplicated: 0, offline: 0, ...o });
const BIG = 9_007_199_254_740_993n; // 2^53 + 1: a Number would print ...992
const detail: TopicDetail = {
  name: 'orders', internal: false, replicationFactor: 3, messages: BIG,
  partitions: [
    { partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2], outOfSync: [3], offlineReplicas: [], logStartOffset: 5n, logEndOffset: BIG },
    { partition: 1, leader: -1, replicas: [2], isr: [], outOfSync: [2], offlineReplicas: [2], logStartOffset: 0n, logEndOffset: 0n },
  ],
};
const configs: TopicConfigRow[] = [
  { name: 'cleanup.policy', value: 'delete', source: 'default', isDefault: true, isSensitive: false, readOnly: false },
  { name: 'retention.ms', value: '1000', source: 'topic', isDefault: false, isSensitive: false, readOnly: false },
];

function setup(handlers: Parameters<typeof installFakeCore>[0]) {
  const core = installFakeCore(handlers);
  act(() => useConnectionStore.getState().selectCluster('local'));
  return core;
}

describe('Topics screens', () => {
  beforeEach(() => {
    useTopicsStore.setState({ selected: null, query: '' });
    // happy-dom lays nothing out; give the list's scroll box a real viewport so the virtualizer has rows to show.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  });
  afterEach(() => { cleanup(); vi.restoreAllMocks(); });

  it('asks for a cluster when none is selected', () => {
    installFakeCore({});
    render(<TopicsPage />);
    expect(screen.getByTestId('empty-topics').textContent).toContain('Choose a cluster');
  });

  it('virtualizes 10,000 topics, searches, and fills message counts for visible rows only', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(`topic-${String(i).padStart(5, '0')}`));
    const { fake } = setup({
      'topics.list': () => [...rows, row('__consumer_offsets', { partitions: 50 })],
      'topics.messages': (i) => (i as { topics: string[] }).topics.map((t) => ({ topic: t, messages: 7n, sizeBytes: t === 'topic-00001' ? null : 3n * 1024n * 1024n })),
    });
    render(<TopicsPage />);
    await screen.findByTestId('topic-list');
    expect(screen.getByTestId('topics-count').textContent).toBe('10000 of 10001');
    const rendered = screen.getAllByRole('row').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    await vi.waitFor(() => expect(within(screen.getByTestId('topic-row-topic-00000')).getByText('7')).toBeTruthy());
    // The size column: human-readable, exact bytes in the tooltip, a dash with the reason when unknown.
    expect(screen.getByText('Size').getAttribute('title')).toMatch(/leader replicas.*not times the replication factor/);
    expect(screen.getByTestId('size-topic-00000').textContent).toBe('3.0 MiB');
    expect(screen.getByTestId('size-topic-00000').getAttribute('title')).toBe('3145728 bytes');
    expect(screen.getByTestId('size-topic-00001').textContent).toBe('–');
    expect(screen.getByTestId('size-topic-00001').getAttribute('title')).toMatch(/Size unknown/);
    const asked = fake.calls.filter((c) => c.method === 'topics.messages').flatMap((c) => (c.input as { topics: string[] }).topics);
    expect(asked.length).toBeLessThan(100);
    expect(asked).not.toContain('topic-09999');

    fireEvent.change(screen.getByLabelText('Search topics'), { target: { value: '09999' } });
    expect(screen.getByTestId('topics-count').textContent).toBe('1 of 10001');
    expect(screen.getByTestId('topic-row-topic-09999')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search topics'), { target: { value: 'consumer' } });
    expect(screen.getByTestId('no-topics').textContent).toContain('No topic matches');
    fireEvent.click(screen.getByLabelText(/Show internal topics/));
    expect(screen.getByTestId('topic-row-__consumer_offsets').textContent).toContain('internal');
  });

  it('marks the messages and size of visible rows when topics.messages fails, with the reason in the size tooltip', async () => {
    setup({
      'topics.list': () => [row('t1')],
      'topics.messages': () => { throw coreError('TP_UNAVAILABLE', 'Cannot connect'); },
    });
    render(<TopicsPage />);
    await vi.waitFor(() => expect(screen.getByTestId('messages-t1').textContent).toBe('error'));
    expect(screen.getByTestId('size-t1').textContent).toBe('–');
    expect(screen.getByTestId('size-t1').getAttribute('title')).toMatch(/Could not read/);
  });

  it('shows a failed list with its code', async () => {
    setup({ 'topics.list': () => { throw coreError('TP_UNAVAILABLE', 'Cannot connect'); } });
    render(<TopicsPage />);
    expect((await screen.findByRole('alert')).textContent).toBe('TP_UNAVAILABLE: Cannot connect');
  });

  it('validates the create dialog, then creates and reloads; a core refusal stays in the dialog', async () => {
    let topics = [row('existing')];
    const { fake } = setup({
      'topics.list': () => topics,
      'topics.messages': () => [],
      'topics.create': (i) => {
        const t = (i as { topic: string }).topic;
        if (t === 'taken-on-server') throw coreError('TP_CONFLICT', 'Cannot create topic "taken-on-server": the topic already exists.');
        topics = [...topics, row(t)];
        return { ...detail, name: t };
      },
    });
    render(<TopicsPage />);
    await screen.findByTestId('topic-list');
    fireEvent.click(screen.getByText('Create topic'));
    const dlg = screen.getByTestId('create-topic-dialog');
    fireEvent.change(within(dlg).getByLabelText('Topic name'), { target: { value: 'existing' } });
    fireEvent.change(within(dlg).getByLabelText('Partitions'), { target: { value: '0' } });
    fireEvent.click(within(dlg).getByText('Create'));
    expect(within(dlg).getByTestId('error-name').textContent).toContain('already exists');
    expect(within(dlg).getByTestId('error-partitions').textContent).toBe('Partitions must be at least 1');
    expect(fake.calls.some((c) => c.method === 'topics.create')).toBe(false);

    fireEvent.change(within(dlg).getByLabelText('Topic name'), { target: { value: 'taken-on-server' } });
    fireEvent.change(within(dlg).getByLabelText('Partitions'), { target: { value: '3' } });
    fireEvent.click(within(dlg).getByText('Create'));
    expect((await within(dlg).findByRole('alert')).textContent).toContain('TP_CONFLICT');

    fireEvent.change(within(dlg).getByLabelText('Topic name'), { target: { value: 'fresh' } });
    fireEvent.change(within(dlg).getByLabelText('Configs'), { target: { value: 'retention.ms=1000' } });
    fireEvent.click(within(dlg).getByText('Create'));
    await screen.findByTestId('topic-row-fresh');
    expect(screen.queryByTestId('create-topic-dialog')).toBeNull();
    expect(fake.calls.filter((c) => c.method === 'topics.create').at(-1)?.input)
      .toEqual({ clusterId: 'local', topic: 'fresh', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '1000' } });
  });

  it('shows partitions with out-of-sync replicas highlighted and exact bigint offsets, and the config tab', async () => {
    setup({ 'topics.describe': () => detail, 'topics.configs': () => configs });
    useTopicsStore.setState({ selected: 'orders' });
    render(<TopicsPage />);
    const p0 = await screen.findByTestId('partition-0');
    expect(p0.textContent).toContain('9007199254740993');
    expect(within(screen.getByTestId('oos-0')).getByText('3').className).toContain('out-of-sync');
    expect(screen.getByTestId('partition-1').textContent).toContain('none (offline)');
    expect(screen.getByText(/9007199254740993 messages/)).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Config' }));
    const changed = await screen.findByTestId('config-retention.ms');
    expect(changed.className).toBe('row-nondefault');
    expect(changed.textContent).toContain('topic');
    expect(screen.getByTestId('config-cleanup.policy').className).toBe('');
    fireEvent.click(screen.getByLabelText(/Only values that differ/));
    expect(screen.queryByTestId('config-cleanup.policy')).toBeNull();
  });

  it('deletes only after the topic name is typed, then returns to the list', async () => {
    const { fake } = setup({ 'topics.describe': () => detail, 'topics.delete': () => ({ deleted: true as const }), 'topics.list': () => [], 'topics.configs': () => configs });
    useTopicsStore.setState({ selected: 'orders' });
    render(<TopicsPage />);
    await screen.findByTestId('partition-0');
    fireEvent.click(screen.getByText('Delete…'));
    const dlg = screen.getByTestId('delete-topic-dialog');
    const btn = within(dlg).getByText('Delete topic') as HTMLButtonElement;
    expect(btn.disabled).toBe(true);
    fireEvent.change(within(dlg).getByLabelText('Confirm topic name'), { target: { value: 'order' } });
    expect(btn.disabled).toBe(true);
    fireEvent.change(within(dlg).getByLabelText('Confirm topic name'), { target: { value: 'orders' } });
    expect(btn.disabled).toBe(false);
    fireEvent.click(btn);
    await screen.findByTestId('no-topics');
    expect(fake.calls.find((c) => c.method === 'topics.delete')?.input).toEqual({ clusterId: 'local', topic: 'orders' });
  });

  it('adds partitions only above the current count', async () => {
    const { fake } = setup({ 'topics.describe': () => detail, 'topics.addPartitions': () => detail, 'topics.configs': () => configs });
    useTopicsStore.setState({ selected: 'orders' });
    render(<TopicsPage />);
    await screen.findByTestId('partition-0');
    fireEvent.click(screen.getByText('Add partitions'));
    const dlg = screen.getByTestId('add-partitions-dialog');
    fireEvent.change(within(dlg).getByLabelText('New partition count'), { target: { value: '2' } });
    fireEvent.click(within(dlg).getByRole('button', { name: 'Add partitions' }));
    expect(within(dlg).getByText(/only add partitions/)).toBeTruthy();
    fireEvent.change(within(dlg).getByLabelText('New partition count'), { target: { value: '6' } });
    fireEvent.click(within(dlg).getByRole('button', { name: 'Add partitions' }));
    await vi.waitFor(() => expect(screen.queryByTestId('add-partitions-dialog')).toBeNull());
    expect(fake.calls.find((c) => c.method === 'topics.addPartitions')?.input).toEqual({ clusterId: 'local', topic: 'orders', totalCount: 6 });
  });
});
