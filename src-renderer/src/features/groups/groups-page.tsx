/**
 * The Consumer Groups section: the list (state, members, topics, total lag; live figures from the core's lag
 * samples) and, for the selected group, its detail. Nothing is invented: an unreachable cluster says so.
 * The selected group is mirrored in the hash (`#/groups/<id>`), so other screens (a topic's Consumers tab) can
 * open a group directly.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { EmptyState } from '../../components/layout/empty-state.js';
import { GroupDetailView } from './group-detail.js';
import { StateBadge } from './state-badge.js';
import { latestGroup, showOffset } from './lag-data.js';
import { useLagStore } from './lag-store.js';
import { useClusterId, useGroupList, useLagStream } from './use-groups.js';
import { groupFromHash, groupHash, sectionHash } from '../../lib/paths.js';
import './groups.css';

export function GroupsPage() {
  const clusterId = useClusterId();
  // A group in the hash belongs to the cluster it was opened on: switching clusters goes back to the list.
  const shown = useRef(clusterId);
  useEffect(() => {
    if (shown.current !== clusterId && groupFromHash(window.location.hash) !== null) window.location.hash = sectionHash('groups');
    shown.current = clusterId;
  }, [clusterId]);
  if (clusterId === null) {
    return (
      <EmptyState title="No consumer groups to show" testId="empty-groups">
        Pick a cluster in the sidebar (the local cluster appears there once it runs); its groups, their members
        and lag are listed here.
      </EmptyState>
    );
  }
  return <ClusterGroups key={clusterId} clusterId={clusterId} />;
}

function ClusterGroups({ clusterId }: { clusterId: string }) {
  useLagStream(clusterId);
  // Keyed by cluster; the selection starts from the hash and follows it (links, back and forward).
  const [selected, setSelected] = useState<string | null>(() => groupFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => setSelected(groupFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const select = (id: string | null) => {
    setSelected(id);
    const hash = id === null ? sectionHash('groups') : groupHash(id);
    if (window.location.hash !== hash) window.location.hash = hash;
  };
  if (selected !== null) {
    return <GroupDetailView clusterId={clusterId} groupId={selected} onBack={() => select(null)} onDeleted={() => select(null)} />;
  }
  return <GroupsList clusterId={clusterId} onOpen={select} />;
}

function GroupsList({ clusterId, onOpen }: { clusterId: string; onOpen(id: string): void }) {
  const { data, error, loading, reload } = useGroupList(clusterId);
  const samples = useLagStore((s) => s.samples);
  const last = samples.at(-1);
  // A group that appeared or vanished since the list was read (seen in the live samples) reloads the list.
  const sampledIds = last && last.error === undefined ? last.groups.map((g) => g.groupId).sort().join('\n') : undefined;
  const listedIds = useMemo(() => data?.map((g) => g.groupId).sort().join('\n'), [data]);
  useEffect(() => {
    if (sampledIds !== undefined && listedIds !== undefined && sampledIds !== listedIds && !loading) reload();
  }, [sampledIds, listedIds, loading, reload]);

  return (
    <section className="card groups" data-testid="groups-list">
      <header className="card-header">
        <h2>Consumer groups</h2>
        <span className="card-sub">{data ? `${data.length} group${data.length === 1 ? '' : 's'}` : ''} · lag sampled by the core every 5 s</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={reload} disabled={loading}>Refresh</button>
      </header>
      {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
      {last?.error && <div className="inline-error" role="alert">Lag sampling failed: {last.error}</div>}
      {data && data.length === 0 && (
        <EmptyState title="No consumer groups on this cluster" testId="no-groups">
          A group appears here once a consumer joins it or commits offsets (for example
          <span className="mono"> kcat -b … -G my-group my-topic</span>).
        </EmptyState>
      )}
      {data && data.length > 0 && (
        <table className="data-table" data-testid="groups-table">
          <thead>
            <tr><th>Group</th><th>State</th><th className="num">Members</th><th>Topics</th><th className="num">Total lag</th></tr>
          </thead>
          <tbody>
            {data.map((g) => {
              const live = latestGroup(samples, g.groupId);
              const lag = live ? live.totalLag : g.totalLag;
              return (
                <tr key={g.groupId} data-testid={`group-row-${g.groupId}`} className="clickable" onClick={() => onOpen(g.groupId)}>
                  <td><button type="button" className="link" onClick={(e) => { e.stopPropagation(); onOpen(g.groupId); }}>{g.groupId}</button></td>
                  <td><StateBadge state={live?.state ?? g.state} /></td>
                  <td className="num">{live?.members ?? g.members}</td>
                  <td>{g.topics.join(', ') || <span className="muted">none committed</span>}</td>
                  <td className="num mono" data-testid="group-lag">{showOffset(lag)}{g.uncommitted > 0 && <span className="muted" title="Partitions without a commit: lag unknown"> (+{g.uncommitted} uncommitted)</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
