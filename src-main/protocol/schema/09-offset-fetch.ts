// OffsetFetch (key 9). v1: offsets read from __consumer_offsets rather than ZooKeeper; v2: null topics
// means all, top-level error code; v3: throttle time; v5: committed leader epoch; v6: first flexible
// version; v7: requireStable (UNSTABLE_OFFSET_COMMIT possible); v8: several groups per request, the
// single-group fields end at v7; v9: member id and epoch for the KIP-848 consumer group protocol.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 9, name: 'OffsetFetch', validVersions: '0-9', flexibleVersions: '6+',
  request: [
    field('groupId', 'string', '0-7'),
    field('topics', array(struct('OffsetFetchRequestTopic', [
      field('name', 'string', '0-7'),
      field('partitionIndexes', array('int32'), '0-7'),
    ])), '0-7', { nullableVersions: '2-7' }),
    field('groups', array(struct('OffsetFetchRequestGroup', [
      field('groupId', 'string', '8+'),
      field('memberId', 'string', '9+', { nullableVersions: '9+', default: null, ignorable: true }),
      field('memberEpoch', 'int32', '9+', { default: -1, ignorable: true }),
      field('topics', array(struct('OffsetFetchRequestTopics', [
        field('name', 'string', '8+'),
        field('partitionIndexes', array('int32'), '8+'),
      ])), '8+', { nullableVersions: '8+' }),
    ])), '8+'),
    field('requireStable', 'bool', '7+', { default: false }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '3+', { ignorable: true }),
    field('topics', array(struct('OffsetFetchResponseTopic', [
      field('name', 'string', '0-7'),
      field('partitions', array(struct('OffsetFetchResponsePartition', [
        field('partitionIndex', 'int32', '0-7'),
        field('committedOffset', 'int64', '0-7'),
        field('committedLeaderEpoch', 'int32', '5-7', { default: -1, ignorable: true }),
        field('metadata', 'string', '0-7', { nullableVersions: '0-7' }),
        field('errorCode', 'int16', '0-7'),
      ])), '0-7'),
    ])), '0-7'),
    field('errorCode', 'int16', '2-7', { default: 0, ignorable: true }),
    field('groups', array(struct('OffsetFetchResponseGroup', [
      field('groupId', 'string', '8+'),
      field('topics', array(struct('OffsetFetchResponseTopics', [
        field('name', 'string', '8+'),
        field('partitions', array(struct('OffsetFetchResponsePartitions', [
          field('partitionIndex', 'int32', '8+'),
          field('committedOffset', 'int64', '8+'),
          field('committedLeaderEpoch', 'int32', '8+', { default: -1, ignorable: true }),
          field('metadata', 'string', '8+', { nullableVersions: '8+' }),
          field('errorCode', 'int16', '8+'),
        ])), '8+'),
      ])), '8+'),
      field('errorCode', 'int16', '8+', { default: 0 }),
    ])), '8+'),
  ],
});
