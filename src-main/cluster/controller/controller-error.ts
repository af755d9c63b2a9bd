/**
 * The controller's typed error: every rejected decision or inconsistent metadata record throws one, named
 * after the Kafka error a broker would return for it (`kafkaCode` is that code), so the next layer can put
 * it straight into a response. CORRUPT_METADATA is ours: a record that does not fit the image on replay.
 */
import { KafkaError } from '../../protocol/index.js';

export type ControllerErrorName =
  | 'TOPIC_ALREADY_EXISTS' | 'INVALID_TOPIC_EXCEPTION' | 'INVALID_PARTITIONS' | 'INVALID_REPLICATION_FACTOR'
  | 'INVALID_REPLICA_ASSIGNMENT' | 'UNKNOWN_TOPIC_OR_PARTITION' | 'UNKNOWN_TOPIC_ID' | 'INVALID_REQUEST'
  | 'STALE_BROKER_EPOCH' | 'BROKER_ID_NOT_REGISTERED' | 'DUPLICATE_BROKER_REGISTRATION'
  | 'NOT_LEADER_OR_FOLLOWER' | 'FENCED_LEADER_EPOCH' | 'UNKNOWN_LEADER_EPOCH' | 'INVALID_UPDATE_VERSION'
  | 'INELIGIBLE_REPLICA' | 'ELECTION_NOT_NEEDED' | 'PREFERRED_LEADER_NOT_AVAILABLE'
  | 'ELIGIBLE_LEADERS_NOT_AVAILABLE' | 'NO_REASSIGNMENT_IN_PROGRESS' | 'INVALID_CONFIG'
  | 'CORRUPT_METADATA';

export class ControllerError extends Error {
  override readonly name = 'ControllerError';
  /** Kafka's numeric error code (UNKNOWN_SERVER_ERROR, -1, for CORRUPT_METADATA). */
  readonly kafkaCode: number;
  constructor(readonly code: ControllerErrorName, message: string) {
    super(message);
    this.kafkaCode = KafkaError[code]?.code ?? -1;
  }
}
