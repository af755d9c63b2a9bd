/**
 * The seam between the cluster runtime (cluster/, which owns the metadata image) and a broker's replication
 * (broker/replication/, which owns leader and follower behaviour). The cluster pushes the state of every
 * partition this node replicates, from the metadata image, whenever it changes; replication turns it into
 * "become leader", "become follower" or "stop replicating", and sends ISR changes back through the controller
 * (Kafka's AlterPartition). Kept as plain types so both sides compile and test against it alone.
 */

/** One partition as the metadata image has it (broker ids; leader -1 = offline). */
export interface PartitionState {
  topic: string;
  topicId: string;
  partition: number;
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  replicas: readonly number[];
  isr: readonly number[];
  /** Replicas being added / removed by an ongoing reassignment (empty when none). */
  addingReplicas: readonly number[];
  removingReplicas: readonly number[];
}

/** A leader's ISR change proposal (from IsrTracker), with a reason per removed replica for the UI. */
export interface AlterIsrRequest {
  topic: string;
  partition: number;
  leaderId: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
  removed: { id: number; reason: string }[];
  added: number[];
}

/** The controller's answer: the committed state, or the Kafka error name (e.g. FENCED_LEADER_EPOCH). */
export type AlterIsrResult =
  | { ok: true; state: PartitionState }
  | { ok: false; error: string; message: string };

/** What replication needs from the cluster, injected by the cluster runtime. */
export interface ReplicationPorts {
  /** Where a broker listens (for follower fetch connections); null when unknown or fenced. */
  brokerAddress(nodeId: number): { host: string; port: number } | null;
  /** ISR changes go through the controller. */
  alterPartition(req: AlterIsrRequest): Promise<AlterIsrResult>;
  /** This node's broker epoch (sent as replicaEpoch / checked by the controller). */
  brokerEpoch(): bigint;
}
