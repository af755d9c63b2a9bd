/**
 * The Partitions tab's table: per partition the leader, replicas, ISR with out-of-sync replicas highlighted,
 * offline replicas, log start and end offsets (bigint, printed exactly). On the local cluster it adds what
 * the leaders know and clients cannot see: the high watermark and the leader's log end offset, from
 * `localCluster.replication`.
 */
import type { TopicPartitionRow } from '../../../../src-main/contract/index.js';
import type { PartitionReplication } from '../local-cluster/index.js';

function Replicas({ ids, outOfSync, offline = [] }: { ids: number[]; outOfSync: number[]; offline?: number[] }) {
  return <>{ids.map((id) => {
    const off = offline.includes(id);
    const oos = outOfSync.includes(id);
    return (
      <span key={id} className={`replica${oos ? ' out-of-sync' : ''}${off ? ' offline' : ''}`}
        title={off ? 'offline' : oos ? 'out of sync' : undefined}>{id}</span>
    );
  })}</>;
}

const dash = <span className="muted">—</span>;

export function PartitionsTable({ rows, replication }: { rows: TopicPartitionRow[]; replication?: PartitionReplication[] }) {
  const byPartition = new Map((replication ?? []).map((r) => [r.partition, r]));
  const local = replication !== undefined;
  return (
    <table className="data-table" data-testid="partitions-table">
      <thead><tr>
        <th className="num">Partition</th><th className="num">Leader</th><th>Replicas</th><th>In-sync</th><th>Out of sync</th><th>Offline</th>
        <th className="num">Log start</th><th className="num">Log end</th>
        {local && <th className="num" title="High watermark: the offset up to which every in-sync replica has the records">HW</th>}
        {local && <th className="num" title="The leader's log end offset (records not yet replicated sit between HW and this)">Leader LEO</th>}
      </tr></thead>
      <tbody>
        {rows.map((p) => {
          const r = byPartition.get(p.partition);
          const leaderLeo = r?.replicas.find((x) => x.nodeId === r.leader)?.logEndOffset;
          return (
            <tr key={p.partition} data-testid={`partition-${p.partition}`} className={p.outOfSync.length > 0 ? 'row-under-replicated' : ''}>
              <td className="num mono">{p.partition}</td>
              <td className={`num mono${p.leader < 0 ? ' danger' : ''}`} data-testid={`leader-${p.partition}`}>{p.leader < 0 ? 'none (offline)' : p.leader}</td>
              <td><Replicas ids={p.replicas} outOfSync={p.outOfSync} offline={p.offlineReplicas} /></td>
              <td data-testid={`isr-${p.partition}`}><Replicas ids={p.isr} outOfSync={[]} /></td>
              <td data-testid={`oos-${p.partition}`}>{p.outOfSync.length === 0 ? dash : <Replicas ids={p.outOfSync} outOfSync={p.outOfSync} />}</td>
              <td data-testid={`offline-${p.partition}`}>{p.offlineReplicas.length === 0 ? dash : <Replicas ids={p.offlineReplicas} outOfSync={p.offlineReplicas} offline={p.offlineReplicas} />}</td>
              <td className="num mono" data-testid={`log-start-${p.partition}`}>{p.logStartOffset.toString()}</td>
              <td className="num mono" data-testid={`log-end-${p.partition}`}>{p.logEndOffset.toString()}</td>
              {local && <td className="num mono" data-testid={`hw-${p.partition}`}>{r ? r.highWatermark.toString() : dash}</td>}
              {local && <td className={`num mono${r && leaderLeo !== undefined && leaderLeo > r.highWatermark ? ' warn' : ''}`} data-testid={`leo-${p.partition}`}>{leaderLeo === undefined ? dash : leaderLeo.toString()}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
