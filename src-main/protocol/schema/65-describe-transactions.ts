// DescribeTransactions (key 65). Only v0 exists in Kafka 3.9, and it is flexible.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 65, name: 'DescribeTransactions', validVersions: '0', flexibleVersions: '0+',
  request: [
    field('transactionalIds', array('string'), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('transactionStates', array(struct('TransactionState', [
      field('errorCode', 'int16', '0+'),
      field('transactionalId', 'string', '0+'),
      field('transactionState', 'string', '0+'),
      field('transactionTimeoutMs', 'int32', '0+'),
      field('transactionStartTimeMs', 'int64', '0+'),
      field('producerId', 'int64', '0+'),
      field('producerEpoch', 'int16', '0+'),
      field('topics', array(struct('TopicData', [
        field('topic', 'string', '0+', { mapKey: true }),
        field('partitions', array('int32'), '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
