/**
 * Replication internals per partition, as each leader sees them: every replica's log end offset, lag behind
 * the leader, when it last caught up, whether it is in the ISR and why not; the high watermark and the
 * leader epoch history. Fed by `localCluster.replication`, reloaded on cluster events by the page.
 */
import { useMemo, useState } from 'react';
import type { CoreError } from '../../lib/core-error.js';
import { formatDuration } from '../../lib/format.js';
import { useNow } from '../../lib/use-now.js';
import type { PartitionReplication, ReplicaStatus } from './types.js';

const isInternal = (t: string) => t.startsWith('__');

function CaughtUp({ r, leader }: { r: ReplicaStatus; leader: boolean }) {
  const now = useNow(1000);
  if (leader) return <span className="muted">leader</span>;
  if (r.lastCaughtUpTimeMs === null) return <span className="warn">never</span>;
  return <span title={new Date(r.lastCaughtUpTimeMs).toISOString()}>{formatDuration(Math.max(0, now - r.lastCaughtUpTimeMs))} ago</span>;
}

export function topicsOf(rows: readonly PartitionReplication[], internal: boolean): string[] {
  return [...new Set(rows.map((r) => r.topic))].filter((t) => internal || !isInternal(t)).sort();
}

export function ReplicationView({ rows, error }: { rows: PartitionReplication[] | undefined; error?: CoreError }) {
  const [internal, setInternal] = useState(false);
  const [picked, setPicked] = useState('');
  const topics = useMemo(() => topicsOf(rows ?? [], internal), [rows, internal]);
  const topic = topics.includes(picked) ? picked : (topics[0] ?? '');
  const parts = useMemo(() => (rows ?? []).filter((r) => r.topic === topic).sort((a, b) => a.partition - b.partition), [rows, topic]);
  return (
    <section className="card" data-testid="replication-view">
      <header className="card-header">
        <h2>Replication</h2>
        <span className="card-sub">as each partition's leader sees it</span>
        <span className="spacer" />
        <label className="inline-check"><input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> Internal topics</label>
        <select aria-label="Replication topic" value={topic} onChange={(e) => setPicked(e.target.value)} disabled={topics.length === 0}>
          {topics.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </header>
      {error && <div className="inline-error" role="alert">Could not read replication state: {error.message} ({error.code}). It reloads on the next cluster event.</div>}
      {rows === undefined && !error && <div className="muted pad">Loading…</div>}
      {rows !== undefined && topics.length === 0 && <div className="muted pad" data-testid="replication-empty">No topics yet: create one (RF 3 shows replication best).</div>}
      {parts.length > 0 && (
        <table className="data-table" data-testid="replication-table">
          <thead><tr>
            <th className="num">Partition</th><th className="num">Replica</th><th className="num">Log end</th><th className="num">Lag</th>
            <th>Last caught up</th><th>In ISR</th><th>Why out of sync</th>
          </tr></thead>
          <tbody>
            {parts.flatMap((p) => p.replicas.map((r, i) => {
              const leader = r.nodeId === p.leader;
              return (
                <tr key={`${p.partition}-${r.nodeId}`} data-testid={`repl-${p.partition}-${r.nodeId}`} className={r.inIsr ? '' : 'row-out-of-sync'}>
                  {i === 0 && (
                    <td className="num mono partition-cell" rowSpan={p.replicas.length}>
                      <div>{p.partition}</div>
                      <div className="muted small">leader {p.leader < 0 ? 'none' : p.leader} · epoch {p.leaderEpoch}</div>
                      <div className="muted small">HW {p.highWatermark.toString()}</div>
                      <div className="muted small" title="leader epoch history: epoch@start offset" data-testid={`epochs-${p.partition}`}>
                        {p.epochHistory.map((h) => `${h.epoch}@${h.startOffset.toString()}`).join(' ') || 'no epochs'}
                      </div>
                    </td>
                  )}
                  <td className="num mono">{r.nodeId}{leader && <span className="badge badge-accent leader-mark">leader</span>}</td>
                  {/* A new leader knows a follower's LEO only from its first fetch: -1 until then. */}
                  <td className="num mono" title={r.logEndOffset < 0n ? 'not fetched from this leader yet' : undefined}>{r.logEndOffset < 0n ? <span className="muted">unknown</span> : r.logEndOffset.toString()}</td>
                  <td className={`num mono${r.lag > 0n ? ' warn' : ''}`}>{r.logEndOffset < 0n ? <span className="muted">—</span> : r.lag.toString()}</td>
                  <td><CaughtUp r={r} leader={leader} /></td>
                  <td>{r.inIsr ? <span className="ok">yes</span> : <span className="danger">no</span>}</td>
                  <td className="why">{r.inIsr ? <span className="muted">—</span> : (r.outOfSyncReason ?? <span className="muted">not known</span>)}</td>
                </tr>
              );
            }))}
          </tbody>
        </table>
      )}
    </section>
  );
}
