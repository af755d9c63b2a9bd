/**
 * One topic: the Messages tab (the message browser, features/messages), the Partitions tab (leader, replicas and
 * ISR with out-of-sync replicas highlighted, log start and end offsets printed from bigint) and the Config tab
 * (topic-config.tsx: values with their source, edit, reset). Delete, purge, add partitions and "Produce…" (opens
 * the Producer on this topic) start here.
 */
import { useState } from 'react';
import { useCoreQuery } from '../../api/use-core-query.js';
import type { TopicPartitionRow } from '../../../../src-main/contract/index.js';
import { AddPartitionsDialog, DeleteTopicDialog } from './topic-dialogs.js';
import { ConfigTable } from './topic-config.js';
import { PurgeDialog } from './topic-purge.js';
import { useProducerStore } from '../producer/index.js';
import { sectionHash } from '../../lib/paths.js';
import { MessagesTab } from '../messages/index.js';

type Tab = 'messages' | 'partitions' | 'config';

export function TopicDetail({ clusterId, topic, onBack }: { clusterId: string; topic: string; onBack(): void }) {
  const [tab, setTab] = useState<Tab>('partitions');
  const [dialog, setDialog] = useState<'delete' | 'partitions' | 'purge' | null>(null);
  const [purged, setPurged] = useState<string | null>(null);
  const produceTo = useProducerStore((s) => s.patch);
  const q = useCoreQuery('topics.describe', { clusterId, topic });
  return (
    <section className="card" data-testid="topic-detail">
      <header className="card-header">
        <button type="button" className="btn btn-ghost" onClick={onBack} aria-label="Back to topics">← Topics</button>
        <h2 className="mono">{topic}</h2>
        {q.data && <span className="card-sub">{q.data.partitions.length} partitions · RF {q.data.replicationFactor} · {String(q.data.messages)} messages</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={q.reload} disabled={q.loading}>Refresh</button>
        <button type="button" className="btn" onClick={() => { produceTo({ topic, partition: 'auto' }); window.location.hash = sectionHash('producer'); }}>Produce…</button>
        <button type="button" className="btn" onClick={() => setDialog('partitions')} disabled={!q.data}>Add partitions</button>
        <button type="button" className="btn btn-danger" onClick={() => setDialog('purge')} disabled={!q.data} data-testid="purge-open">Purge…</button>
        <button type="button" className="btn btn-danger" onClick={() => setDialog('delete')}>Delete…</button>
      </header>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" className="tab" aria-selected={tab === 'messages'} onClick={() => setTab('messages')}>Messages</button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'partitions'} onClick={() => setTab('partitions')}>Partitions</button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'config'} onClick={() => setTab('config')}>Config</button>
      </div>
      {q.error && <div className="inline-error" role="alert">{q.error.code}: {q.error.message}</div>}
      {purged && <div className="inline-note" role="status" data-testid="purge-result">{purged}</div>}
      {tab === 'partitions' && q.data && <PartitionsTable rows={q.data.partitions} />}
      {tab === 'partitions' && !q.data && !q.error && <div className="muted pad">Loading…</div>}
      {tab === 'messages' && q.data && <MessagesTab clusterId={clusterId} topic={topic} partitions={q.data.partitions.length} />}
      {tab === 'messages' && !q.data && !q.error && <div className="muted pad">Loading…</div>}
      {tab === 'config' && <ConfigTable clusterId={clusterId} topic={topic} />}
      {dialog === 'delete' && <DeleteTopicDialog clusterId={clusterId} topic={topic} onClose={() => setDialog(null)} onDeleted={() => { setDialog(null); onBack(); }} />}
      {dialog === 'purge' && q.data && (
        <PurgeDialog clusterId={clusterId} topic={topic} partitions={q.data.partitions} onClose={() => setDialog(null)}
          onDone={(r) => { setDialog(null); setPurged(`Purged ${r.partitions.length} partition${r.partitions.length === 1 ? '' : 's'}: log start now ${r.partitions.map((p) => `${p.partition}→${p.logStartOffset.toString()}`).join(', ')}.`); q.reload(); }} />
      )}
      {dialog === 'partitions' && q.data && (
        <AddPartitionsDialog clusterId={clusterId} topic={topic} current={q.data.partitions.length}
          onClose={() => setDialog(null)} onDone={() => { setDialog(null); q.reload(); }} />
      )}
    </section>
  );
}

function Replicas({ ids, outOfSync }: { ids: number[]; outOfSync: number[] }) {
  return <>{ids.map((id) => (
    <span key={id} className={`replica${outOfSync.includes(id) ? ' out-of-sync' : ''}`} title={outOfSync.includes(id) ? 'out of sync' : undefined}>{id}</span>
  ))}</>;
}

export function PartitionsTable({ rows }: { rows: TopicPartitionRow[] }) {
  return (
    <table className="data-table" data-testid="partitions-table">
      <thead><tr>
        <th className="num">Partition</th><th className="num">Leader</th><th>Replicas</th><th>In-sync</th><th>Out of sync</th>
        <th className="num">Log start</th><th className="num">Log end</th>
      </tr></thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.partition} data-testid={`partition-${p.partition}`}>
            <td className="num mono">{p.partition}</td>
            <td className={`num mono${p.leader < 0 ? ' danger' : ''}`}>{p.leader < 0 ? 'none (offline)' : p.leader}</td>
            <td><Replicas ids={p.replicas} outOfSync={p.outOfSync} /></td>
            <td><Replicas ids={p.isr} outOfSync={[]} /></td>
            <td data-testid={`oos-${p.partition}`}>{p.outOfSync.length === 0 ? <span className="muted">—</span> : <Replicas ids={p.outOfSync} outOfSync={p.outOfSync} />}</td>
            <td className="num mono">{p.logStartOffset.toString()}</td>
            <td className="num mono">{p.logEndOffset.toString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
