/**
 * Maps storage failures to the Kafka error a client gets (Kafka's own mapping in ReplicaManager); a
 * TopicError (such as an append on a node that no longer leads) carries its own.
 */
import { KafkaError, type KafkaErrorInfo } from '../../protocol/index.js';
import { StorageError } from '../../storage/errors.js';
import { TopicError } from './topic-error.js';

export function kafkaErrorForStorage(err: unknown): { error: KafkaErrorInfo; message: string } | null {
  if (err instanceof TopicError) return { error: err.error, message: err.message };
  if (!(err instanceof StorageError)) return null;
  switch (err.code) {
    case 'TP_STORAGE_INVALID_BATCH': return { error: KafkaError.CORRUPT_MESSAGE, message: err.message };
    case 'TP_STORAGE_INVALID_RECORD': return { error: KafkaError.INVALID_RECORD, message: err.message };
    case 'TP_STORAGE_OUT_OF_ORDER_SEQUENCE': return { error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER, message: err.message };
    case 'TP_STORAGE_INVALID_PRODUCER_EPOCH': return { error: KafkaError.INVALID_PRODUCER_EPOCH, message: err.message };
    case 'TP_STORAGE_OFFSET_OUT_OF_RANGE': return { error: KafkaError.OFFSET_OUT_OF_RANGE, message: err.message };
    default: return { error: KafkaError.KAFKA_STORAGE_ERROR, message: err.message };
  }
}

/** KAFKA_STORAGE_ERROR exists from Produce v4 / Fetch v6; older versions get NOT_LEADER_OR_FOLLOWER (Kafka's choice). */
export function storageErrorForVersion(error: KafkaErrorInfo, version: number, firstVersion: number): KafkaErrorInfo {
  return error === KafkaError.KAFKA_STORAGE_ERROR && version < firstVersion ? KafkaError.NOT_LEADER_OR_FOLLOWER : error;
}
