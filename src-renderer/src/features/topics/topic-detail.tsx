/**
 * One topic: the Messages tab (the message browser, features/messages), the Partitions tab
 * (partitions-table.tsx; kept live by the local cluster's events), the Consumers tab (topic-consumers.tsx: the
 * groups reading it, with lag) and the Config tab (topic-config.tsx: values with their source, edit, reset). Delete, purge, add partitions and "Produce…" (opens the Producer on this
 * topic) start here.
 */
import { useEffect, useState } from 'react';
import { useCoreQuery } from '../../api/use-core-query.js';
import { useLocalClusterPulse } from '../local-cluster/index.js';
import { PartitionsTable } from './partitions-table.js';
import { AddPartitionsDialog, DeleteTopicDialog } from './topic-dialogs.js';
import { ConfigTable } from './topic-config.js';
import { ConsumersTab } from './topic-consumers.js';
import { PurgeDialog } from './topic-purge.js';
import { useProducerStore } from '../producer/index.js';
import { sectionHash } from '../../lib/paths.js';
import { MessagesTab } from '../messages/index.js';

type Tab = 'messages' | 'partitions' | 'consumers' | 'config';

export function TopicDetail({ clusterId, topic, onBack }: { clusterId: string; topic: string; onBack(): void }) {
  const [tab, setTab] = useState<Tab>('partitions');
  const [dialog, setDialog] = useState<'delete' | 'partitions' | 'purge' | null>(null);
  const [purged, setPurged] = useState<string | null>(null);
  const produceTo = useProducerStore((s) => s.patch);
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
        <button type="button" className="btn" onClick={() => { produceTo({ topic, partition: 'auto' }); window.location.hash = sectionHash('producer'); }}>Produce…</button>
        <button type="button" className="btn" onClick={() => setDialog('partitions')} disabled={!q.data}>Add partitions</button>
        <button type="button" className="btn btn-danger" onClick={() => setDialog('purge')} disabled={!q.data} data-testid="purge-open">Purge…</button>
        <button type="button" className="btn btn-danger" onClick={() => setDialog('delete')}>Delete…</button>
      </header>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" className="tab" aria-selected={tab === 'messages'} onClick={() => setTab('messages')}>Messages</button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'partitions'} onClick={() => setTab('partitions')}>Partitions</button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'consumers'} onClick={() => setTab('consumers')}>Consumers</button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'config'} onClick={() => setTab('config')}>Config</button>
      </div>
      {q.error && <div className="inline-error" role="alert">{q.error.code}: {q.error.message}</div>}
      {purged && <div className="inline-note" role="status" data-testid="purge-result">{purged}</div>}
      {tab === 'partitions' && q.data && <PartitionsTable rows={q.data.partitions} replication={replication} />}
      {tab === 'partitions' && !q.data && !q.error && <div className="muted pad">Loading…</div>}
      {tab === 'messages' && q.data && <MessagesTab clusterId={clusterId} topic={topic} partitions={q.data.partitions.length} />}
      {tab === 'messages' && !q.data && !q.error && <div className="muted pad">Loading…</div>}
      {tab === 'consumers' && <ConsumersTab clusterId={clusterId} topic={topic} />}
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
