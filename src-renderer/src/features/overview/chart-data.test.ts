import { describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../../../src-main/contract/index.js';
import { mergeSamples, summarize, toChartRows } from './chart-data.js';

const s = (time: number, rss = 100 * 1024 * 1024, cpu = 1): MetricsSample =>
  ({ time, rssBytes: rss, heapUsedBytes: rss / 4, cpuPercent: cpu, eventLoopDelayMs: 0 });

describe('mergeSamples', () => {
  it('appends live samples and caps the buffer, oldest out first', () => {
    let buf: MetricsSample[] = [];
    for (let t = 1; t <= 7; t++) buf = mergeSamples(buf, [s(t)], 5);
    expect(buf.map((x) => x.time)).toEqual([3, 4, 5, 6, 7]);
  });

  it('does not mutate its input', () => {
    const buf = [s(1), s(2)];
    const next = mergeSamples(buf, [s(3)], 2);
    expect(buf.map((x) => x.time)).toEqual([1, 2]);
    expect(next.map((x) => x.time)).toEqual([2, 3]);
  });

  it('merges history that overlaps the live stream without duplicates, in time order', () => {
    const live = [s(5), s(6)];
    const history = [s(3), s(4), s(5)];
    expect(mergeSamples(live, history).map((x) => x.time)).toEqual([3, 4, 5, 6]);
  });

  it('ignores a stale or repeated live sample', () => {
    const buf = [s(1), s(2)];
    expect(mergeSamples(buf, [s(2)]).map((x) => x.time)).toEqual([1, 2]);
    expect(mergeSamples(buf, [s(0)]).map((x) => x.time)).toEqual([0, 1, 2]);
  });

  it('keeps the newest when history exceeds the capacity, and handles capacity 0', () => {
    const history = Array.from({ length: 10 }, (_, i) => s(i));
    expect(mergeSamples([], history, 3).map((x) => x.time)).toEqual([7, 8, 9]);
    expect(mergeSamples(history, [s(11)], 0)).toEqual([]);
  });
});

describe('toChartRows and summarize', () => {
  it('converts bytes to MiB with one decimal', () => {
    const rows = toChartRows([{ time: 1, rssBytes: 1.25 * 1024 * 1024, heapUsedBytes: 512 * 1024, cpuPercent: 12.345, eventLoopDelayMs: 1 }]);
    expect(rows).toEqual([{ time: 1, rssMiB: 1.3, heapMiB: 0.5, cpuPercent: 12.3 }]);
  });

  it('summarizes peak RSS and mean CPU, or nothing before the first sample', () => {
    expect(summarize([])).toBeUndefined();
    const sum = summarize([s(1, 10, 2), s(2, 30, 4), s(3, 20, 6)]);
    expect(sum?.latest.time).toBe(3);
    expect(sum?.peakRssBytes).toBe(30);
    expect(sum?.avgCpuPercent).toBe(4);
  });
});
