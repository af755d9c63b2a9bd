// CreateTopics (key 19). v1: validateOnly, per-topic error message; v2: throttle time; v4: partition count and
// replication factor may be -1 without assignments; v5: first flexible, response echoes configs;
// v6: may be throttled by quota; v7: response carries the new topic's id.
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 19, name: 'CreateTopics', validVersions: '0-7', flexibleVersions: '5+',
  request: [
    field('topics', array(struct('CreatableTopic', [
      field('name', 'string', '0+', { mapKey: true }),
      field('numPartitions', 'int32', '0+'),
      field('replicationFactor', 'int16', '0+'),
      field('assignments', array(struct('CreatableReplicaAssignment', [
        field('partitionIndex', 'int32', '0+', { mapKey: true }),
        field('brokerIds', array('int32'), '0+'),
      ])), '0+'),
      field('configs', array(struct('CreatableTopicConfig', [
        field('name', 'string', '0+', { mapKey: true }),
        field('value', 'string', '0+', { nullableVersions: '0+' }),
      ])), '0+'),
    ])), '0+'),
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    field('validateOnly', 'bool', '1+', { default: false }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '2+', { ignorable: true }),
    field('topics', array(struct('CreatableTopicResult', [
      field('name', 'string', '0+', { mapKey: true }),
      field('topicId', 'uuid', '7+', { ignorable: true }),
      field('errorCode', 'int16', '0+'),
      // Kafka declares this nullable from v0 though it only exists from v1; kept as declared.
      field('errorMessage', 'string', '1+', { nullableVersions: '0+', ignorable: true }),
      field('topicConfigErrorCode', 'int16', '5+', { tag: 0, taggedVersions: '5+', ignorable: true }),
      field('numPartitions', 'int32', '5+', { default: -1, ignorable: true }),
      field('replicationFactor', 'int16', '5+', { default: -1, ignorable: true }),
      field('configs', array(struct('CreatableTopicConfigs', [
        field('name', 'string', '5+'),
        field('value', 'string', '5+', { nullableVersions: '5+' }),
        field('readOnly', 'bool', '5+'),
        field('configSource', 'int8', '5+', { default: -1, ignorable: true }),
        field('isSensitive', 'bool', '5+'),
      ])), '5+', { nullableVersions: '5+', ignorable: true }),
    ])), '0+'),
  ],
});
