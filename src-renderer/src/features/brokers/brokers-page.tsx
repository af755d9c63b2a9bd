/**
 * The Brokers section: the active cluster's brokers (id, host:port, controller, rack, replicas hosted,
 * partitions led) and its health (under-replicated and offline partitions), from `brokers.list`.
 */
import { EmptyState } from '../../components/layout/empty-state.js';
import { useCoreQuery } from '../../api/use-core-query.js';
import { useActiveCluster } from '../../stores/use-active-cluster.js';
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
            <div><dt>Controller</dt><dd>{data.controllerId}</dd></div>
            <div><dt>Topics</dt><dd>{data.health.topics}</dd></div>
            <div><dt>Partitions</dt><dd>{data.health.partitions}</dd></div>
            <div><dt>Under-replicated</dt><dd data-testid="health-urp" className={data.health.underReplicated > 0 ? 'warn' : 'ok'}>{data.health.underReplicated}</dd></div>
            <div><dt>Offline</dt><dd data-testid="health-offline" className={data.health.offline > 0 ? 'danger' : 'ok'}>{data.health.offline}</dd></div>
          </dl>
        )}
      </section>
      {data && (
        <section className="card">
          <header className="card-header"><h2>Brokers</h2></header>
          <table className="data-table" data-testid="brokers-table">
            <thead><tr><th className="num">ID</th><th>Host:port</th><th>Controller</th><th>Rack</th><th className="num">Partitions</th><th className="num">Leaders</th></tr></thead>
            <tbody>
              {data.brokers.map((b) => (
                <tr key={b.nodeId} data-testid={`broker-${b.nodeId}`}>
                  <td className="num mono">{b.nodeId}</td>
                  <td className="mono">{b.host}:{b.port}</td>
                  <td>{b.controller ? <span className="badge badge-accent">controller</span> : ''}</td>
                  <td className={b.rack === null ? 'muted' : ''}>{b.rack ?? '—'}</td>
                  <td className="num">{b.partitions}</td>
                  <td className="num">{b.leaders}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
