// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricsSample, SystemInfo } from '../../../../src-main/contract/index.js';
import { installFakeCore } from '../../test-support.js';
import { CoreCard } from './core-card.js';
import { MetricsCard } from './metrics-card.js';
import { useMetricsStore } from './metrics-store.js';

// Monaco needs a real browser (the e2e suite covers it); here the lazy view is a plain <pre>.
vi.mock('../../components/code-editor/monaco-view.js', () => ({
  default: (p: { value: string }) => <pre data-testid="fake-monaco">{p.value}</pre>,
}));

const info: SystemInfo = {
  app: 'Tidepool', version: '9.9.9', transport: 'websocket', node: '20.20.2', electron: null, platform: 'linux', arch: 'x64',
  pid: 4242, startedAt: Date.now() - 65_000, uptimeMs: 65_000, hrStartNs: 9_007_199_254_740_993n,
};
const sample = (time: number, rssMiB: number): MetricsSample =>
  ({ time, rssBytes: rssMiB * 1024 * 1024, heapUsedBytes: 8 * 1024 * 1024, cpuPercent: 2.5, eventLoopDelayMs: 1.25 });

describe('Overview cards', () => {
  beforeEach(() => useMetricsStore.getState().clear());
  afterEach(cleanup);

  it('CoreCard shows system.info facts and the exact JSON, bigint included', async () => {
    installFakeCore({ 'system.info': () => info });
    render(<CoreCard />);
    const json = await screen.findByTestId('fake-monaco');
    // 2^53 + 1: Number() would print ...992.
    expect(json.textContent).toContain('"hrStartNs": 9007199254740993');
    expect(json.textContent).toContain('"pid": 4242');
    expect(screen.getByText('9007199254740993')).toBeTruthy();
    expect(screen.getByText('Tidepool 9.9.9')).toBeTruthy();
    expect(screen.getByText('1m 5s')).toBeTruthy();
  });

  it('CoreCard shows a failed call as an error with its code', async () => {
    installFakeCore({});
    render(<CoreCard />);
    expect((await screen.findByRole('alert')).textContent).toContain('TP_UNKNOWN_METHOD');
  });

  it('MetricsCard charts history plus live samples and shows the latest figures', async () => {
    const { fake } = installFakeCore({ 'system.metricsHistory': () => [sample(1000, 60), sample(2000, 62)] });
    render(<MetricsCard chartWidth={500} />);
    await vi.waitFor(() => expect(screen.getByTestId('metrics-chart').dataset.points).toBe('2'));
    act(() => fake.emit('system.metrics', sample(3000, 64)));
    expect(screen.getByTestId('metrics-chart').dataset.points).toBe('3');
    expect(screen.getByTestId('stat-rss').textContent).toBe('64.0 MiB');
    expect(screen.getByTestId('stat-samples').textContent).toBe('3');
    expect(document.querySelectorAll('path.recharts-line-curve')).toHaveLength(3);
    cleanup();
    expect(fake.subscriberCount('system.metrics')).toBe(0);
  });
});
