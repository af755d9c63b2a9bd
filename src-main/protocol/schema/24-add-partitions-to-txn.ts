// AddPartitionsToTxn (key 24). v2: may answer PRODUCER_FENCED; v3: first flexible; v4: broker-only batched form
// (several transactions, verifyOnly, top-level error code) while v0-3 stay the client form; v5: may answer
// TRANSACTION_ABORTABLE.
import { api, field, struct, array } from './dsl.js';

// Kafka's commonStructs: each is shared by the client (v0-3) and broker (v4+) shapes.
const addPartitionsToTxnTopic = struct('AddPartitionsToTxnTopic', [
  field('name', 'string', '0+', { mapKey: true }),
  field('partitions', array('int32'), '0+'),
]);

const addPartitionsToTxnTopicResult = struct('AddPartitionsToTxnTopicResult', [
  field('name', 'string', '0+', { mapKey: true }),
  field('resultsByPartition', array(struct('AddPartitionsToTxnPartitionResult', [
    field('partitionIndex', 'int32', '0+', { mapKey: true }),
    field('partitionErrorCode', 'int16', '0+'),
  ])), '0+'),
]);

export default api({
  key: 24, name: 'AddPartitionsToTxn', validVersions: '0-5', flexibleVersions: '3+',
  request: [
    field('transactions', array(struct('AddPartitionsToTxnTransaction', [
      field('transactionalId', 'string', '4+', { mapKey: true }),
      field('producerId', 'int64', '4+'),
      field('producerEpoch', 'int16', '4+'),
      field('verifyOnly', 'bool', '4+', { default: false }),
      field('topics', array(addPartitionsToTxnTopic), '4+'),
    ])), '4+'),
    field('v3AndBelowTransactionalId', 'string', '0-3'),
    field('v3AndBelowProducerId', 'int64', '0-3'),
    field('v3AndBelowProducerEpoch', 'int16', '0-3'),
    field('v3AndBelowTopics', array(addPartitionsToTxnTopic), '0-3'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '4+', { ignorable: true }),
    field('resultsByTransaction', array(struct('AddPartitionsToTxnResult', [
      field('transactionalId', 'string', '4+', { mapKey: true }),
      field('topicResults', array(addPartitionsToTxnTopicResult), '4+'),
    ])), '4+'),
    field('resultsByTopicV3AndBelow', array(addPartitionsToTxnTopicResult), '0-3'),
  ],
});
