// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BulkProgress, ProduceResult, TopicRow } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { EMPTY_FORM } from './producer-form.js';
import { ProducerPage } from './producer-page.js';
import { useProducerStore } from './producer-store.js';

const BIG = 9_007_199_254_740_993n; // 2^53 + 1: a Number would print ...992
const topics: TopicRow[] = [
  { name: 'orders', internal: false, partitions: 3, replicationFactor: 1, underReplicated: 0, offline: 0 },
  { name: '__consumer_offsets', internal: true, partitions: 50, replicationFactor: 1, underReplicated: 0, offline: 0 },
];

function setup(handlers: Parameters<typeof installFakeCore>[0]) {
  const core = installFakeCore({ 'topics.list': () => topics, ...handlers });
  act(() => useConnectionStore.getState().selectCluster('local'));
  return core;
}

describe('Producer screen', () => {
  beforeEach(() => { useProducerStore.setState({ form: { ...EMPTY_FORM } }); });
  afterEach(() => { cleanup(); vi.restoreAllMocks(); });

  it('asks for a cluster when none is selected', () => {
    installFakeCore({});
    render(<ProducerPage />);
    expect(screen.getByTestId('empty-producer')).toBeTruthy();
  });

  it('lists only non-internal topics, sends the form and shows partition and a 64-bit offset exactly', async () => {
    const { fake } = setup({
      'producer.send': (): ProduceResult => ({ topic: 'orders', partition: 2, offset: BIG, partitioner: 'murmur2', acks: -1, compression: 'lz4' }),
    });
    render(<ProducerPage />);
    const topic = await screen.findByTestId('producer-topic');
    await vi.waitFor(() => expect(screen.getAllByRole('option', { name: 'orders' })).toHaveLength(1));
    expect(screen.queryByRole('option', { name: '__consumer_offsets' })).toBeNull();
    fireEvent.change(topic, { target: { value: 'orders' } });
    act(() => useProducerStore.getState().patch({ key: 'user-1', headers: [{ key: 'trace', value: 't1' }] }));
    fireEvent.change(screen.getByLabelText('Compression'), { target: { value: 'lz4' } });
    fireEvent.click(screen.getByTestId('producer-send'));
    expect((await screen.findByTestId('result-offset')).textContent).toBe('9007199254740993');
    expect(screen.getByTestId('result-partition').textContent).toBe('2');
    expect(fake.calls.find((c) => c.method === 'producer.send')?.input).toMatchObject({
      clusterId: 'local', topic: 'orders', key: 'user-1', headers: [{ key: 'trace', value: 't1' }], partition: 'auto', acks: -1, compression: 'lz4',
    });
  });

  it('flags invalid JSON with its position and does not send; shows the core\'s error when a send fails', async () => {
    const { fake } = setup({ 'producer.send': () => { throw coreError('TP_NOT_FOUND', 'Topic "orders" does not exist on this cluster. Create it first.'); } });
    render(<ProducerPage />);
    await vi.waitFor(() => expect(screen.getAllByRole('option', { name: 'orders' })).toHaveLength(1));
    act(() => useProducerStore.getState().patch({ topic: 'orders', value: '{\n "a": }' }));
    expect(screen.getByTestId('error-value').textContent).toMatch(/line 2, column 7/);
    fireEvent.click(screen.getByTestId('producer-send'));
    expect(fake.calls.some((c) => c.method === 'producer.send')).toBe(false);
    act(() => useProducerStore.getState().patch({ value: '{"a": 1}' }));
    fireEvent.click(screen.getByTestId('producer-send'));
    expect((await screen.findByTestId('producer-error')).textContent).toContain('TP_NOT_FOUND: Topic "orders" does not exist');
  });

  it('runs a bulk produce with live progress and cancels it', async () => {
    const { fake } = setup({
      'producer.bulkStart': () => ({ jobId: 'job-1', total: 1000 }),
      'producer.bulkCancel': () => ({ cancelled: true }),
    });
    render(<ProducerPage />);
    await vi.waitFor(() => expect(screen.getAllByRole('option', { name: 'orders' })).toHaveLength(1));
    act(() => useProducerStore.getState().patch({ topic: 'orders', key: 'k-{{i}}', value: '{"i": {{i}}}', valueEncoding: 'string' }));
    fireEvent.click(screen.getByTestId('bulk-start'));
    await vi.waitFor(() => expect(fake.subscriberCount('producer.bulkProgress')).toBe(1));
    expect(fake.calls.find((c) => c.method === 'producer.bulkStart')?.input).toMatchObject({ count: 1000, keyTemplate: 'k-{{i}}', valueTemplate: '{"i": {{i}}}' });
    const p = (o: Partial<BulkProgress>): BulkProgress => ({ jobId: 'job-1', topic: 'orders', total: 1000, sent: 0, state: 'running', elapsedMs: 10, firstOffset: 0n, lastOffset: 0n, perPartition: {}, ...o });
    act(() => fake.emit('producer.bulkProgress', p({ sent: 500, lastOffset: 499n })));
    expect(screen.getByTestId('bulk-status').textContent).toMatch(/500 \/ 1,000 · running/);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    fireEvent.click(screen.getByTestId('bulk-cancel'));
    await vi.waitFor(() => expect(fake.calls.some((c) => c.method === 'producer.bulkCancel')).toBe(true));
    act(() => fake.emit('producer.bulkProgress', p({ sent: 600, state: 'cancelled' })));
    expect(screen.getByTestId('bulk-status').getAttribute('data-state')).toBe('cancelled');
    expect((screen.getByTestId('bulk-cancel') as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses a bulk count out of range without calling the core', async () => {
    const { fake } = setup({});
    render(<ProducerPage />);
    act(() => useProducerStore.getState().patch({ topic: 'orders' }));
    fireEvent.change(screen.getByLabelText('Record count'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('bulk-start'));
    expect(screen.getByTestId('error-count').textContent).toMatch(/Between 1/);
    expect(fake.calls.some((c) => c.method === 'producer.bulkStart')).toBe(false);
  });
});
