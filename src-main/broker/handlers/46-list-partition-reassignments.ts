// ListPartitionReassignments (46), advertised 0 (flexible). Every ongoing reassignment (topics null) or
// those of the named partitions, with the full replica list and the replicas being added and removed, from
// the controller. Partitions named but not being reassigned (or unknown) are left out, as in Kafka. A
// standalone node never has one.
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import listReassignmentsApi from '../../protocol/schema/46-list-partition-reassignments.js';
import { defineHandler } from './handler.js';

type TopicOut = ResponseOf<typeof listReassignmentsApi>['topics'][number];

export default defineHandler({
  api: listReassignmentsApi,
  versions: [0, 0],
  handle(req, ctx) {
    const ongoing = ctx.node.cluster?.listReassignments() ?? [];
    const wanted = req.topics === null ? null : new Map(req.topics.map((t) => [t.name, new Set(t.partitionIndexes)]));
    const byTopic = new Map<string, TopicOut>();
    for (const r of ongoing) {
      if (wanted !== null && !wanted.get(r.topic)?.has(r.partition)) continue;
      let t = byTopic.get(r.topic);
      if (t === undefined) { t = { name: r.topic, partitions: [] }; byTopic.set(r.topic, t); }
      t.partitions.push({ partitionIndex: r.partition, replicas: r.replicas, addingReplicas: r.addingReplicas, removingReplicas: r.removingReplicas });
    }
    return { throttleTimeMs: 0, errorCode: KafkaError.NONE.code, errorMessage: null, topics: [...byTopic.values()] };
  },
});
