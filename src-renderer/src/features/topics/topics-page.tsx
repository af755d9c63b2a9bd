/**
 * The Topics section for the active cluster: a searchable, virtualized list with a create dialog, or the
 * detail of the topic opened from it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCoreQuery } from '../../api/use-core-query.js';
import { EmptyState } from '../../components/layout/empty-state.js';
import { useActiveCluster } from '../../stores/use-active-cluster.js';
import { filterTopics } from './filter-topics.js';
import { CreateTopicDialog } from './topic-dialogs.js';
import { TopicDetail } from './topic-detail.js';
import { TopicList } from './topic-list.js';
import { useTopicsStore } from './topics-store.js';
import '../../styles/tables.css';

export function TopicsPage() {
  const clusterId = useActiveCluster();
  const selected = useTopicsStore((s) => s.selected);
  const open = useTopicsStore((s) => s.open);
  if (clusterId === null) {
    return <EmptyState title="No cluster selected" testId="empty-topics">Choose a cluster in the sidebar to see its topics.</EmptyState>;
  }
  if (selected !== null) return <TopicDetail clusterId={clusterId} topic={selected} onBack={() => open(null)} />;
  return <TopicsView clusterId={clusterId} onOpen={open} />;
}

/**
 * A performance mark when a topic list first reaches the render, so the UI bench can time the render alone
 * (mark -> list painted) apart from the fetch.
 */
function useDataMark(data: unknown): void {
  const seen = useRef<unknown>(undefined);
  if (data !== undefined && data !== seen.current) {
    seen.current = data;
    performance.mark('tidepool:topics-data');
  }
}

function TopicsView({ clusterId, onOpen }: { clusterId: string; onOpen(name: string): void }) {
  const fresh = useCoreQuery('topics.list', { clusterId });
  const cached = useTopicsStore((s) => s.lastList[clusterId]);
  const remember = useTopicsStore((s) => s.remember);
  useEffect(() => { if (fresh.data) remember(clusterId, fresh.data); }, [clusterId, fresh.data, remember]);
  // The last list is shown while a fresh one loads (stale-while-revalidate); errors still show.
  const data = fresh.data ?? cached;
  const { error, loading, reload } = fresh;
  useDataMark(data);
  const query = useTopicsStore((s) => s.query);
  const setQuery = useTopicsStore((s) => s.setQuery);
  const [showInternal, setShowInternal] = useState(false);
  const [creating, setCreating] = useState(false);
  const rows = useMemo(() => filterTopics(data ?? [], query, showInternal), [data, query, showInternal]);
  const names = useMemo(() => new Set((data ?? []).map((t) => t.name)), [data]);
  return (
    <section className="card" data-testid="topics-page">
      <header className="card-header">
        <h2>Topics</h2>
        <span className="card-sub" data-testid="topics-count">{data ? `${rows.length} of ${data.length}` : ''}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={reload} disabled={loading}>Refresh</button>
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>Create topic</button>
      </header>
      <div className="toolbar">
        <input type="search" placeholder="Search topics" aria-label="Search topics" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label><input type="checkbox" checked={showInternal} onChange={(e) => setShowInternal(e.target.checked)} /> Show internal topics</label>
      </div>
      {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
      {!data && !error && <div className="muted pad">Loading…</div>}
      {data && rows.length === 0 && <div className="muted pad" data-testid="no-topics">{data.length === 0 ? 'This cluster has no topics yet. Create one.' : 'No topic matches the search.'}</div>}
      {data && rows.length > 0 && <TopicList clusterId={clusterId} rows={rows} onOpen={onOpen} />}
      {creating && (
        <CreateTopicDialog clusterId={clusterId} existing={names} onClose={() => setCreating(false)}
          onCreated={() => { setCreating(false); reload(); }} />
      )}
    </section>
  );
}
