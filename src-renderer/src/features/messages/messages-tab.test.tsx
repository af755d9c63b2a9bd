// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PackedRecordList, packMessages, type BrowseResult, type MessageRecord, type SaveExportReply, type SaveExportRequest } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useProducerStore } from '../producer/index.js';
import { installFakeCore } from '../../test-support.js';
import { appendRows, browseInput, MessagesTab } from './messages-tab.js';

vi.mock('../../components/code-editor/index.js', () => ({
  CodeEditor: (p: { value: string; 'data-testid'?: string }) => <pre data-testid={p['data-testid']}>{p.value}</pre>,
}));

const enc = (s: string) => new TextEncoder().encode(s);
const BIG = 9_223_372_036_854_775_000n;
const rec = (i: number, over: Partial<MessageRecord> = {}): MessageRecord => ({
  partition: i % 2, offset: BIG + BigInt(i), timestamp: 1_700_000_000_000n + BigInt(i), key: enc(`k${i}`),
  value: enc(`{"n":9007199254740993,"i":${i}}`), headers: [{ key: 'h', value: enc('x') }], ...over,
});
const result = (messages: MessageRecord[]): BrowseResult => ({ messages: packMessages(messages), scanned: messages.length, partitions: [], stopped: null });

function setup(browse: (input: unknown) => BrowseResult | Promise<BrowseResult>) {
  const core = installFakeCore({ 'messages.browse': browse });
  act(() => useConnectionStore.getState().selectCluster('local'));
  render(<MessagesTab clusterId="local" topic="orders" partitions={2} />);
  return core;
}

describe('Messages tab', () => {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  });
  afterEach(() => { cleanup(); vi.restoreAllMocks(); });

  it('loads the newest records on open, shows exact offsets, and decodes the selected value losslessly', async () => {
    const { fake } = setup(() => result([rec(0), rec(1)]));
    const rows = await screen.findAllByTestId('message-row');
    expect(rows).toHaveLength(2);
    expect(fake.calls[0]).toEqual({ method: 'messages.browse', input: { clusterId: 'local', topic: 'orders', seek: { mode: 'newest', count: 100 }, maxResults: 500 } });
    expect(rows[1]!.dataset.offset).toBe('9223372036854775001');
    expect(screen.getByTestId('messages-status').textContent).toContain('2 records shown');
    fireEvent.change(screen.getByTestId('decode-mode'), { target: { value: 'json' } });
    fireEvent.click(rows[1]!);
    const viewer = await screen.findByTestId('message-viewer');
    expect(within(viewer).getByTestId('viewer-offset').textContent).toBe('9223372036854775001');
    expect(within(viewer).getByTestId('viewer-key').textContent).toBe('k1');
    expect(within(viewer).getByTestId('value-viewer').textContent).toBe('{\n  "n": 9007199254740993,\n  "i": 1\n}');
    fireEvent.change(screen.getByTestId('decode-mode'), { target: { value: 'hex' } });
    expect(within(viewer).getByTestId('value-viewer').textContent!.startsWith('7b 22 6e 22')).toBe(true);
    // Re-produce fills the Producer's form with this record and opens it.
    fireEvent.click(within(viewer).getByTestId('reproduce'));
    expect(useProducerStore.getState().form).toMatchObject({ topic: 'orders', partition: '1', key: 'k1', value: '{"n":9007199254740993,"i":1}', headers: [{ key: 'h', value: 'x' }] });
    expect(window.location.hash).toBe('#/producer');
  });

  it('sends the offset seek, partition and filters; a bad offset is refused before calling', async () => {
    const { fake } = setup(() => result([]));
    await screen.findByTestId('messages-empty');
    fireEvent.change(screen.getByTestId('seek-mode'), { target: { value: 'offset' } });
    fireEvent.change(screen.getByTestId('seek-offset'), { target: { value: '12x' } });
    fireEvent.click(screen.getByTestId('load-messages'));
    expect((await screen.findByTestId('messages-error')).textContent).toMatch(/offset must be a whole number/);
    expect(fake.calls).toHaveLength(1);
    fireEvent.change(screen.getByTestId('seek-offset'), { target: { value: '9223372036854775807' } });
    fireEvent.change(screen.getByTestId('partition'), { target: { value: '1' } });
    fireEvent.change(screen.getByTestId('filter-jsonpath'), { target: { value: ' $.a ' } });
    fireEvent.change(screen.getByTestId('filter-key'), { target: { value: 'k' } });
    fireEvent.click(screen.getByTestId('load-messages'));
    await waitFor(() => expect(fake.calls).toHaveLength(2));
    expect(fake.calls[1]!.input).toEqual({
      clusterId: 'local', topic: 'orders', seek: { mode: 'offset', offset: 9223372036854775807n }, maxResults: 500, partitions: [1],
      filters: { key: 'k', jsonPath: '$.a' },
    });
  });

  it('shows the core\'s error with what to do', async () => {
    setup(() => { throw coreError('TP_VALIDATION', 'The JSONPath "$[" is not valid.'); });
    expect((await screen.findByTestId('messages-error')).textContent).toBe('TP_VALIDATION: The JSONPath "$[" is not valid.');
  });

  it('live tail appends pushed records and stops (unsubscribes) when turned off or on error', async () => {
    const { fake } = setup(() => result([rec(0)]));
    await screen.findAllByTestId('message-row');
    fireEvent.click(screen.getByTestId('live-tail'));
    expect(fake.subscriberCount('messages.tail')).toBe(1);
    act(() => fake.emit('messages.tail', { kind: 'messages', messages: [rec(5)] }));
    expect(screen.getAllByTestId('message-row')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('live-tail'));
    expect(fake.subscriberCount('messages.tail')).toBe(0);
    fireEvent.click(screen.getByTestId('live-tail'));
    act(() => fake.emit('messages.tail', { kind: 'error', error: { code: 'TP_UNAVAILABLE', message: 'Cannot read.' } }));
    expect(screen.getByTestId('messages-error').textContent).toMatch(/TP_UNAVAILABLE: Cannot read\. Live tail stopped/);
    expect(fake.subscriberCount('messages.tail')).toBe(0);
  });

  it('export shows progress, can be cancelled, and saves a file when done', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => { created.push(b); return 'blob:x'; }) as never;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { fake } = setup(() => result([rec(0)]));
    await screen.findAllByTestId('message-row');
    fireEvent.click(screen.getByTestId('export-start'));
    expect(fake.subscriberCount('messages.export')).toBe(1);
    act(() => {
      fake.emit('messages.export', { kind: 'started', total: 4n });
      fake.emit('messages.export', { kind: 'progress', scanned: 1n, total: 4n, matched: 1 });
    });
    expect((screen.getByTestId('export-progress') as HTMLProgressElement).value).toBe(25);
    fireEvent.click(screen.getByTestId('export-cancel'));
    expect(fake.subscriberCount('messages.export')).toBe(0);
    expect(screen.getByTestId('export-result').textContent).toMatch(/cancelled/);
    expect(created).toHaveLength(0);

    fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'csv' } });
    fireEvent.click(screen.getByTestId('export-start'));
    act(() => {
      fake.emit('messages.export', { kind: 'started', total: 2n });
      fake.emit('messages.export', { kind: 'records', records: packMessages([rec(0), rec(1)]) });
      fake.emit('messages.export', { kind: 'done', matched: 2, scanned: 2n, stopped: null });
    });
    expect(fake.subscriberCount('messages.export')).toBe(0);
    expect(click).toHaveBeenCalledTimes(1);
    expect(created).toHaveLength(1);
    const text = await created[0]!.text();
    expect(text.split('\r\n')[1]).toMatch(/^orders,0,9223372036854775000,1700000000000,/);
    expect(screen.getByTestId('export-result').textContent).toMatch(/Exported 2 records to orders-.*\.csv/);
  });

  it('in Electron, a finished export goes to main\'s save dialog: saved, cancelled or failed, and says which', async () => {
    const replies: SaveExportReply[] = [
      { ok: true, value: { saved: true, path: '/home/u/orders.json', bytes: 10 } },
      { ok: true, value: { saved: false } },
      { ok: false, error: { code: 'TP_STORAGE', message: 'Could not save the export to /ro/x.json: EACCES (denied). Choose another folder or name.' } },
    ];
    const requests: SaveExportRequest[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    window.tidepool = { saveExport: async (r: SaveExportRequest) => { requests.push(r); return replies[requests.length - 1]!; } } as never;
    try {
      const { fake } = setup(() => result([rec(0)]));
      await screen.findAllByTestId('message-row');
      const exportOnce = () => {
        fireEvent.click(screen.getByTestId('export-start'));
        act(() => {
          fake.emit('messages.export', { kind: 'started', total: 1n });
          fake.emit('messages.export', { kind: 'records', records: packMessages([rec(0)]) });
          fake.emit('messages.export', { kind: 'done', matched: 1, scanned: 1n, stopped: null });
        });
      };
      exportOnce();
      await waitFor(() => expect(screen.getByTestId('export-result').textContent).toBe('Exported 1 records to /home/u/orders.json.'));
      expect(requests[0]).toMatchObject({ format: 'json', suggestedName: expect.stringMatching(/^orders-.*\.json$/) });
      expect(JSON.parse(requests[0]!.parts.join(''))).toHaveLength(1);
      exportOnce();
      await waitFor(() => expect(screen.getByTestId('export-result').textContent).toBe('Export cancelled; nothing was saved.'));
      exportOnce();
      await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Export failed: TP_STORAGE: Could not save the export to \/ro\/x\.json: EACCES/));
      expect(requests).toHaveLength(3);
      expect(click).not.toHaveBeenCalled(); // no browser download in Electron
    } finally {
      delete window.tidepool;
    }
  });
});

describe('browseInput', () => {
  it('maps the form to the contract and explains bad fields', () => {
    const base = { seek: 'newest' as const, count: '5', offset: '0', time: '', partition: 'all', maxResults: '10', key: '', value: '', header: '', jsonPath: '' };
    expect(browseInput('c', 't', base)).toEqual({ input: { clusterId: 'c', topic: 't', seek: { mode: 'newest', count: 5 }, maxResults: 10 } });
    expect(browseInput('c', 't', { ...base, maxResults: '0' })).toEqual({ error: expect.stringMatching(/Max results/) });
    expect(browseInput('c', 't', { ...base, count: '-1' })).toEqual({ error: expect.stringMatching(/Newest N/) });
    expect(browseInput('c', 't', { ...base, seek: 'timestamp', time: '' })).toEqual({ error: expect.stringMatching(/date and time/) });
    const ts = browseInput('c', 't', { ...base, seek: 'timestamp', time: '2026-01-02T03:04:05Z' });
    expect(ts).toMatchObject({ input: { seek: { mode: 'timestamp', timestamp: 1767323045000n } } });
  });
});

describe('appendRows', () => {
  it('appends tail records to a packed list or an array and keeps the newest', () => {
    const packed = new PackedRecordList(packMessages([rec(0), rec(1)]));
    expect(appendRows(packed, [rec(2)]).map((m) => m.offset)).toEqual([BIG, BIG + 1n, BIG + 2n]);
    expect(appendRows([rec(0), rec(1)], [rec(2), rec(3)], 3).map((m) => m.offset)).toEqual([BIG + 1n, BIG + 2n, BIG + 3n]);
  });
});
