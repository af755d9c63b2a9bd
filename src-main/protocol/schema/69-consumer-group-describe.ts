// ConsumerGroupDescribe (key 69): describes KIP-848 consumer groups, with each member's current
// and target assignment. Only v0 exists in Kafka 3.9, and it is flexible.
import { api, array, field, struct } from './dsl.js';

const topicPartitions = struct('TopicPartitions', [
  field('topicId', 'uuid', '0+'),
  field('topicName', 'string', '0+'),
  field('partitions', array('int32'), '0+'),
]);

// Used for both the current and the target assignment of a member.
const assignment = struct('Assignment', [
  field('topicPartitions', array(topicPartitions), '0+'),
]);

export default api({
  key: 69, name: 'ConsumerGroupDescribe', validVersions: '0', flexibleVersions: '0+',
  request: [
    field('groupIds', array('string'), '0+'),
    field('includeAuthorizedOperations', 'bool', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('groups', array(struct('DescribedGroup', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullableVersions: '0+', default: null }),
      field('groupId', 'string', '0+'),
      field('groupState', 'string', '0+'),
      field('groupEpoch', 'int32', '0+'),
      field('assignmentEpoch', 'int32', '0+'),
      field('assignorName', 'string', '0+'),
      field('members', array(struct('Member', [
        field('memberId', 'string', '0+'),
        field('instanceId', 'string', '0+', { nullableVersions: '0+', default: null }),
        field('rackId', 'string', '0+', { nullableVersions: '0+', default: null }),
        field('memberEpoch', 'int32', '0+'),
        field('clientId', 'string', '0+'),
        field('clientHost', 'string', '0+'),
        field('subscribedTopicNames', array('string'), '0+'),
        field('subscribedTopicRegex', 'string', '0+', { nullableVersions: '0+', default: null }),
        field('assignment', assignment, '0+'),
        field('targetAssignment', assignment, '0+'),
      ])), '0+'),
      // INT32_MIN means "not requested".
      field('authorizedOperations', 'int32', '0+', { default: -2147483648 }),
    ])), '0+'),
  ],
});
