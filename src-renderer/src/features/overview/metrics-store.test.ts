import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../../../src-main/contract/index.js';
import { createFakeApi } from '../../api/fake-api.js';
import { coreError } from '../../lib/core-error.js';
import { streamMetrics, useMetricsStore } from './metrics-store.js';

const s = (time: number): MetricsSample => ({ time, rssBytes: time * 1000, heapUsedBytes: 1, cpuPercent: 1, eventLoopDelayMs: 0 });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('metrics store', () => {
  beforeEach(() => useMetricsStore.getState().clear());

  it('seeds from history, then appends live events, in order and without duplicates', async () => {
    const fake = createFakeApi({ 'system.metricsHistory': () => [s(1), s(2), s(3)] });
    const stop = streamMetrics(fake.api);
    fake.emit('system.metrics', s(3)); // overlaps history
    await tick();
    fake.emit('system.metrics', s(4));
    expect(useMetricsStore.getState().samples.map((x) => x.time)).toEqual([1, 2, 3, 4]);
    expect(fake.subscriberCount('system.metrics')).toBe(1);
    stop();
    expect(fake.subscriberCount('system.metrics')).toBe(0);
    fake.emit('system.metrics', s(5));
    expect(useMetricsStore.getState().samples).toHaveLength(4);
  });

  it('keeps a history error for the view to show', async () => {
    const fake = createFakeApi({ 'system.metricsHistory': () => { throw coreError('TP_UNAVAILABLE', 'core is busy'); } });
    const stop = streamMetrics(fake.api);
    await tick();
    expect(useMetricsStore.getState().error?.code).toBe('TP_UNAVAILABLE');
    expect(useMetricsStore.getState().error?.message).toBe('core is busy');
    stop();
  });

  it('stays bounded however long the stream runs', () => {
    const fake = createFakeApi({ 'system.metricsHistory': () => [] });
    const stop = streamMetrics(fake.api);
    for (let t = 0; t < 1000; t++) fake.emit('system.metrics', s(t));
    const samples = useMetricsStore.getState().samples;
    expect(samples.length).toBe(300);
    expect(samples[0]!.time).toBe(700);
    stop();
  });
});
