/**
 * The Kafka error codes the group coordinator answers with, looked up by name in the protocol's error table
 * once at load time (a misspelt name fails loudly here rather than sending `undefined` on the wire).
 */
import { KafkaError } from '../../protocol/index.js';

function code(name: string): number {
  const e = KafkaError[name];
  if (e === undefined) throw new Error(`group coordinator: no Kafka error named ${name}`);
  return e.code;
}

export const Err = Object.freeze({
  NONE: code('NONE'),
  UNKNOWN_SERVER_ERROR: code('UNKNOWN_SERVER_ERROR'),
  UNKNOWN_TOPIC_OR_PARTITION: code('UNKNOWN_TOPIC_OR_PARTITION'),
  OFFSET_METADATA_TOO_LARGE: code('OFFSET_METADATA_TOO_LARGE'),
  COORDINATOR_LOAD_IN_PROGRESS: code('COORDINATOR_LOAD_IN_PROGRESS'),
  COORDINATOR_NOT_AVAILABLE: code('COORDINATOR_NOT_AVAILABLE'),
  NOT_COORDINATOR: code('NOT_COORDINATOR'),
  ILLEGAL_GENERATION: code('ILLEGAL_GENERATION'),
  INCONSISTENT_GROUP_PROTOCOL: code('INCONSISTENT_GROUP_PROTOCOL'),
  INVALID_GROUP_ID: code('INVALID_GROUP_ID'),
  UNKNOWN_MEMBER_ID: code('UNKNOWN_MEMBER_ID'),
  INVALID_SESSION_TIMEOUT: code('INVALID_SESSION_TIMEOUT'),
  REBALANCE_IN_PROGRESS: code('REBALANCE_IN_PROGRESS'),
  INVALID_REQUEST: code('INVALID_REQUEST'),
  NON_EMPTY_GROUP: code('NON_EMPTY_GROUP'),
  GROUP_ID_NOT_FOUND: code('GROUP_ID_NOT_FOUND'),
  MEMBER_ID_REQUIRED: code('MEMBER_ID_REQUIRED'),
  GROUP_MAX_SIZE_REACHED: code('GROUP_MAX_SIZE_REACHED'),
  FENCED_INSTANCE_ID: code('FENCED_INSTANCE_ID'),
  GROUP_SUBSCRIBED_TO_TOPIC: code('GROUP_SUBSCRIBED_TO_TOPIC'),
  UNSTABLE_OFFSET_COMMIT: code('UNSTABLE_OFFSET_COMMIT'),
});
