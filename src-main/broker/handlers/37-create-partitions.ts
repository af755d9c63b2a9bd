// CreatePartitions (37), advertised 0-3. `count` is the new total: lower than now or equal is
// INVALID_PARTITIONS; an unknown topic UNKNOWN_TOPIC_OR_PARTITION; a name twice in one request
// INVALID_REQUEST. Manual assignments (one broker list per new partition, live brokers, the topic's
// replication factor) are checked; a cluster places the new partitions on them (a standalone node leads
// everything and ignores them). validateOnly checks without changing anything. v2+: flexible.
import { KafkaError } from '../../protocol/index.js';
import createPartitionsApi from '../../protocol/schema/37-create-partitions.js';
import { TopicError } from '../topics/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: createPartitionsApi,
  versions: [0, 3],
  handle(req, ctx) {
    const { node } = ctx;
    const counts = new Map<string, number>();
    for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const live = new Set(node.brokers().map((b) => b.nodeId));
    const results = req.topics.map((t) => {
      const fail = (code: number, message: string) => ({ name: t.name, errorCode: code, errorMessage: message });
      if ((counts.get(t.name) ?? 0) > 1) return fail(KafkaError.INVALID_REQUEST.code, `Duplicate topic ${t.name} in the request`);
      try {
        const topic = node.topics.checkCreatePartitions(t.name, t.count);
        if (t.assignments) {
          const added = t.count - topic.partitions.length;
          const rf = topic.record.replicationFactor;
          if (t.assignments.length !== added) {
            return fail(KafkaError.INVALID_REPLICA_ASSIGNMENT.code, `Increasing the number of partitions by ${added} but ${t.assignments.length} assignments provided.`);
          }
          const bad = t.assignments.find((a) => a.brokerIds.length !== rf || a.brokerIds.some((b) => !live.has(b)) || new Set(a.brokerIds).size !== a.brokerIds.length);
          if (bad) return fail(KafkaError.INVALID_REPLICA_ASSIGNMENT.code, `Invalid replica assignment [${bad.brokerIds.join(', ')}] for topic ${t.name}`);
        }
        if (!req.validateOnly) node.topics.createPartitions(t.name, t.count, t.assignments?.map((a) => [...a.brokerIds]));
        return { name: t.name, errorCode: KafkaError.NONE.code, errorMessage: null };
      } catch (err) {
        if (err instanceof TopicError) return fail(err.error.code, err.message);
        throw err;
      }
    });
    return { throttleTimeMs: 0, results };
  },
});
