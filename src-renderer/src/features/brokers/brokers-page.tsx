/**
 * The Brokers section: the active cluster's brokers (id, host:port, controller, rack, replicas hosted,
 * partitions led, log size) and its health (under-replicated and offline partitions, and which ones), from
 * `brokers.list`. It reads again on every throughput sample the core pushes (every 5 s, any cluster), so health
 * and log sizes follow the cluster without a renderer timer; on the local cluster also on cluster events, and it
 * lists the brokers that are down (Kafka's metadata leaves them out) with their state.
 */
import { useEffect } from 'react';
import type { BrokersOverview } from '../../../../src-main/contract/index.js';
import { formatBytes } from '../../lib/format.js';
import { EmptyState } from '../../components/layout/empty-state.js';
import { api } from '../../api/client.js';
import { useCoreQuery } from '../../api/use-core-query.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useActiveCluster } from '../../stores/use-active-cluster.js';
import { useLocalBrokers, useLocalClusterPulse, type LocalBrokerStatus } from '../local-cluster/index.js';
import '../../styles/tables.css';

export function BrokersPage() {
  const clusterId = useActiveCluster();
  if (clusterId === null) {
    return <EmptyState title="No cluster selected" testId="empty-brokers">Choose a cluster in the sidebar to see its brokers.</EmptyState>;
  }
  return <BrokersView clusterId={clusterId} />;
}

/** The same health and brokers cards on the Overview, for the active cluster (nothing when none is chosen). */
export function ClusterOverviewCards() {
  const clusterId = useActiveCluster();
  return clusterId === null ? null : <BrokersView clusterId={clusterId} />;
}

function BrokersView({ clusterId }: { clusterId: string }) {
  const { data, error, loading, reload } = useCoreQuery('brokers.list', { clusterId });
  const { pulse } = useLocalClusterPulse(clusterId);
  useEffect(() => { if (pulse > 0) reload(); }, [pulse, reload]);
  const connectedAt = useConnectionStore((s) => s.connectedAt);
  useEffect(() => (connectedAt === 0 ? undefined
    : api().subscribe('throughput.sample', { clusterId }, () => reload(), () => undefined)), [connectedAt, clusterId, reload]);
  const local = useLocalBrokers(clusterId, pulse);
  return (
    <div className="stack">
      <section className="card" data-testid="cluster-health">
        <header className="card-header">
          <h2>Health</h2>
          <span className="card-sub">{data ? `cluster id ${data.clusterId ?? 'unknown'}` : clusterId}</span>
          <span className="spacer" />
          <button type="button" className="btn btn-ghost" onClick={reload} disabled={loading}>Refresh</button>
        </header>
        {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
        {!data && !error && <div className="muted pad">Loading…</div>}
        {data && (
          <dl className="stats">
            <div><dt>Brokers</dt><dd>{data.brokers.length}</dd></div>
            <div><dt>Controller</dt><dd data-testid="health-controller">{data.controllerId < 0 ? 'none' : data.controllerId}</dd></div>
            <div><dt>Topics</dt><dd>{data.health.topics}</dd></div>
            <div><dt>Partitions</dt><dd>{data.health.partitions}</dd></div>
            <div><dt>Under-replicated</dt><dd data-testid="health-urp" className={data.health.underReplicated > 0 ? 'warn' : 'ok'}>{data.health.underReplicated}</dd></div>
            <div><dt>Offline</dt><dd data-testid="health-offline" className={data.health.offline > 0 ? 'danger' : 'ok'}>{data.health.offline}</dd></div>
          </dl>
        )}
        {data && data.health.problems.length > 0 && <Problems health={data.health} />}
      </section>
      {data && (
        <section className="card">
          <header className="card-header"><h2>Brokers</h2></header>
          <table className="data-table" data-testid="brokers-table">
            <thead><tr><th className="num">ID</th><th>Host:port</th><th>Controller</th><th>Rack</th><th className="num">Partitions</th><th className="num">Leaders</th><th className="num">Log size</th></tr></thead>
            <tbody>
              {data.brokers.map((b) => (
                <tr key={b.nodeId} data-testid={`broker-${b.nodeId}`}>
                  <td className="num mono">{b.nodeId}</td>
                  <td className="mono">{b.host}:{b.port}</td>
                  <td>{b.controller ? <span className="badge badge-accent">controller</span> : ''}</td>
                  <td className={b.rack === null ? 'muted' : ''} title={b.rack === null ? 'no broker.rack set' : undefined}>{b.rack ?? '—'}</td>
                  <td className="num">{b.partitions}</td>
                  <td className="num">{b.leaders}</td>
                  <LogSizeCell bytes={b.logSizeBytes} error={b.logSizeError} />
                </tr>
              ))}
              {downBrokers(data, local).map((b) => (
                <tr key={b.nodeId} data-testid={`broker-${b.nodeId}`} className="row-down">
                  <td className="num mono">{b.nodeId}</td>
                  <td className="mono">{b.host}:{b.port}</td>
                  <td colSpan={5}><span className="badge badge-warn">{b.state}</span> <span className="muted">not in the cluster metadata while it is down</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** The broker's DescribeLogDirs total; unknown shows a dash with the broker's reason as its tooltip. */
function LogSizeCell({ bytes, error }: { bytes: bigint | null; error?: string }) {
  if (bytes === null) return <td className="num muted" title={error ?? 'unknown'} data-testid="log-size-unknown">—</td>;
  return <td className="num" title={error === undefined ? `${bytes} bytes` : `${bytes} bytes (partial: ${error})`}>{formatBytes(Number(bytes))}</td>;
}

/** Local brokers the control knows but the metadata does not list (stopped, killed, fenced ones). */
function downBrokers(data: BrokersOverview, local: LocalBrokerStatus[] | undefined): LocalBrokerStatus[] {
  if (local === undefined) return [];
  const listed = new Set(data.brokers.map((b) => b.nodeId));
  return local.filter((b) => !listed.has(b.nodeId));
}

function Problems({ health }: { health: BrokersOverview['health'] }) {
  return (
    <table className="data-table" data-testid="health-problems">
      <thead><tr><th>Partition</th><th>State</th><th className="num">Leader</th><th>Replicas</th><th>In-sync</th></tr></thead>
      <tbody>
        {health.problems.map((p) => (
          <tr key={`${p.topic}-${p.partition}`} data-testid={`problem-${p.topic}-${p.partition}`}>
            <td className="mono">{p.topic}-{p.partition}</td>
            <td>{p.offline ? <span className="badge badge-danger-solid">offline</span> : <span className="badge badge-warn">under-replicated</span>}</td>
            <td className={`num mono${p.leader < 0 ? ' danger' : ''}`}>{p.leader < 0 ? 'none' : p.leader}</td>
            <td>{p.replicas.map((r) => <span key={r} className={`replica${p.isr.includes(r) ? '' : ' out-of-sync'}`}>{r}</span>)}</td>
            <td className="mono">{p.isr.length === 0 ? <span className="danger">none</span> : p.isr.join(', ')}</td>
          </tr>
        ))}
        {health.problemsTotal > health.problems.length && (
          <tr><td colSpan={5} className="muted">{health.problemsTotal - health.problems.length} more not listed</td></tr>
        )}
      </tbody>
    </table>
  );
}
