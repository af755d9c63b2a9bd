/**
 * The cluster switcher at the top of the sidebar. With no profiles it says so plainly: the embedded
 * local cluster appears here once the broker exists; nothing is faked in the meantime.
 */
import { useEffect } from 'react';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useClusters } from './use-clusters.js';

export function ClusterSwitcher() {
  const { data, error, loading } = useClusters();
  const active = useConnectionStore((s) => s.activeClusterId);
  const select = useConnectionStore((s) => s.selectCluster);

  useEffect(() => {
    if (data && data.length > 0 && !data.some((c) => c.id === active)) select(data[0]!.id);
  }, [data, active, select]);

  if (error) {
    return <div className="cluster-switcher error" data-testid="cluster-switcher">Could not list clusters: {error.message}</div>;
  }
  if (!data) {
    return <div className="cluster-switcher muted" data-testid="cluster-switcher">{loading ? 'Loading clusters…' : 'Waiting for the core…'}</div>;
  }
  if (data.length === 0) {
    return (
      <div className="cluster-switcher empty" data-testid="cluster-switcher">
        <div className="cluster-empty-title">No clusters yet</div>
        <div className="cluster-empty-hint">The embedded local cluster appears here once the broker arrives.</div>
      </div>
    );
  }
  return (
    <label className="cluster-switcher" data-testid="cluster-switcher">
      <span className="sidebar-heading">Cluster</span>
      <select value={active ?? ''} onChange={(e) => select(e.target.value)} aria-label="Active cluster">
        {data.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.status})</option>)}
      </select>
    </label>
  );
}
