// Metadata (3), advertised 0-12 (all versions). v0: an empty topic list means all topics; v1+: null means
// all, empty means none. v4+: allowAutoTopicCreation (earlier versions always allow it), combined with
// auto.create.topics.enable as Kafka does; an auto-created topic is answered at once with its partitions
// (Kafka answers LEADER_NOT_AVAILABLE first because its creation is asynchronous; ours is not).
// v10+: real topic ids; v12: lookup by topic id (UNKNOWN_TOPIC_ID when unknown). v8+: authorized
// operations are "everything" (no authorizer here) when asked, else Kafka's "not requested" sentinel.
// Brokers list the advertised host/port. A partition whose log failed to open is LEADER_NOT_AVAILABLE with
// leader -1 and this node as an offline replica. Not supported: racks (always null).
// In a cluster, partitions come from the node's metadata (leader, leader epoch, replicas, ISR; fenced replicas
// are offline replicas, and a partition whose leader is -1 or fenced is LEADER_NOT_AVAILABLE with leader -1),
// brokers are the live ones and the controller is the active controller.
import { KafkaError, ZERO_UUID, type ResponseOf } from '../../protocol/index.js';
import metadataApi from '../../protocol/schema/03-metadata.js';
import { TopicError, isInternalTopic, topicNameProblem, type Topic } from '../topics/index.js';
import { defineHandler, type BrokerNode } from './handler.js';
import type { MetadataView } from '../cluster-link.js';

type Response = ResponseOf<typeof metadataApi>;
type TopicOut = Response['topics'][number];

const NOT_REQUESTED = -2147483648;
// AclOperation codes: READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11.
const TOPIC_OPS = [3, 4, 5, 6, 7, 8, 10, 11].reduce((m, op) => m | (1 << op), 0);
// CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12.
const CLUSTER_OPS = [5, 7, 8, 9, 10, 11, 12].reduce((m, op) => m | (1 << op), 0);

export function describeTopic(node: BrokerNode, topic: Topic, includeOps: boolean): TopicOut {
  if (node.cluster !== null) return describeClusterTopic(node.cluster.metadata(), node.nodeId, topic, includeOps);
  return {
    errorCode: KafkaError.NONE.code,
    name: topic.record.name,
    topicId: topic.record.id,
    isInternal: topic.internal,
    partitions: Array.from({ length: topic.record.partitions }, (_, i) => {
      const p = topic.partitions[i];
      // A partition whose log could not be opened has no leader (Kafka: LEADER_NOT_AVAILABLE, leader -1).
      if (!p || topic.offline.has(i)) {
        return { errorCode: KafkaError.LEADER_NOT_AVAILABLE.code, partitionIndex: i, leaderId: -1, leaderEpoch: -1,
          replicaNodes: [node.nodeId], isrNodes: [], offlineReplicas: [node.nodeId] };
      }
      return { errorCode: KafkaError.NONE.code, partitionIndex: i, leaderId: node.nodeId, leaderEpoch: p.leaderEpoch,
        replicaNodes: [node.nodeId], isrNodes: [node.nodeId], offlineReplicas: [] };
    }),
    topicAuthorizedOperations: includeOps ? TOPIC_OPS : NOT_REQUESTED,
  };
}

function describeClusterTopic(view: MetadataView, self: number, topic: Topic, includeOps: boolean): TopicOut {
  const t = view.topicsById.get(topic.record.id);
  // This node's own replicas whose logs failed to open are offline too (the controller is not told of them).
  const live = (id: number, p: number) => view.brokers.get(id)?.fenced === false && !(id === self && topic.offline.has(p));
  return {
    errorCode: KafkaError.NONE.code,
    name: topic.record.name,
    topicId: topic.record.id,
    isInternal: topic.internal,
    partitions: [...(t?.partitions.values() ?? [])].sort((a, b) => a.partitionId - b.partitionId).map((p) => {
      const led = p.leader !== -1 && live(p.leader, p.partitionId);
      return {
        errorCode: led ? KafkaError.NONE.code : KafkaError.LEADER_NOT_AVAILABLE.code, partitionIndex: p.partitionId,
        leaderId: led ? p.leader : -1, leaderEpoch: p.leaderEpoch, replicaNodes: [...p.replicas], isrNodes: [...p.isr],
        offlineReplicas: p.replicas.filter((r) => !live(r, p.partitionId)),
      };
    }),
    topicAuthorizedOperations: includeOps ? TOPIC_OPS : NOT_REQUESTED,
  };
}

function topicError(name: string | null, code: number, topicId = ZERO_UUID): TopicOut {
  return { errorCode: code, name, topicId, isInternal: name !== null && isInternalTopic(name), partitions: [], topicAuthorizedOperations: NOT_REQUESTED };
}

export default defineHandler({
  api: metadataApi,
  versions: [0, 12],
  handle(req, ctx) {
    const { node } = ctx;
    const v = ctx.header.apiVersion;
    const includeOps = req.includeTopicAuthorizedOperations === true;
    const allowAuto = (v < 4 || req.allowAutoTopicCreation !== false) && node.settings.autoCreateTopicsEnable;
    const wantsAll = req.topics === null || (v === 0 && req.topics.length === 0);
    let topics: TopicOut[];
    if (wantsAll) {
      topics = node.topics.list().map((t) => describeTopic(node, t, includeOps));
    } else {
      topics = (req.topics ?? []).map((rt) => {
        if (rt.name === null || rt.name === undefined) {
          const byId = rt.topicId !== undefined && rt.topicId !== ZERO_UUID ? node.topics.getById(rt.topicId) : undefined;
          return byId ? describeTopic(node, byId, includeOps)
            : topicError(null, rt.topicId !== undefined && rt.topicId !== ZERO_UUID ? KafkaError.UNKNOWN_TOPIC_ID.code : KafkaError.INVALID_REQUEST.code, rt.topicId);
        }
        const existing = node.topics.get(rt.name);
        if (existing) return describeTopic(node, existing, includeOps);
        if (topicNameProblem(rt.name) !== null) return topicError(rt.name, KafkaError.INVALID_TOPIC_EXCEPTION.code);
        if (!allowAuto || isInternalTopic(rt.name)) return topicError(rt.name, KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
        try {
          return describeTopic(node, node.topics.create(rt.name), includeOps);
        } catch (err) {
          if (err instanceof TopicError) return topicError(rt.name, err.error.code);
          throw err;
        }
      });
    }
    return {
      throttleTimeMs: 0,
      brokers: node.brokers().map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
      clusterId: node.clusterId,
      controllerId: node.controllerId,
      topics,
      clusterAuthorizedOperations: req.includeClusterAuthorizedOperations === true ? CLUSTER_OPS : NOT_REQUESTED,
    };
  },
});
