// ElectLeaders (43), advertised 0-2. electionType (v1+; v0 is preferred): 0 preferred (the first replica
// leads again when it is live and in sync), 1 unclean (a leaderless partition gets any live replica). In a
// cluster each partition is one controller decision, answered with its Kafka error (ELECTION_NOT_NEEDED,
// PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION...). A null
// partition list means every partition; then, as in Kafka, partitions that needed no election are left out
// of the answer. A standalone node leads every partition itself, so nothing ever needs an election.
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import electLeadersApi from '../../protocol/schema/43-elect-leaders.js';
import { defineHandler, type BrokerNode } from './handler.js';

type Result = ResponseOf<typeof electLeadersApi>['replicaElectionResults'][number];
type PartitionResult = Result['partitionResult'][number];

const PREFERRED = 0;
const UNCLEAN = 1;

function electOne(node: BrokerNode, topic: string, partition: number, unclean: boolean): PartitionResult {
  const answer = (e: { code: number }, message: string | null): PartitionResult => ({ partitionId: partition, errorCode: e.code, errorMessage: message });
  const t = node.topics.get(topic);
  if (t === undefined || partition < 0 || partition >= t.record.partitions) {
    return answer(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, `${topic}-${partition} does not exist`);
  }
  if (node.cluster === null) return answer(KafkaError.ELECTION_NOT_NEEDED, `${topic}-${partition} is led by its only replica`);
  const r = node.cluster.electLeader(topic, partition, unclean ? 'unclean' : 'preferred');
  if (r.ok) return answer(KafkaError.NONE, null);
  return answer(KafkaError[r.error] ?? KafkaError.UNKNOWN_SERVER_ERROR, r.message);
}

export default defineHandler({
  api: electLeadersApi,
  versions: [0, 2],
  handle(req, ctx) {
    const { node } = ctx;
    const type = ctx.header.apiVersion >= 1 ? req.electionType : PREFERRED;
    if (type !== PREFERRED && type !== UNCLEAN) {
      const err = KafkaError.INVALID_REQUEST;
      const results = (req.topicPartitions ?? []).map((t): Result => ({
        topic: t.topic, partitionResult: t.partitions.map((p) => ({ partitionId: p, errorCode: err.code, errorMessage: `election type ${type} is not 0 (preferred) or 1 (unclean)` })),
      }));
      return { throttleTimeMs: 0, errorCode: KafkaError.NONE.code, replicaElectionResults: results };
    }
    const all = req.topicPartitions === null;
    const wanted = req.topicPartitions
      ?? node.topics.list().map((t) => ({ topic: t.record.name, partitions: Array.from({ length: t.record.partitions }, (_, i) => i) }));
    const results: Result[] = [];
    for (const t of wanted) {
      const partitionResult = t.partitions.map((p) => electOne(node, t.topic, p, type === UNCLEAN))
        .filter((r) => !all || r.errorCode !== KafkaError.ELECTION_NOT_NEEDED.code);
      if (partitionResult.length > 0 || !all) results.push({ topic: t.topic, partitionResult });
    }
    return { throttleTimeMs: 0, errorCode: KafkaError.NONE.code, replicaElectionResults: results };
  },
});
