// OffsetCommit (key 8). v1: generation and member id, per-partition commit timestamp (v1 only);
// v2: retention time (v2-4); v3: throttle time; v5: retention left to broker config; v6: committed leader
// epoch; v7: static membership (groupInstanceId); v8: first flexible version; v9: usable with the
// KIP-848 consumer group protocol (generation field carries the member epoch; new error codes).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 8, name: 'OffsetCommit', validVersions: '0-9', flexibleVersions: '8+',
  request: [
    field('groupId', 'string', '0+'),
    field('generationIdOrMemberEpoch', 'int32', '1+', { default: -1, ignorable: true }),
    field('memberId', 'string', '1+', { ignorable: true }),
    field('groupInstanceId', 'string', '7+', { nullableVersions: '7+', default: null }),
    field('retentionTimeMs', 'int64', '2-4', { default: -1n, ignorable: true }),
    field('topics', array(struct('OffsetCommitRequestTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('OffsetCommitRequestPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('committedOffset', 'int64', '0+'),
        field('committedLeaderEpoch', 'int32', '6+', { default: -1, ignorable: true }),
        field('commitTimestamp', 'int64', '1', { default: -1n }),
        field('committedMetadata', 'string', '0+', { nullableVersions: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '3+', { ignorable: true }),
    field('topics', array(struct('OffsetCommitResponseTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('OffsetCommitResponsePartition', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
