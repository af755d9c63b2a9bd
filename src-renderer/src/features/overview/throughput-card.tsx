/**
 * "Throughput" card: messages/s of each broker and of the 10 busiest topics of the active cluster, each with a
 * sparkline of the last 10 minutes. Seeded from `throughput.history` and live from `throughput.sample` (the
 * core samples every 5 s; the renderer never polls).
 */
import { useEffect, useMemo, useState } from 'react';
import { Line, LineChart, YAxis } from 'recharts';
import type { ThroughputSample } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useActiveCluster } from '../../stores/use-active-cluster.js';
import { formatRate, mergeSamples, throughputView, type Sparkline } from './throughput-data.js';
import '../../styles/tables.css';
import '../../styles/sparklines.css';

/** Subscribes first and loads the history second, so no sample falls in the gap. */
function useThroughput(clusterId: string): { samples: ThroughputSample[]; error: CoreError | undefined } {
  const connected = useConnectionStore((s) => s.connectedAt > 0);
  const [samples, setSamples] = useState<ThroughputSample[]>([]);
  const [error, setError] = useState<CoreError | undefined>();
  useEffect(() => {
    setSamples([]);
    setError(undefined);
    if (!connected) return undefined;
    let live = true;
    const unsub = api().subscribe('throughput.sample', { clusterId }, (s) => { if (live) setSamples((old) => mergeSamples(old, [s])); },
      (err) => { if (live) setError(toCoreError(err)); });
    api().call('throughput.history', { clusterId }).then(
      (h) => { if (live) setSamples((old) => mergeSamples(h, old)); },
      (err: unknown) => { if (live) setError(toCoreError(err)); },
    );
    return () => { live = false; unsub(); };
  }, [clusterId, connected]);
  return { samples, error };
}

export function ThroughputCard() {
  const clusterId = useActiveCluster();
  return clusterId === null ? null : <ThroughputView clusterId={clusterId} />;
}

function ThroughputView({ clusterId }: { clusterId: string }) {
  const { samples, error } = useThroughput(clusterId);
  const view = useMemo(() => throughputView(samples), [samples]);
  return (
    <section className="card" data-testid="throughput-card">
      <header className="card-header">
        <h2>Throughput</h2>
        <span className="card-sub">messages/s · sampled every 5 s · last 10 min</span>
      </header>
      {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
      {view.error !== null && <div className="inline-error" role="alert" data-testid="throughput-round-error">The last sample failed: {view.error}</div>}
      {!view.ready && (
        <div className="muted pad" data-testid="throughput-empty">
          Rates need two samples ({samples.length === 0 ? 'none yet' : 'one so far'}); the first appears about 5 s after the cluster connects.
        </div>
      )}
      {view.ready && (
        <>
          <table className="data-table sparkline-table">
            <thead><tr><th>Broker</th><th className="num">msg/s</th><th>Last 10 min</th></tr></thead>
            <tbody data-testid="throughput-brokers">
              {view.brokers.map((b) => <SparkRow key={b.id} line={b} testId={`tp-broker-${b.id}`} />)}
            </tbody>
          </table>
          <table className="data-table sparkline-table">
            <thead><tr><th>Topic (top 10 now)</th><th className="num">msg/s</th><th>Last 10 min</th></tr></thead>
            <tbody data-testid="throughput-topics">
              {view.topics.length === 0 && <tr><td colSpan={3} className="muted">No records produced in the last 10 minutes.</td></tr>}
              {view.topics.map((t) => <SparkRow key={t.id} line={t} testId={`tp-topic-${t.id}`} />)}
              {view.moreTopics > 0 && <tr><td colSpan={3} className="muted">{view.moreTopics} more topics with traffic now, not listed</td></tr>}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function SparkRow({ line, testId }: { line: Sparkline; testId: string }) {
  return (
    <tr data-testid={testId}>
      <td className="mono">{line.id}</td>
      <td className="num">{formatRate(line.current)}</td>
      <td className="sparkline-cell" data-points={line.points.length}>
        <LineChart data={line.points} width={180} height={28} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={[0, 'dataMax']} />
          <Line dataKey="rate" stroke="var(--chart-1)" strokeWidth={1.25} dot={false} isAnimationActive={false} type="linear" />
        </LineChart>
      </td>
    </tr>
  );
}
