// ListOffsets (key 2). v0: several old-style offsets per partition (maxNumOffsets); v1: a single offset with
// its timestamp; v2: isolation level, throttle time; v4: current leader epoch (fencing) and leader epoch in
// the response; v5: OFFSET_NOT_AVAILABLE possible; v6: first flexible version; v7: max-timestamp lookup
// (KIP-734); v8: local log start offset lookup (KIP-405); v9: last tiered offset lookup (KIP-1005).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 2, name: 'ListOffsets', validVersions: '0-9', flexibleVersions: '6+',
  request: [
    field('replicaId', 'int32', '0+'),
    field('isolationLevel', 'int8', '2+'),
    field('topics', array(struct('ListOffsetsTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('ListOffsetsPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '4+', { default: -1, ignorable: true }),
        field('timestamp', 'int64', '0+'),
        field('maxNumOffsets', 'int32', '0', { default: 1 }),
      ])), '0+'),
    ])), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '2+', { ignorable: true }),
    field('topics', array(struct('ListOffsetsTopicResponse', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('ListOffsetsPartitionResponse', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('oldStyleOffsets', array('int64'), '0'),
        field('timestamp', 'int64', '1+', { default: -1n }),
        field('offset', 'int64', '1+', { default: -1n }),
        field('leaderEpoch', 'int32', '4+', { default: -1 }),
      ])), '0+'),
    ])), '0+'),
  ],
});
