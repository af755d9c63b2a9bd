/**
 * One topic: the Partitions tab (partitions-table.tsx; kept live by the local cluster's events) and the
 * Config tab (values that differ from the default highlighted, with their source). Delete and add
 * partitions start here.
 */
import { useEffect, useState } from 'react';
import { useCoreQuery } from '../../api/use-core-query.js';
import { useLocalClusterPulse } from '../local-cluster/index.js';
import { PartitionsTable } from './partitions-table.js';
import { AddPartitionsDialog, DeleteTopicDialog } from './topic-dialogs.js';

type Tab = 'partitions' | 'config';

export function TopicDetail({ clusterId, topic, onBack }: { clusterId: string; topic: string; onBack(): void }) {
  const [tab, setTab] = useState<Tab>('partitions');
  const [dialog, setDialog] = useState<'delete' | 'partitions' | null>(null);
  const q = useCoreQuery('topics.describe', { clusterId, topic });
  // On the local cluster, leader moves and ISR changes reload the partitions as they happen.
  const { pulse, replication } = useLocalClusterPulse(clusterId, topic);
  const { reload } = q;
  useEffect(() => { if (pulse > 0) reload(); }, [pulse, reload]);
  return (
    <section className="card" data-testid="topic-detail">
      <header className="card-header">
        <button type="button" className="btn btn-ghost" onClick={onBack} aria-label="Back to topics">← Topics</button>
        <h2 className="mono">{topic}</h2>
        {q.data && <span className="card-sub">{q.data.partitions.length} partitions · RF {q.data.replicationFactor} · {String(q.data.messages)} messages</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={q.reload} disabled={q.loading}>Refresh</button>
        <button type="button" className="btn" onClick={() => setDialog('partitions')} disabled={!q.data}>Add partitions</button>
        <button type="button" className="btn btn-danger" onClick={() => setDialog('delete')}>Delete…</button>
      </header>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" className="tab" aria-selected={tab === 'partitions'} onClick={() => setTab('partitions')}>Partitions</button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'config'} onClick={() => setTab('config')}>Config</button>
      </div>
      {q.error && <div className="inline-error" role="alert">{q.error.code}: {q.error.message}</div>}
      {tab === 'partitions' && q.data && <PartitionsTable rows={q.data.partitions} replication={replication} />}
      {tab === 'partitions' && !q.data && !q.error && <div className="muted pad">Loading…</div>}
      {tab === 'config' && <ConfigTable clusterId={clusterId} topic={topic} />}
      {dialog === 'delete' && <DeleteTopicDialog clusterId={clusterId} topic={topic} onClose={() => setDialog(null)} onDeleted={() => { setDialog(null); onBack(); }} />}
      {dialog === 'partitions' && q.data && (
        <AddPartitionsDialog clusterId={clusterId} topic={topic} current={q.data.partitions.length}
          onClose={() => setDialog(null)} onDone={() => { setDialog(null); q.reload(); }} />
      )}
    </section>
  );
}

function ConfigTable({ clusterId, topic }: { clusterId: string; topic: string }) {
  const q = useCoreQuery('topics.configs', { clusterId, topic });
  const [onlyChanged, setOnlyChanged] = useState(false);
  if (q.error) return <div className="inline-error" role="alert">{q.error.code}: {q.error.message}</div>;
  if (!q.data) return <div className="muted pad">Loading…</div>;
  // Values that differ from the default first: they are what people look for.
  const rows = (onlyChanged ? q.data.filter((c) => !c.isDefault) : q.data)
    .slice().sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || a.name.localeCompare(b.name));
  return (
    <>
      <div className="toolbar">
        <label><input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} /> Only values that differ from the default</label>
        <span className="muted">{q.data.filter((c) => !c.isDefault).length} changed of {q.data.length}</span>
      </div>
      <table className="data-table" data-testid="config-table">
        <thead><tr><th>Name</th><th>Value</th><th>Source</th></tr></thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.name} className={c.isDefault ? '' : 'row-nondefault'} data-testid={`config-${c.name}`} data-default={c.isDefault}>
              <td className="mono">{c.name}</td>
              <td className="mono">{c.isSensitive ? <span className="muted">(hidden)</span> : (c.value ?? <span className="muted">null</span>)}</td>
              <td>{c.isDefault ? <span className="muted">{c.source}</span> : <span className="badge badge-accent">{c.source}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
