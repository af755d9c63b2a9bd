// ListPartitionReassignments (key 46). Only v0 exists in Kafka 3.9, and it is flexible.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 46, name: 'ListPartitionReassignments', validVersions: '0', flexibleVersions: '0+',
  request: [
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    // null lists every ongoing reassignment.
    field('topics', array(struct('ListPartitionReassignmentsTopics', [
      field('name', 'string', '0+'),
      field('partitionIndexes', array('int32'), '0+'),
    ])), '0+', { nullableVersions: '0+', default: null }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
    field('topics', array(struct('OngoingTopicReassignment', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('OngoingPartitionReassignment', [
        field('partitionIndex', 'int32', '0+'),
        field('replicas', array('int32'), '0+'),
        field('addingReplicas', array('int32'), '0+'),
        field('removingReplicas', array('int32'), '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
