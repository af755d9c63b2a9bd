// Fetch (key 1). v1: throttle time; v2: message format v1 accepted; v3: request-wide max bytes, partitions
// answered in request order; v4: isolation level, last stable offset and aborted transactions, message
// format v2; v5: log start offset; v6: KAFKA_STORAGE_ERROR possible; v7: incremental fetch sessions
// (KIP-227); v9: current leader epoch per partition (KIP-320); v10: zstd allowed; v11: rack id and preferred
// read replica (KIP-392); v12: first flexible version, diverging epoch / current leader / snapshot id tagged
// fields and last fetched epoch; v13: topic ids replace topic names (KIP-516); v14: may return
// OFFSET_MOVED_TO_TIERED_STORAGE (KIP-405); v15: replica id moves into a tagged replica state (KIP-903);
// v16: tagged node endpoints in the response (KIP-951); v17: replica directory id (KIP-853).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 1, name: 'Fetch', validVersions: '0-17', flexibleVersions: '12+',
  request: [
    field('clusterId', 'string', '12+', {
      nullableVersions: '12+', default: null, taggedVersions: '12+', tag: 0, ignorable: true,
    }),
    field('replicaId', 'int32', '0-14', { default: -1 }),
    field('replicaState', struct('ReplicaState', [
      field('replicaId', 'int32', '15+', { default: -1 }),
      field('replicaEpoch', 'int64', '15+', { default: -1n }),
    ]), '15+', { taggedVersions: '15+', tag: 1 }),
    field('maxWaitMs', 'int32', '0+'),
    field('minBytes', 'int32', '0+'),
    field('maxBytes', 'int32', '3+', { default: 2147483647, ignorable: true }),
    field('isolationLevel', 'int8', '4+', { default: 0, ignorable: true }),
    field('sessionId', 'int32', '7+', { default: 0, ignorable: true }),
    field('sessionEpoch', 'int32', '7+', { default: -1, ignorable: true }),
    field('topics', array(struct('FetchTopic', [
      field('topic', 'string', '0-12', { ignorable: true }),
      field('topicId', 'uuid', '13+', { ignorable: true }),
      field('partitions', array(struct('FetchPartition', [
        field('partition', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '9+', { default: -1, ignorable: true }),
        field('fetchOffset', 'int64', '0+'),
        field('lastFetchedEpoch', 'int32', '12+', { default: -1 }),
        field('logStartOffset', 'int64', '5+', { default: -1n, ignorable: true }),
        field('partitionMaxBytes', 'int32', '0+'),
        field('replicaDirectoryId', 'uuid', '17+', { taggedVersions: '17+', tag: 0, ignorable: true }),
      ])), '0+'),
    ])), '0+'),
    field('forgottenTopicsData', array(struct('ForgottenTopic', [
      field('topic', 'string', '7-12', { ignorable: true }),
      field('topicId', 'uuid', '13+', { ignorable: true }),
      field('partitions', array('int32'), '7+'),
    ])), '7+'),
    field('rackId', 'string', '11+', { default: '', ignorable: true }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '7+', { ignorable: true }),
    field('sessionId', 'int32', '7+', { default: 0 }),
    field('responses', array(struct('FetchableTopicResponse', [
      field('topic', 'string', '0-12', { ignorable: true }),
      field('topicId', 'uuid', '13+', { ignorable: true }),
      field('partitions', array(struct('PartitionData', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('highWatermark', 'int64', '0+'),
        field('lastStableOffset', 'int64', '4+', { default: -1n, ignorable: true }),
        field('logStartOffset', 'int64', '5+', { default: -1n, ignorable: true }),
        field('divergingEpoch', struct('EpochEndOffset', [
          field('epoch', 'int32', '12+', { default: -1 }),
          field('endOffset', 'int64', '12+', { default: -1n }),
        ]), '12+', { taggedVersions: '12+', tag: 0 }),
        field('currentLeader', struct('LeaderIdAndEpoch', [
          field('leaderId', 'int32', '12+', { default: -1 }),
          field('leaderEpoch', 'int32', '12+', { default: -1 }),
        ]), '12+', { taggedVersions: '12+', tag: 1 }),
        // Kafka declares the snapshot id's inner fields as 0+; the struct itself exists only from v12.
        field('snapshotId', struct('SnapshotId', [
          field('endOffset', 'int64', '0+', { default: -1n }),
          field('epoch', 'int32', '0+', { default: -1 }),
        ]), '12+', { taggedVersions: '12+', tag: 2 }),
        field('abortedTransactions', array(struct('AbortedTransaction', [
          field('producerId', 'int64', '4+'),
          field('firstOffset', 'int64', '4+'),
        ])), '4+', { nullableVersions: '4+', ignorable: true }),
        field('preferredReadReplica', 'int32', '11+', { default: -1 }),
        field('records', 'records', '0+', { nullableVersions: '0+' }),
      ])), '0+'),
    ])), '0+'),
    field('nodeEndpoints', array(struct('NodeEndpoint', [
      field('nodeId', 'int32', '16+', { mapKey: true }),
      field('host', 'string', '16+'),
      field('port', 'int32', '16+'),
      field('rack', 'string', '16+', { nullableVersions: '16+', default: null }),
    ])), '16+', { taggedVersions: '16+', tag: 0 }),
  ],
});
