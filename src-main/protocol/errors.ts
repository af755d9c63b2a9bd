/**
 * Kafka's error-code table as our own data ({ code, name, retriable, message }), with lookups by name
 * (`KafkaError.NOT_COORDINATOR.code`) and by code (`errorForCode(16)`), plus `ProtocolError`, the one typed
 * error the codec throws for bytes or values it cannot encode/decode.
 *
 * Codes and names follow Apache Kafka 3.9 (-1..127); the retriable flags follow Kafka's exception
 * hierarchy (RetriableException subclasses). Messages are short descriptions in our own words.
 */

export interface KafkaErrorInfo {
  readonly code: number;
  readonly name: string;
  readonly retriable: boolean;
  readonly message: string;
}

// [code, name, retriable, message]
const TABLE: readonly (readonly [number, string, boolean, string])[] = [
  [-1, 'UNKNOWN_SERVER_ERROR', false, 'The server hit an unexpected error while processing the request.'],
  [0, 'NONE', false, 'No error.'],
  [1, 'OFFSET_OUT_OF_RANGE', false, 'The requested offset is outside the range the server holds.'],
  [2, 'CORRUPT_MESSAGE', true, 'The message failed its CRC check, has an invalid size, or is otherwise corrupt.'],
  [3, 'UNKNOWN_TOPIC_OR_PARTITION', true, 'This server does not host this topic-partition.'],
  [4, 'INVALID_FETCH_SIZE', false, 'The requested fetch size is invalid.'],
  [5, 'LEADER_NOT_AVAILABLE', true, 'The partition has no leader right now (an election is in progress).'],
  [6, 'NOT_LEADER_OR_FOLLOWER', true, 'This broker is not the leader (or not a replica) of the partition.'],
  [7, 'REQUEST_TIMED_OUT', true, 'The request timed out.'],
  [8, 'BROKER_NOT_AVAILABLE', false, 'The broker is not available.'],
  [9, 'REPLICA_NOT_AVAILABLE', true, 'The replica is not available for the requested topic-partition.'],
  [10, 'MESSAGE_TOO_LARGE', false, 'The request carried a message larger than the server accepts.'],
  [11, 'STALE_CONTROLLER_EPOCH', false, 'The controller moved to another broker.'],
  [12, 'OFFSET_METADATA_TOO_LARGE', false, 'The offset commit metadata is too large.'],
  [13, 'NETWORK_EXCEPTION', true, 'The server disconnected before a response was received.'],
  [14, 'COORDINATOR_LOAD_IN_PROGRESS', true, 'The coordinator is still loading and cannot serve requests yet.'],
  [15, 'COORDINATOR_NOT_AVAILABLE', true, 'The coordinator is not available.'],
  [16, 'NOT_COORDINATOR', true, 'This broker is not the coordinator for this group or transaction.'],
  [17, 'INVALID_TOPIC_EXCEPTION', false, 'The topic name is invalid for this operation.'],
  [18, 'RECORD_LIST_TOO_LARGE', false, 'The record batch is larger than the configured segment size.'],
  [19, 'NOT_ENOUGH_REPLICAS', true, 'Fewer in-sync replicas than required; the messages were rejected.'],
  [20, 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', true, 'The messages were written, but to fewer in-sync replicas than required.'],
  [21, 'INVALID_REQUIRED_ACKS', false, 'The produce request has an invalid acks value.'],
  [22, 'ILLEGAL_GENERATION', false, 'The group generation id is not valid.'],
  [23, 'INCONSISTENT_GROUP_PROTOCOL', false, "The member's protocols are incompatible with the group's, or empty."],
  [24, 'INVALID_GROUP_ID', false, 'The group id is invalid.'],
  [25, 'UNKNOWN_MEMBER_ID', false, 'The coordinator does not know this member.'],
  [26, 'INVALID_SESSION_TIMEOUT', false, 'The session timeout is outside the range the broker allows.'],
  [27, 'REBALANCE_IN_PROGRESS', false, 'The group is rebalancing; the member must rejoin.'],
  [28, 'INVALID_COMMIT_OFFSET_SIZE', false, 'The committed offset data size is invalid.'],
  [29, 'TOPIC_AUTHORIZATION_FAILED', false, 'Not authorized to access the topic.'],
  [30, 'GROUP_AUTHORIZATION_FAILED', false, 'Not authorized to access the group.'],
  [31, 'CLUSTER_AUTHORIZATION_FAILED', false, 'Cluster authorization failed.'],
  [32, 'INVALID_TIMESTAMP', false, 'The message timestamp is outside the acceptable range.'],
  [33, 'UNSUPPORTED_SASL_MECHANISM', false, 'The broker does not support the requested SASL mechanism.'],
  [34, 'ILLEGAL_SASL_STATE', false, 'The request is not valid in the current SASL state.'],
  [35, 'UNSUPPORTED_VERSION', false, 'The API version is not supported.'],
  [36, 'TOPIC_ALREADY_EXISTS', false, 'A topic with this name already exists.'],
  [37, 'INVALID_PARTITIONS', false, 'The number of partitions is invalid.'],
  [38, 'INVALID_REPLICATION_FACTOR', false, 'The replication factor is below 1 or above the number of brokers.'],
  [39, 'INVALID_REPLICA_ASSIGNMENT', false, 'The replica assignment is invalid.'],
  [40, 'INVALID_CONFIG', false, 'The configuration is invalid.'],
  [41, 'NOT_CONTROLLER', true, 'This broker is not the active controller.'],
  [42, 'INVALID_REQUEST', false, 'The request is malformed or was sent to an incompatible broker.'],
  [43, 'UNSUPPORTED_FOR_MESSAGE_FORMAT', false, 'The message format version does not support this request.'],
  [44, 'POLICY_VIOLATION', false, 'The request violates the configured policy.'],
  [45, 'OUT_OF_ORDER_SEQUENCE_NUMBER', false, 'The broker received an out-of-order sequence number.'],
  [46, 'DUPLICATE_SEQUENCE_NUMBER', false, 'The broker received a duplicate sequence number.'],
  [47, 'INVALID_PRODUCER_EPOCH', false, 'The producer used an old epoch.'],
  [48, 'INVALID_TXN_STATE', false, 'The transactional operation is invalid in the current state.'],
  [49, 'INVALID_PRODUCER_ID_MAPPING', false, 'The producer id is not assigned to this transactional id.'],
  [50, 'INVALID_TRANSACTION_TIMEOUT', false, 'The transaction timeout exceeds the broker maximum.'],
  [51, 'CONCURRENT_TRANSACTIONS', true, 'Another operation on the same transaction is in progress.'],
  [52, 'TRANSACTION_COORDINATOR_FENCED', false, 'The transaction coordinator sending the markers is no longer current.'],
  [53, 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', false, 'Transactional id authorization failed.'],
  [54, 'SECURITY_DISABLED', false, 'Security features are disabled.'],
  [55, 'OPERATION_NOT_ATTEMPTED', false, 'The broker did not attempt this operation (another part of the batch failed).'],
  [56, 'KAFKA_STORAGE_ERROR', true, 'A disk error occurred while accessing the log.'],
  [57, 'LOG_DIR_NOT_FOUND', false, 'The log directory is not in the broker configuration.'],
  [58, 'SASL_AUTHENTICATION_FAILED', false, 'SASL authentication failed.'],
  [59, 'UNKNOWN_PRODUCER_ID', false, 'The broker has no state for this producer id.'],
  [60, 'REASSIGNMENT_IN_PROGRESS', false, 'A partition reassignment is in progress.'],
  [61, 'DELEGATION_TOKEN_AUTH_DISABLED', false, 'Delegation tokens are not enabled.'],
  [62, 'DELEGATION_TOKEN_NOT_FOUND', false, 'The delegation token was not found.'],
  [63, 'DELEGATION_TOKEN_OWNER_MISMATCH', false, 'The principal is not a valid owner or renewer of the token.'],
  [64, 'DELEGATION_TOKEN_REQUEST_NOT_ALLOWED', false, 'Delegation token requests are not allowed on this channel.'],
  [65, 'DELEGATION_TOKEN_AUTHORIZATION_FAILED', false, 'Delegation token authorization failed.'],
  [66, 'DELEGATION_TOKEN_EXPIRED', false, 'The delegation token has expired.'],
  [67, 'INVALID_PRINCIPAL_TYPE', false, 'The principal type is not supported.'],
  [68, 'NON_EMPTY_GROUP', false, 'The group is not empty.'],
  [69, 'GROUP_ID_NOT_FOUND', false, 'The group id does not exist.'],
  [70, 'FETCH_SESSION_ID_NOT_FOUND', true, 'The fetch session id was not found.'],
  [71, 'INVALID_FETCH_SESSION_EPOCH', true, 'The fetch session epoch is invalid.'],
  [72, 'LISTENER_NOT_FOUND', true, 'The leader has no listener matching the one the request came in on.'],
  [73, 'TOPIC_DELETION_DISABLED', false, 'Topic deletion is disabled.'],
  [74, 'FENCED_LEADER_EPOCH', true, 'The request leader epoch is older than the broker epoch.'],
  [75, 'UNKNOWN_LEADER_EPOCH', true, 'The request leader epoch is newer than the broker epoch.'],
  [76, 'UNSUPPORTED_COMPRESSION_TYPE', false, 'The client does not support the compression type of the partition.'],
  [77, 'STALE_BROKER_EPOCH', false, 'The broker epoch has changed.'],
  [78, 'OFFSET_NOT_AVAILABLE', true, 'The high watermark has not caught up after a leader election yet.'],
  [79, 'MEMBER_ID_REQUIRED', false, 'The member needs a member id before joining the group.'],
  [80, 'PREFERRED_LEADER_NOT_AVAILABLE', true, 'The preferred leader is not available.'],
  [81, 'GROUP_MAX_SIZE_REACHED', false, 'The group has reached its maximum size.'],
  [82, 'FENCED_INSTANCE_ID', false, 'Another member registered with the same group.instance.id.'],
  [83, 'ELIGIBLE_LEADERS_NOT_AVAILABLE', true, 'No eligible leader is available for the partition.'],
  [84, 'ELECTION_NOT_NEEDED', true, 'A leader election is not needed for the partition.'],
  [85, 'NO_REASSIGNMENT_IN_PROGRESS', false, 'No partition reassignment is in progress.'],
  [86, 'GROUP_SUBSCRIBED_TO_TOPIC', false, 'Cannot delete offsets of a topic the group is subscribed to.'],
  [87, 'INVALID_RECORD', false, 'The record failed broker-side validation.'],
  [88, 'UNSTABLE_OFFSET_COMMIT', true, 'There are pending transactional offsets to be resolved.'],
  [89, 'THROTTLING_QUOTA_EXCEEDED', true, 'The throttling quota has been exceeded.'],
  [90, 'PRODUCER_FENCED', false, 'A newer producer with the same transactional id fenced this one.'],
  [91, 'RESOURCE_NOT_FOUND', false, 'The request referred to a resource that does not exist.'],
  [92, 'DUPLICATE_RESOURCE', false, 'The request referred to the same resource twice.'],
  [93, 'UNACCEPTABLE_CREDENTIAL', false, 'The requested credential does not meet the acceptability criteria.'],
  [94, 'INCONSISTENT_VOTER_SET', false, 'The sender or recipient is not one of the expected voters.'],
  [95, 'INVALID_UPDATE_VERSION', false, 'The update version is invalid.'],
  [96, 'FEATURE_UPDATE_FAILED', false, 'The finalized features could not be updated.'],
  [97, 'PRINCIPAL_DESERIALIZATION_FAILURE', false, 'The forwarded request principal could not be deserialized.'],
  [98, 'SNAPSHOT_NOT_FOUND', false, 'The requested snapshot was not found.'],
  [99, 'POSITION_OUT_OF_RANGE', false, 'The requested snapshot position is out of range.'],
  [100, 'UNKNOWN_TOPIC_ID', true, 'This server does not host this topic id.'],
  [101, 'DUPLICATE_BROKER_REGISTRATION', false, 'This broker id is already in use.'],
  [102, 'BROKER_ID_NOT_REGISTERED', false, 'This broker id is not registered.'],
  [103, 'INCONSISTENT_TOPIC_ID', true, 'The topic id of the log does not match the one in the request.'],
  [104, 'INCONSISTENT_CLUSTER_ID', false, 'The cluster id in the request does not match the server one.'],
  [105, 'TRANSACTIONAL_ID_NOT_FOUND', false, 'The transactional id was not found.'],
  [106, 'FETCH_SESSION_TOPIC_ID_ERROR', true, 'The fetch session used topic ids inconsistently.'],
  [107, 'INELIGIBLE_REPLICA', false, 'The new ISR contains an ineligible replica.'],
  [108, 'NEW_LEADER_ELECTED', false, 'The partition state was updated but the leader changed.'],
  [109, 'OFFSET_MOVED_TO_TIERED_STORAGE', false, 'The requested offset has moved to tiered storage.'],
  [110, 'FENCED_MEMBER_EPOCH', false, 'The member epoch is fenced; the member must rejoin.'],
  [111, 'UNRELEASED_INSTANCE_ID', false, 'The instance id is still used by another member.'],
  [112, 'UNSUPPORTED_ASSIGNOR', false, 'The assignor or its version range is not supported by the group.'],
  [113, 'STALE_MEMBER_EPOCH', false, 'The member epoch is stale.'],
  [114, 'MISMATCHED_ENDPOINT_TYPE', false, 'The request was sent to an endpoint of the wrong type.'],
  [115, 'UNSUPPORTED_ENDPOINT_TYPE', false, 'This endpoint type is not supported yet.'],
  [116, 'UNKNOWN_CONTROLLER_ID', false, 'This controller id is not known.'],
  [117, 'UNKNOWN_SUBSCRIPTION_ID', false, 'The client telemetry subscription id is not known.'],
  [118, 'TELEMETRY_TOO_LARGE', false, 'The client telemetry payload is too large.'],
  [119, 'INVALID_REGISTRATION', false, 'The controller rejected the broker registration.'],
  [120, 'TRANSACTION_ABORTABLE', false, 'The transaction must be aborted by the client.'],
  [121, 'INVALID_RECORD_STATE', false, 'The record state is invalid for this acknowledgement.'],
  [122, 'SHARE_SESSION_NOT_FOUND', true, 'The share session was not found.'],
  [123, 'INVALID_SHARE_SESSION_EPOCH', true, 'The share session epoch is invalid.'],
  [124, 'FENCED_STATE_EPOCH', false, 'The share-group state epoch is fenced.'],
  [125, 'INVALID_VOTER_KEY', false, 'The voter key does not match the receiving replica.'],
  [126, 'DUPLICATE_VOTER', false, 'The voter is already part of the voter set.'],
  [127, 'VOTER_NOT_FOUND', false, 'The voter is not part of the voter set.'],
];

export const KAFKA_ERRORS: readonly KafkaErrorInfo[] = TABLE.map(([code, name, retriable, message]) =>
  Object.freeze({ code, name, retriable, message }));

const BY_CODE = new Map(KAFKA_ERRORS.map((e) => [e.code, e]));

/** Lookup by Kafka name: `KafkaError.NOT_COORDINATOR.code === 16`. */
export const KafkaError: Readonly<Record<string, KafkaErrorInfo>> = Object.freeze(
  Object.fromEntries(KAFKA_ERRORS.map((e) => [e.name, e])),
);

/** The entry for `code`, or undefined for a code Kafka 3.9 does not define. */
export function errorForCode(code: number): KafkaErrorInfo | undefined {
  return BY_CODE.get(code);
}

export interface ProtocolErrorDetails {
  apiKey?: number;
  apiName?: string;
  version?: number;
  /** Dotted field path inside the message, e.g. `topics[].partitions[].index`; `header.*` for headers. */
  path?: string;
  /** Byte offset in the frame where the problem was found, when decoding. */
  offset?: number;
}

/** Bytes that cannot be decoded, or a value that cannot be encoded at the requested version. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly apiKey?: number;
  readonly apiName?: string;
  readonly version?: number;
  readonly path?: string;
  readonly offset?: number;
  readonly reason: string;

  constructor(reason: string, details: ProtocolErrorDetails = {}) {
    const where = [
      details.apiName !== undefined ? `${details.apiName}` : details.apiKey !== undefined ? `api ${details.apiKey}` : '',
      details.version !== undefined ? `v${details.version}` : '',
      details.path ? `field ${details.path}` : '',
      details.offset !== undefined ? `at byte ${details.offset}` : '',
    ].filter(Boolean).join(' ');
    super(where ? `${where}: ${reason}` : reason);
    this.reason = reason;
    this.apiKey = details.apiKey;
    this.apiName = details.apiName;
    this.version = details.version;
    this.path = details.path;
    this.offset = details.offset;
  }
}
