// DeleteRecords (key 21). v1: same as v0 (throttling happens after the response); v2: first flexible.
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 21, name: 'DeleteRecords', validVersions: '0-2', flexibleVersions: '2+',
  request: [
    field('topics', array(struct('DeleteRecordsTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('DeleteRecordsPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('offset', 'int64', '0+'),
      ])), '0+'),
    ])), '0+'),
    field('timeoutMs', 'int32', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('topics', array(struct('DeleteRecordsTopicResult', [
      field('name', 'string', '0+', { mapKey: true }),
      field('partitions', array(struct('DeleteRecordsPartitionResult', [
        field('partitionIndex', 'int32', '0+', { mapKey: true }),
        field('lowWatermark', 'int64', '0+'),
        field('errorCode', 'int16', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
