/**
 * A topic's Consumers tab: the groups reading it (`topics.consumers`: committed offsets for it or a member
 * assigned to it) with state, members and lag on this topic, then each group's per-partition committed / end /
 * lag. A group's name opens it in the Consumer Groups screen through its hash (`#/groups/<id>`). The tab reads
 * again on every lag sample the core pushes (`groups.lag`, every 5 s), so it stays live without polling.
 */
import { useEffect, useRef } from 'react';
import type { TopicConsumerGroup } from '../../../../src-main/contract/index.js';
import { useCoreQuery } from '../../api/use-core-query.js';
import { groupHash } from '../../lib/paths.js';
import { StateBadge, useLagStore, useLagStream } from '../groups/index.js';

const dash = '–';
const show = (v: bigint | null) => (v === null ? dash : v.toString());

export function ConsumersTab({ clusterId, topic }: { clusterId: string; topic: string }) {
  const q = useCoreQuery('topics.consumers', { clusterId, topic });
  useReloadOnLagSample(clusterId, q.reload);
  return (
    <div data-testid="topic-consumers">
      <div className="toolbar">
        <span className="muted">Lag counts offsets on this topic (end − committed); partitions without a commit have no lag.</span>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={q.reload} disabled={q.loading}>Refresh</button>
      </div>
      {q.error && <div className="inline-error" role="alert">{q.error.code}: {q.error.message}</div>}
      {!q.data && !q.error && <div className="muted pad">Loading…</div>}
      {q.data && q.data.length === 0 && <div className="muted pad" data-testid="no-consumers">No consumer group reads this topic</div>}
      {q.data && q.data.length > 0 && <ConsumersTable groups={q.data} />}
    </div>
  );
}

function ConsumersTable({ groups }: { groups: readonly TopicConsumerGroup[] }) {
  return (
    <table className="data-table" data-testid="consumers-table">
      <thead><tr><th>Group</th><th>State</th><th className="num">Members</th><th className="num" title="Sum of end − committed over this topic's committed partitions">Lag</th></tr></thead>
      <tbody>
        {groups.flatMap((g) => [
          <tr key={g.groupId} data-testid={`consumer-${g.groupId}`}>
            <td className="mono"><a href={groupHash(g.groupId)} data-testid={`consumer-link-${g.groupId}`}>{g.groupId}</a></td>
            <td><StateBadge state={g.state} /></td>
            <td className="num mono">{g.members}</td>
            <td className="num mono" data-testid={`consumer-lag-${g.groupId}`} title={g.error ?? (g.uncommitted > 0 ? `${g.uncommitted} partition(s) without a commit are not counted` : undefined)}>
              {g.error === undefined ? show(g.totalLag) : <span className="danger">{g.error}</span>}
            </td>
          </tr>,
          g.partitions.length > 0 && (
            <tr key={`${g.groupId}\u0000partitions`} className="subrow">
              <td colSpan={4}><PartitionBreakdown group={g} /></td>
            </tr>
          ),
        ])}
      </tbody>
    </table>
  );
}

function PartitionBreakdown({ group }: { group: TopicConsumerGroup }) {
  return (
    <table className="data-table compact" data-testid={`consumer-partitions-${group.groupId}`}>
      <thead><tr><th className="num">Partition</th><th className="num">Committed</th><th className="num">End</th><th className="num">Lag</th><th>Member</th></tr></thead>
      <tbody>
        {group.partitions.map((p) => (
          <tr key={p.partition} data-testid={`consumer-${group.groupId}-p${p.partition}`}>
            <td className="num mono">{p.partition}</td>
            <td className="num mono" title={p.behindLogStart ? `Below the log start (${p.logStart.toString()}): retention removed those records` : undefined}>
              {show(p.committed)}{p.behindLogStart && <span className="warn"> (below log start)</span>}
            </td>
            <td className="num mono">{p.end.toString()}</td>
            <td className="num mono">{show(p.lag)}</td>
            <td className="mono">{p.owner ?? dash}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Calls `reload` whenever a newer lag sample than the one seen at mount arrives from the core. */
function useReloadOnLagSample(clusterId: string, reload: () => void): void {
  useLagStream(clusterId);
  const last = useLagStore((s) => s.samples.at(-1)?.time);
  const seen = useRef(last);
  useEffect(() => {
    if (last === undefined || last === seen.current) return;
    seen.current = last;
    reload();
  }, [last, reload]);
}
