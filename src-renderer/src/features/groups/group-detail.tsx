/**
 * One consumer group: members and their assignments, per partition the committed offset, end offset and lag
 * (refreshed on every lag sample the core pushes), the lag-over-time chart, and the reset / delete actions.
 */
import { useEffect, useMemo, useState } from 'react';
import { TimeSeriesChart, type SeriesConfig } from '../../components/charts/index.js';
import { DeleteGroupDialog, ResetOffsetsDialog } from './group-actions.js';
import { StateBadge } from './state-badge.js';
import { lagRows, latestGroup, showOffset, type LagRow } from './lag-data.js';
import { useLagStore } from './lag-store.js';
import { useGroupDetail } from './use-groups.js';

const SERIES: SeriesConfig<LagRow>[] = [{ key: 'lag', label: 'Total lag (offsets)', color: 'var(--chart-1)' }];

export interface GroupDetailProps {
  clusterId: string;
  groupId: string;
  onBack(): void;
  onDeleted(): void;
  chartWidth?: number;
}

export function GroupDetailView({ clusterId, groupId, onBack, onDeleted, chartWidth }: GroupDetailProps) {
  const { data, error, reload } = useGroupDetail(clusterId, groupId);
  const samples = useLagStore((s) => s.samples);
  const rows = useMemo(() => lagRows(samples, groupId), [samples, groupId]);
  const live = latestGroup(samples, groupId);
  const lastTime = samples.at(-1)?.time;
  const [dialog, setDialog] = useState<'reset' | 'delete' | null>(null);
  // The core pushes a lag sample every few seconds: re-read the offsets with it, so the table is live too.
  useEffect(() => { if (lastTime !== undefined) reload(); }, [lastTime, reload]);

  return (
    <div className="group-detail" data-testid="group-detail">
      <section className="card">
        <header className="card-header">
          <button type="button" className="btn btn-ghost" onClick={onBack}>← Groups</button>
          <h2 className="mono" data-testid="group-title">{groupId}</h2>
          {data && <StateBadge state={live?.state ?? data.state} />}
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => setDialog('reset')} disabled={!data}>Reset offsets…</button>
          <button type="button" className="btn btn-danger" onClick={() => setDialog('delete')} disabled={!data}>Delete group…</button>
        </header>
        {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
        {data && (
          <dl className="stats">
            <div><dt>Members</dt><dd>{live?.members ?? data.members.length}</dd></div>
            <div><dt>Total lag</dt><dd className="mono" data-testid="detail-total-lag">{showOffset(live?.totalLag ?? data.totalLag)}</dd></div>
            <div><dt>Topics</dt><dd>{data.topics.length}</dd></div>
            <div><dt>Uncommitted</dt><dd title="Partitions without a commit: their lag is unknown">{data.uncommitted}</dd></div>
            <div><dt>Assignor</dt><dd>{data.protocol || '–'}</dd></div>
          </dl>
        )}
        <div className="chart-caption muted">Lag over time: offsets, not records (transaction markers and compacted gaps count).</div>
        <TimeSeriesChart data={rows} series={SERIES} height={200} width={chartWidth} testId="lag-chart" curve="linear" />
      </section>

      {data && (
        <section className="card">
          <header className="card-header"><h2>Members</h2><span className="card-sub">{data.members.length}</span></header>
          {data.members.length === 0
            ? <div className="pad muted" data-testid="no-members">No active members: offsets can be reset now.</div>
            : (
              <table className="data-table" data-testid="members-table">
                <thead><tr><th>Member</th><th>Client id</th><th>Host</th><th>Assignment</th></tr></thead>
                <tbody>
                  {data.members.map((m) => (
                    <tr key={m.memberId}>
                      <td className="mono">{m.memberId}</td><td>{m.clientId}</td><td className="mono">{m.host}</td>
                      <td>{m.assignments.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ') || <span className="muted">none</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
        </section>
      )}

      {data && (
        <section className="card">
          <header className="card-header"><h2>Partitions</h2><span className="card-sub">committed offset, end offset (high watermark) and lag</span></header>
          <table className="data-table" data-testid="partitions-table">
            <thead><tr><th>Topic</th><th className="num">Partition</th><th className="num">Committed</th><th className="num">End</th><th className="num">Lag</th><th>Owner</th></tr></thead>
            <tbody>
              {data.partitions.map((p) => (
                <tr key={`${p.topic}-${p.partition}`} data-testid={`partition-${p.topic}-${p.partition}`}>
                  <td>{p.topic}</td><td className="num">{p.partition}</td>
                  <td className="num mono" title={p.behindLogStart ? `Below the log start (${p.logStart}): those records were deleted` : undefined}>
                    {showOffset(p.committed)}{p.behindLogStart && ' ⚠'}
                  </td>
                  <td className="num mono">{showOffset(p.end)}</td>
                  <td className="num mono" data-testid="partition-lag">{showOffset(p.lag)}</td>
                  <td className="mono muted">{data.members.find((m) => m.memberId === p.owner)?.clientId ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {dialog === 'reset' && data && (
        <ResetOffsetsDialog clusterId={clusterId} group={data} onClose={(done) => { setDialog(null); if (done) reload(); }} />
      )}
      {dialog === 'delete' && data && (
        <DeleteGroupDialog clusterId={clusterId} group={data} onClose={(done) => { setDialog(null); if (done) onDeleted(); }} />
      )}
    </div>
  );
}
