/**
 * Replication (issue 5's data path): the broker side of a replicated partition. The cluster runtime gets
 * a node's ReplicaManager with `replicaManager(broker)`, attaches it with ReplicationPorts and the node's
 * FaultSwitches, and pushes PartitionStates; handlers see the result through each Partition's role.
 */
import { serviceKey, type BrokerNode } from '../handlers/handler.js';
import { ReplicaManager } from './replica-manager.js';

export { ReplicaManager, ReplicationError, type ReplicaManagerNode, type ReplicaManagerOptions } from './replica-manager.js';
export { LeaderState } from './leader-state.js';
export { FollowerFetcher } from './follower-fetcher.js';
export { IsrTracker, type IsrTrackerOptions, type IsrProposal, type FollowerState } from './isr-tracker.js';
export { replicationConfig, DEFAULT_REPLICATION_CONFIG, type ReplicationConfig } from './replication-config.js';
export type { PartitionReplication, ReplicaStatus } from './replication-status.js';
export type { PartitionState, AlterIsrRequest, AlterIsrResult, ReplicationPorts } from './partition-state.js';
export { endOffsetFor, divergingEpoch } from './epoch-end-offset.js';
export { truncationOffset } from './truncation.js';

/** The node's replica manager, created on first use and closed when the node stops. */
export const REPLICA_MANAGER = serviceKey<ReplicaManager>('replica-manager', (node: BrokerNode) => new ReplicaManager(node));

export function replicaManager(node: BrokerNode): ReplicaManager {
  return node.service(REPLICA_MANAGER);
}
