// Produce (key 0). v1: throttle time; v2: log append time; v3: transactional id and record batch v2
// (message format 2) only; v4: KAFKA_STORAGE_ERROR possible; v5: log start offset in the response;
// v7: zstd allowed (KIP-110); v8: per-record errors and an error message (KIP-467); v9: first flexible
// version; v10: tagged current leader and node endpoints on NOT_LEADER errors (KIP-951); v11: may return
// TRANSACTION_ABORTABLE (KIP-890).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 0, name: 'Produce', validVersions: '0-11', flexibleVersions: '9+',
  request: [
    field('transactionalId', 'string', '3+', { nullableVersions: '3+', default: null }),
    field('acks', 'int16', '0+'),
    field('timeoutMs', 'int32', '0+'),
    field('topicData', array(struct('TopicProduceData', [
      field('name', 'string', '0+', { mapKey: true }),
      field('partitionData', array(struct('PartitionProduceData', [
        field('index', 'int32', '0+'),
        field('records', 'records', '0+', { nullableVersions: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
  response: [
    field('responses', array(struct('TopicProduceResponse', [
      field('name', 'string', '0+', { mapKey: true }),
      field('partitionResponses', array(struct('PartitionProduceResponse', [
        field('index', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('baseOffset', 'int64', '0+'),
        field('logAppendTimeMs', 'int64', '2+', { default: -1n, ignorable: true }),
        field('logStartOffset', 'int64', '5+', { default: -1n, ignorable: true }),
        field('recordErrors', array(struct('BatchIndexAndErrorMessage', [
          field('batchIndex', 'int32', '8+'),
          field('batchIndexErrorMessage', 'string', '8+', { default: null, nullableVersions: '8+' }),
        ])), '8+', { ignorable: true }),
        field('errorMessage', 'string', '8+', { default: null, nullableVersions: '8+', ignorable: true }),
        field('currentLeader', struct('LeaderIdAndEpoch', [
          field('leaderId', 'int32', '10+', { default: -1 }),
          field('leaderEpoch', 'int32', '10+', { default: -1 }),
        ]), '10+', { taggedVersions: '10+', tag: 0 }),
      ])), '0+'),
    ])), '0+'),
    field('throttleTimeMs', 'int32', '1+', { ignorable: true, default: 0 }),
    field('nodeEndpoints', array(struct('NodeEndpoint', [
      field('nodeId', 'int32', '10+', { mapKey: true }),
      field('host', 'string', '10+'),
      field('port', 'int32', '10+'),
      field('rack', 'string', '10+', { nullableVersions: '10+', default: null }),
    ])), '10+', { taggedVersions: '10+', tag: 0 }),
  ],
});
