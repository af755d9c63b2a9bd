// CreatePartitions (key 37). v1: throttles after responding; v2: first flexible version;
// v3: may answer THROTTLING_QUOTA_EXCEEDED.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 37, name: 'CreatePartitions', validVersions: '0-3', flexibleVersions: '2+',
  request: [
    field('topics', array(struct('CreatePartitionsTopic', [
      field('name', 'string', '0+', { mapKey: true }),
      // The new total partition count, not the number to add.
      field('count', 'int32', '0+'),
      // null lets the controller place the new partitions.
      field('assignments', array(struct('CreatePartitionsAssignment', [
        field('brokerIds', array('int32'), '0+'),
      ])), '0+', { nullableVersions: '0+' }),
    ])), '0+'),
    field('timeoutMs', 'int32', '0+'),
    field('validateOnly', 'bool', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('results', array(struct('CreatePartitionsTopicResult', [
      field('name', 'string', '0+'),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullableVersions: '0+', default: null }),
    ])), '0+'),
  ],
});
