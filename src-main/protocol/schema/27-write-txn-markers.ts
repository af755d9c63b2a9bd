// WriteTxnMarkers (key 27), sent by the transaction coordinator to partition leaders. v1: first flexible.
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 27, name: 'WriteTxnMarkers', validVersions: '0-1', flexibleVersions: '1+',
  request: [
    field('markers', array(struct('WritableTxnMarker', [
      field('producerId', 'int64', '0+'),
      field('producerEpoch', 'int16', '0+'),
      field('transactionResult', 'bool', '0+'),
      field('topics', array(struct('WritableTxnMarkerTopic', [
        field('name', 'string', '0+'),
        field('partitionIndexes', array('int32'), '0+'),
      ])), '0+'),
      field('coordinatorEpoch', 'int32', '0+'),
    ])), '0+'),
  ],
  response: [
    field('markers', array(struct('WritableTxnMarkerResult', [
      field('producerId', 'int64', '0+'),
      field('topics', array(struct('WritableTxnMarkerTopicResult', [
        field('name', 'string', '0+'),
        field('partitions', array(struct('WritableTxnMarkerPartitionResult', [
          field('partitionIndex', 'int32', '0+'),
          field('errorCode', 'int16', '0+'),
        ])), '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
