/**
 * The Partitions tab's table: per partition the leader, replicas, ISR with out-of-sync replicas highlighted,
 * offline replicas, log start and end offsets, high watermark and size (bigint, printed exactly; size also
 * readable). On the local cluster the leaders' own view (`localCluster.replication`) gives the live HW and
 * adds the leader's log end offset, which no client API exposes.
 */
import type { TopicPartitionRow } from '../../../../src-main/contract/index.js';
import { formatBytes } from '../../lib/format.js';
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
  const showHw = local || rows.some((p) => p.highWatermark !== undefined);
  const showSize = rows.some((p) => p.sizeBytes !== undefined);
  return (
    <table className="data-table" data-testid="partitions-table">
      <thead><tr>
        <th className="num">Partition</th><th className="num">Leader</th><th>Replicas</th><th>In-sync</th><th>Out of sync</th><th>Offline</th>
        <th className="num">Log start</th><th className="num">Log end</th>
        {showHw && <th className="num" title="High watermark: the offset up to which every in-sync replica has the records">HW</th>}
        {local && <th className="num" title="The leader's log end offset (records not yet replicated sit between HW and this)">Leader LEO</th>}
        {showSize && <th className="num" title="Bytes of the leader's log">Size</th>}
      </tr></thead>
      <tbody>
        {rows.map((p) => {
          const r = byPartition.get(p.partition);
          const leaderLeo = r?.replicas.find((x) => x.nodeId === r.leader)?.logEndOffset;
          // The leader's own HW when the local cluster shows it (live), else the one read over the wire.
          const hw = r?.highWatermark ?? p.highWatermark ?? null;
          const why = p.statsError ?? 'not known';
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
              {showHw && <td className="num mono" data-testid={`hw-${p.partition}`} title={hw === null ? why : undefined}>{hw === null ? dash : hw.toString()}</td>}
              {local && <td className={`num mono${r && leaderLeo !== undefined && leaderLeo > r.highWatermark ? ' warn' : ''}`} data-testid={`leo-${p.partition}`}>{leaderLeo === undefined ? dash : leaderLeo.toString()}</td>}
              {showSize && (
                <td className="num" data-testid={`size-${p.partition}`} title={p.sizeBytes == null ? why : `${p.sizeBytes.toString()} bytes`}>
                  {p.sizeBytes == null ? dash : formatBytes(Number(p.sizeBytes))}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
