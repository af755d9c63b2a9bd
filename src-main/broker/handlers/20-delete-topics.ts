// DeleteTopics (20), advertised 0-6. v0-5 name topics (topicNames); v6 names or ids (topics[], with
// UNKNOWN_TOPIC_ID for an unknown id and INVALID_REQUEST when both or neither are given). Unknown names:
// UNKNOWN_TOPIC_OR_PARTITION; delete.topic.enable=false: TOPIC_DELETION_DISABLED. Deletion is immediate
// (logs closed and their directories removed); v5+ carries error messages.
import { KafkaError, ZERO_UUID, type ResponseOf } from '../../protocol/index.js';
import deleteTopicsApi from '../../protocol/schema/20-delete-topics.js';
import { TopicError } from '../topics/index.js';
import { defineHandler } from './handler.js';

type Result = ResponseOf<typeof deleteTopicsApi>['responses'][number];

export default defineHandler({
  api: deleteTopicsApi,
  versions: [0, 6],
  handle(req, ctx) {
    const { topics } = ctx.node;
    const v = ctx.header.apiVersion;
    const wanted: { name: string | null; topicId: string }[] = v >= 6
      ? (req.topics ?? []).map((t) => ({ name: t.name ?? null, topicId: t.topicId ?? ZERO_UUID }))
      : (req.topicNames ?? []).map((name) => ({ name, topicId: ZERO_UUID }));
    const responses = wanted.map(({ name, topicId }): Result => {
      const byId = topicId !== ZERO_UUID;
      if (v >= 6 && byId === (name !== null)) {
        return { name, topicId, errorCode: KafkaError.INVALID_REQUEST.code, errorMessage: 'Give either a topic name or a topic id' };
      }
      const topic = byId ? topics.getById(topicId) : topics.get(name as string);
      if (!topic) {
        const e = byId ? KafkaError.UNKNOWN_TOPIC_ID : KafkaError.UNKNOWN_TOPIC_OR_PARTITION;
        return { name, topicId, errorCode: e.code, errorMessage: e.message };
      }
      try {
        topics.delete(topic.record.name);
        return { name: topic.record.name, topicId: topic.record.id, errorCode: KafkaError.NONE.code, errorMessage: null };
      } catch (err) {
        if (err instanceof TopicError) return { name, topicId, errorCode: err.error.code, errorMessage: err.message };
        throw err;
      }
    });
    return { throttleTimeMs: 0, responses };
  },
});
