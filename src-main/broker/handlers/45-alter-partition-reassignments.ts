// AlterPartitionReassignments (45), advertised 0 (flexible). Each partition's target replica list starts
// (or replaces) a reassignment through the controller: new replicas join, catch up, enter the ISR, and the
// reassignment completes when every target is in sync (removed replicas then leave); null cancels one
// (NO_REASSIGNMENT_IN_PROGRESS when there is none). Errors per partition are the controller's
// (INVALID_REPLICA_ASSIGNMENT, UNKNOWN_TOPIC_OR_PARTITION, ...). A standalone node has no other broker:
// its only valid target is itself (nothing to do); any other list is INVALID_REPLICA_ASSIGNMENT.
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import alterReassignmentsApi from '../../protocol/schema/45-alter-partition-reassignments.js';
import { defineHandler, type BrokerNode } from './handler.js';

type PartitionResponse = ResponseOf<typeof alterReassignmentsApi>['responses'][number]['partitions'][number];

function reassign(node: BrokerNode, topic: string, partition: number, replicas: number[] | null): PartitionResponse {
  const answer = (e: { code: number }, message: string | null): PartitionResponse => ({ partitionIndex: partition, errorCode: e.code, errorMessage: message });
  const t = node.topics.get(topic);
  if (t === undefined || partition < 0 || partition >= t.record.partitions) {
    return answer(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, `${topic}-${partition} does not exist`);
  }
  if (node.cluster === null) {
    if (replicas === null) return answer(KafkaError.NO_REASSIGNMENT_IN_PROGRESS, `no reassignment of ${topic}-${partition} is in progress`);
    if (replicas.length === 1 && replicas[0] === node.nodeId) return answer(KafkaError.NONE, null);
    return answer(KafkaError.INVALID_REPLICA_ASSIGNMENT, `this broker (${node.nodeId}) is the only one; ${replicas.join(',')} is not a valid target`);
  }
  const r = node.cluster.reassignPartition(topic, partition, replicas);
  return r.ok ? answer(KafkaError.NONE, null) : answer(KafkaError[r.error] ?? KafkaError.UNKNOWN_SERVER_ERROR, r.message);
}

export default defineHandler({
  api: alterReassignmentsApi,
  versions: [0, 0],
  handle(req, ctx) {
    return {
      throttleTimeMs: 0, errorCode: KafkaError.NONE.code, errorMessage: null,
      responses: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => reassign(ctx.node, t.name, p.partitionIndex, p.replicas === null ? null : [...p.replicas])),
      })),
    };
  },
});
