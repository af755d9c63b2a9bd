// DeleteRecords (21), advertised 0-2. Moves each partition's log start offset to the requested offset (-1
// = the high watermark) through storage, which drops whole segments below it; the answer's lowWatermark is
// the new log start offset. With one replica the high watermark is known at once, so timeoutMs is unused.
// Errors per partition: UNKNOWN_TOPIC_OR_PARTITION (topic or partition absent), OFFSET_OUT_OF_RANGE
// (negative other than -1, or above the high watermark), POLICY_VIOLATION (cleanup.policy without
// "delete", as Kafka), INVALID_TOPIC_EXCEPTION for internal topics (Kafka refuses them too),
// KAFKA_STORAGE_ERROR for an offline partition (its log could not be opened) or a failing delete,
// NOT_LEADER_OR_FOLLOWER on a node that does not lead the partition (followers follow the leader's log start).
// v1: same as v0; v2: flexible.
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import deleteRecordsApi from '../../protocol/schema/21-delete-records.js';
import { StorageError } from '../../storage/errors.js';
import { CONFIG_ADMIN } from '../config/config-service.js';
import { topicConfigValue } from '../config/topic-config.js';
import { isInternalTopic, type Topic } from '../topics/index.js';
import { defineHandler, type HandlerContext } from './handler.js';

type PartitionOut = ResponseOf<typeof deleteRecordsApi>['topics'][number]['partitions'][number];

function deletePolicyAllows(ctx: HandlerContext, topic: Topic): boolean {
  const admin = ctx.node.service(CONFIG_ADMIN);
  const overrides = new Map(Object.entries(topic.record.configs));
  const policy = topicConfigValue('cleanup.policy', overrides, admin.broker) as readonly string[];
  return policy.includes('delete');
}

function deleteOne(ctx: HandlerContext, topicName: string, index: number, offset: bigint): PartitionOut {
  const err = (code: number): PartitionOut => ({ partitionIndex: index, lowWatermark: -1n, errorCode: code });
  const topic = ctx.node.topics.get(topicName);
  const partition = topic?.partitions[index];
  if (topic?.offline.has(index) === true) return err(KafkaError.KAFKA_STORAGE_ERROR.code);
  if (topic === undefined || partition === undefined) return err(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
  if (partition.notLeaderError !== null) return err(partition.notLeaderError.code); // replicated: the leader moves the log start
  if (topic.internal || isInternalTopic(topicName)) return err(KafkaError.INVALID_TOPIC_EXCEPTION.code);
  if (!deletePolicyAllows(ctx, topic)) return err(KafkaError.POLICY_VIOLATION.code);
  if (offset < 0n && offset !== -1n) return err(KafkaError.OFFSET_OUT_OF_RANGE.code);
  try {
    const lowWatermark = partition.log.deleteRecordsBefore(offset);
    return { partitionIndex: index, lowWatermark, errorCode: KafkaError.NONE.code };
  } catch (e) {
    if (e instanceof StorageError && e.code === 'TP_STORAGE_OFFSET_OUT_OF_RANGE') return err(KafkaError.OFFSET_OUT_OF_RANGE.code);
    if (e instanceof StorageError) return err(KafkaError.KAFKA_STORAGE_ERROR.code);
    throw e;
  }
}

export default defineHandler({
  api: deleteRecordsApi,
  versions: [0, 2],
  services: [CONFIG_ADMIN],
  handle(req, ctx) {
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => deleteOne(ctx, t.name, p.partitionIndex, p.offset)),
      })),
    };
  },
});
