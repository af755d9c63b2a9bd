// DescribeProducers (key 61). Only v0 exists in Kafka 3.9, and it is flexible.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 61, name: 'DescribeProducers', validVersions: '0', flexibleVersions: '0+',
  request: [
    field('topics', array(struct('TopicRequest', [
      field('name', 'string', '0+'),
      field('partitionIndexes', array('int32'), '0+'),
    ])), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('topics', array(struct('TopicResponse', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('PartitionResponse', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullableVersions: '0+', default: null }),
        field('activeProducers', array(struct('ProducerState', [
          field('producerId', 'int64', '0+'),
          // int32 here, unlike the int16 epochs elsewhere; Kafka's definition says so.
          field('producerEpoch', 'int32', '0+'),
          field('lastSequence', 'int32', '0+', { default: -1 }),
          field('lastTimestamp', 'int64', '0+', { default: -1n }),
          field('coordinatorEpoch', 'int32', '0+'),
          field('currentTxnStartOffset', 'int64', '0+', { default: -1n }),
        ])), '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
