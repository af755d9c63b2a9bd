/**
 * The replication readout one leader gives for the UI and the cluster's `replication()` (issue 5 point 4):
 * per replica log end offset, lag, last caught-up time, ISR membership and why it left; the leader-epoch
 * history. The types are common/local-cluster-types.ts, shared with cluster/control.ts and the API contract.
 */
import type { PartitionReplication, ReplicaStatus } from '../../common/local-cluster-types.js';

export type { PartitionReplication, ReplicaStatus };

