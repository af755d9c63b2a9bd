/** "Core resources" card: latest RSS / heap / CPU figures and a live chart of the last five minutes. */
import { useMemo } from 'react';
import { TimeSeriesChart, type SeriesConfig } from '../../components/charts/index.js';
import { formatBytes, formatPercent } from '../../lib/format.js';
import { summarize, toChartRows, type MetricsRow } from './chart-data.js';
import { useMetricsStore } from './metrics-store.js';
import { useMetricsStream } from './use-overview.js';

const SERIES: SeriesConfig<MetricsRow>[] = [
  { key: 'rssMiB', label: 'RSS (MiB)', color: 'var(--chart-1)' },
  { key: 'heapMiB', label: 'Heap used (MiB)', color: 'var(--chart-2)' },
  { key: 'cpuPercent', label: 'CPU (%)', color: 'var(--chart-3)', axis: 'right' },
];

export function MetricsCard({ chartWidth }: { chartWidth?: number }) {
  useMetricsStream();
  const samples = useMetricsStore((s) => s.samples);
  const error = useMetricsStore((s) => s.error);
  const rows = useMemo(() => toChartRows(samples), [samples]);
  const sum = summarize(samples);
  return (
    <section className="card" data-testid="metrics-card">
      <header className="card-header">
        <h2>Core resources</h2>
        <span className="card-sub">system.metrics · 1 s · last 5 min</span>
      </header>
      {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
      <dl className="stats">
        <div><dt>RSS</dt><dd data-testid="stat-rss">{sum ? formatBytes(sum.latest.rssBytes) : '–'}</dd></div>
        <div><dt>Heap used</dt><dd>{sum ? formatBytes(sum.latest.heapUsedBytes) : '–'}</dd></div>
        <div><dt>CPU</dt><dd>{sum ? formatPercent(sum.latest.cpuPercent) : '–'}</dd></div>
        <div><dt title="Event-loop delay">Loop delay</dt><dd>{sum ? `${sum.latest.eventLoopDelayMs.toFixed(1)} ms` : '–'}</dd></div>
        <div><dt>Peak RSS</dt><dd>{sum ? formatBytes(sum.peakRssBytes) : '–'}</dd></div>
        <div><dt>Samples</dt><dd data-testid="stat-samples">{samples.length}</dd></div>
      </dl>
      <TimeSeriesChart data={rows} series={SERIES} height={220} width={chartWidth} testId="metrics-chart"
        leftFormat={(v) => `${v} MiB`} rightFormat={(v) => `${v}%`} />
    </section>
  );
}
