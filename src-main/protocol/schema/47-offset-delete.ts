// OffsetDelete (key 47). Only v0 exists in Kafka 3.9, and it has no flexible version.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 47, name: 'OffsetDelete', validVersions: '0', flexibleVersions: 'none',
  request: [
    field('groupId', 'string', '0+'),
    field('topics', array(struct('OffsetDeleteRequestTopic', [
      field('name', 'string', '0+', { mapKey: true }),
      field('partitions', array(struct('OffsetDeleteRequestPartition', [
        field('partitionIndex', 'int32', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
  response: [
    // Unusually, errorCode precedes throttleTimeMs here.
    field('errorCode', 'int16', '0+'),
    field('throttleTimeMs', 'int32', '0+', { ignorable: true }),
    field('topics', array(struct('OffsetDeleteResponseTopic', [
      field('name', 'string', '0+', { mapKey: true }),
      field('partitions', array(struct('OffsetDeleteResponsePartition', [
        field('partitionIndex', 'int32', '0+', { mapKey: true }),
        field('errorCode', 'int16', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
