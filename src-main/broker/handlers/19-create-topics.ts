// CreateTopics (19), advertised 0-7. numPartitions / replicationFactor -1 take num.partitions /
// default.replication.factor (v4+ clients send -1); a manual assignment must name only live brokers, use
// dense partition indexes from 0 and one replica list size (else INVALID_REPLICA_ASSIGNMENT), and comes
// with -1 for both counts (else INVALID_REQUEST). Config names and values are checked (INVALID_CONFIG).
// A name twice in one request: INVALID_REQUEST for each. v1+: validateOnly and error messages; v5+: the
// created topic's partition count, replication factor and every topic config with its value and source
// (as DescribeConfigs reports them: broker/config's catalog); v7+: topic id.
import { KafkaError, ZERO_UUID, type ResponseOf } from '../../protocol/index.js';
import createTopicsApi from '../../protocol/schema/19-create-topics.js';
import { CONFIG_ADMIN, describeTopicConfigs } from '../config/index.js';
import { TopicError, type CreateTopicInput } from '../topics/index.js';
import { defineHandler, type BrokerNode } from './handler.js';

type Result = ResponseOf<typeof createTopicsApi>['topics'][number];
type ConfigOut = NonNullable<Result['configs']>[number];

/** Kafka's full topic config list with values and sources (broker/config's catalog, as DescribeConfigs). */
function describeConfigs(node: BrokerNode, overrides: Record<string, string>): ConfigOut[] {
  const broker = node.service(CONFIG_ADMIN).broker;
  return describeTopicConfigs(broker, new Map(Object.entries(overrides))).map((e) => ({
    name: e.name, value: e.value, readOnly: e.readOnly, configSource: e.configSource, isSensitive: e.isSensitive,
  }));
}

export default defineHandler({
  api: createTopicsApi,
  versions: [0, 7],
  handle(req, ctx) {
    const { node } = ctx;
    const counts = new Map<string, number>();
    for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const topics = req.topics.map((t): Result => {
      const fail = (code: number, message: string | null): Result => ({
        name: t.name, topicId: ZERO_UUID, errorCode: code, errorMessage: message, numPartitions: -1, replicationFactor: -1, configs: null,
      });
      if ((counts.get(t.name) ?? 0) > 1) return fail(KafkaError.INVALID_REQUEST.code, `Create topics request from client contains multiple entries for topic ${t.name}`);
      const input: CreateTopicInput = { partitions: t.numPartitions, replicationFactor: t.replicationFactor, configs: {} };
      for (const c of t.configs) if (c.value !== null) input.configs![c.name] = c.value;
      if (t.assignments.length > 0) {
        if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
          return fail(KafkaError.INVALID_REQUEST.code, 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.');
        }
        const live = new Set(node.brokers().map((b) => b.nodeId));
        const indexes = t.assignments.map((a) => a.partitionIndex).sort((a, b) => a - b);
        const sizes = new Set(t.assignments.map((a) => a.brokerIds.length));
        const ok = indexes.every((p, i) => p === i) && sizes.size === 1 && !sizes.has(0)
          && t.assignments.every((a) => a.brokerIds.every((b) => live.has(b)) && new Set(a.brokerIds).size === a.brokerIds.length);
        if (!ok) return fail(KafkaError.INVALID_REPLICA_ASSIGNMENT.code, `Invalid replica assignment for topic ${t.name}`);
        input.partitions = t.assignments.length;
        input.replicationFactor = t.assignments[0].brokerIds.length;
        input.assignment = [...t.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex).map((a) => [...a.brokerIds]);
      }
      try {
        const resolved = node.topics.checkCreate(t.name, input);
        const created = req.validateOnly ? null : node.topics.create(t.name, input);
        return {
          name: t.name, topicId: created?.record.id ?? ZERO_UUID, errorCode: KafkaError.NONE.code, errorMessage: null,
          numPartitions: resolved.partitions, replicationFactor: resolved.replicationFactor, configs: describeConfigs(node, input.configs ?? {}),
        };
      } catch (err) {
        if (err instanceof TopicError) return fail(err.error.code, err.message);
        throw err;
      }
    });
    return { throttleTimeMs: 0, topics };
  },
});
