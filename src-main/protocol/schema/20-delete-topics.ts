// DeleteTopics (key 20). v1: throttle time; v3: may answer TOPIC_DELETION_DISABLED; v4: first flexible;
// v5: per-topic error message, may be throttled by quota; v6: topics addressed by name or id (names nullable).
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 20, name: 'DeleteTopics', validVersions: '0-6', flexibleVersions: '4+',
  request: [
    field('topics', array(struct('DeleteTopicState', [
      field('name', 'string', '6+', { nullableVersions: '6+', default: null }),
      field('topicId', 'uuid', '6+'),
    ])), '6+'),
    field('topicNames', array('string'), '0-5', { ignorable: true }),
    field('timeoutMs', 'int32', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('responses', array(struct('DeletableTopicResult', [
      field('name', 'string', '0+', { nullableVersions: '6+', mapKey: true }),
      field('topicId', 'uuid', '6+', { ignorable: true }),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '5+', { nullableVersions: '5+', ignorable: true, default: null }),
    ])), '0+'),
  ],
});
