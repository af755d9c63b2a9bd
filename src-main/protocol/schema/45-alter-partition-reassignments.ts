// AlterPartitionReassignments (key 45). Only v0 exists in Kafka 3.9, and it is flexible.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 45, name: 'AlterPartitionReassignments', validVersions: '0', flexibleVersions: '0+',
  request: [
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    field('topics', array(struct('ReassignableTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('ReassignablePartition', [
        field('partitionIndex', 'int32', '0+'),
        // null cancels a pending reassignment of this partition.
        field('replicas', array('int32'), '0+', { nullableVersions: '0+', default: null }),
      ])), '0+'),
    ])), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
    field('responses', array(struct('ReassignableTopicResponse', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('ReassignablePartitionResponse', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
});
