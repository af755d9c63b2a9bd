/**
 * The replication readout one leader gives for the UI and the cluster's `replication()` (issue 5 point 4):
 * per replica log end offset, lag, last caught-up time, ISR membership and why it left; the leader-epoch
 * history. The same shapes as cluster/control.ts's ReplicaStatus / PartitionReplication (the broker may not
 * import cluster/; cluster/replication-types.test.ts checks at compile time that the two stay identical).
 */

export interface ReplicaStatus {
  nodeId: number;
  /** -1 when this leader has not yet seen the replica fetch. */
  logEndOffset: bigint;
  /** Leader LEO minus this replica's LEO (0 for the leader; the leader's LEO when unknown). */
  lag: bigint;
  /** ms since epoch; null when never caught up since this leader took over. */
  lastCaughtUpTimeMs: number | null;
  inIsr: boolean;
  /** Why it last left the ISR (null when in sync or never was). */
  outOfSyncReason: string | null;
}

export interface PartitionReplication {
  topic: string;
  partition: number;
  leader: number;
  leaderEpoch: number;
  highWatermark: bigint;
  replicas: ReplicaStatus[];
  /** (epoch, start offset) pairs from the leader's leader-epoch cache, oldest first. */
  epochHistory: { epoch: number; startOffset: bigint }[];
}
