// ConsumerGroupHeartbeat (key 68): the KIP-848 consumer group protocol, where the broker computes
// assignments. Only v0 exists in Kafka 3.9, and it is flexible. Request fields that are null
// (or -1) mean "unchanged since the last heartbeat".
import { api, array, field, struct } from './dsl.js';

// The same shape in the request (owned partitions) and the response (assigned partitions).
const topicPartitions = struct('TopicPartitions', [
  field('topicId', 'uuid', '0+'),
  field('partitions', array('int32'), '0+'),
]);

export default api({
  key: 68, name: 'ConsumerGroupHeartbeat', validVersions: '0', flexibleVersions: '0+',
  request: [
    field('groupId', 'string', '0+'),
    field('memberId', 'string', '0+'),
    field('memberEpoch', 'int32', '0+'),
    field('instanceId', 'string', '0+', { nullableVersions: '0+', default: null }),
    field('rackId', 'string', '0+', { nullableVersions: '0+', default: null }),
    field('rebalanceTimeoutMs', 'int32', '0+', { default: -1 }),
    field('subscribedTopicNames', array('string'), '0+', { nullableVersions: '0+', default: null }),
    field('serverAssignor', 'string', '0+', { nullableVersions: '0+', default: null }),
    field('topicPartitions', array(topicPartitions), '0+', { nullableVersions: '0+', default: null }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullableVersions: '0+', default: null }),
    field('memberId', 'string', '0+', { nullableVersions: '0+', default: null }),
    field('memberEpoch', 'int32', '0+'),
    field('heartbeatIntervalMs', 'int32', '0+'),
    // null when the assignment did not change.
    field('assignment', struct('Assignment', [
      field('topicPartitions', array(topicPartitions), '0+'),
    ]), '0+', { nullableVersions: '0+', default: null }),
  ],
});
