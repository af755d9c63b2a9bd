/**
 * The metadata log's record schemas, declared once with the protocol DSL (as Kafka declares its KRaft
 * records in metadata/*.json). Types numbers follow Kafka's metadata record api keys (RegisterBroker 0,
 * Topic 2, Partition 3, Config 4, PartitionChange 5, FenceBroker 7, UnfenceBroker 8, RemoveTopic 9), but
 * the fields are ours: a PartitionChange carries the partition's whole new state with its leader and
 * partition epochs (Kafka's carries a delta and leaves the epoch bumps implicit), so replay can check every
 * change against the image and a reader of the log sees each state without reconstructing it. `reason`
 * says why a change was made, for the UI's metadata events. All schemas are flexible from v0 so fields can
 * be added later as tagged fields.
 */
import { api, array, field, type Field } from '../../protocol/index.js';

// A definition's "request" and "response" carry the same fields: the codec's door encodes responses and
// decodes requests (see record-codec.ts).
function recordDef<const F extends readonly Field[]>(key: number, name: string, fields: F) {
  return api({ key, name, validVersions: '0', flexibleVersions: '0+', request: fields, response: fields });
}

export const RegisterBrokerDef = recordDef(0, 'RegisterBrokerRecord', [
  field('brokerId', 'int32', '0+'),
  field('incarnationId', 'uuid', '0+'),
  field('brokerEpoch', 'int64', '0+'),
  field('host', 'string', '0+'),
  field('port', 'int32', '0+'),
  field('rack', 'string', '0+', { nullableVersions: '0+' }),
]);

export const TopicDef = recordDef(2, 'TopicRecord', [
  field('name', 'string', '0+'),
  field('topicId', 'uuid', '0+'),
]);

const partitionState = [
  field('partitionId', 'int32', '0+'),
  field('topicId', 'uuid', '0+'),
  field('replicas', array('int32'), '0+'),
  field('isr', array('int32'), '0+'),
  field('addingReplicas', array('int32'), '0+'),
  field('removingReplicas', array('int32'), '0+'),
  field('leader', 'int32', '0+'),
  field('leaderEpoch', 'int32', '0+'),
  field('partitionEpoch', 'int32', '0+'),
] as const;

export const PartitionDef = recordDef(3, 'PartitionRecord', partitionState);

export const ConfigDef = recordDef(4, 'ConfigRecord', [
  field('resourceType', 'int8', '0+'),
  field('resourceName', 'string', '0+'),
  field('name', 'string', '0+'),
  field('value', 'string', '0+', { nullableVersions: '0+' }),
]);

export const PartitionChangeDef = recordDef(5, 'PartitionChangeRecord', [
  ...partitionState,
  field('reason', 'string', '0+'),
]);

export const FenceBrokerDef = recordDef(7, 'FenceBrokerRecord', [
  field('brokerId', 'int32', '0+'),
  field('brokerEpoch', 'int64', '0+'),
]);

export const UnfenceBrokerDef = recordDef(8, 'UnfenceBrokerRecord', [
  field('brokerId', 'int32', '0+'),
  field('brokerEpoch', 'int64', '0+'),
]);

export const RemoveTopicDef = recordDef(9, 'RemoveTopicRecord', [field('topicId', 'uuid', '0+')]);
