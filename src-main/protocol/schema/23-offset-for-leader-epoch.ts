// OffsetForLeaderEpoch (key 23). v1: response gains the leader epoch; v2: current leader epoch for fencing,
// throttle time; v3: replicaId in the request (default -2, a debug consumer); v4: first flexible.
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 23, name: 'OffsetForLeaderEpoch', validVersions: '0-4', flexibleVersions: '4+',
  request: [
    field('replicaId', 'int32', '3+', { default: -2, ignorable: true }),
    field('topics', array(struct('OffsetForLeaderTopic', [
      field('topic', 'string', '0+', { mapKey: true }),
      field('partitions', array(struct('OffsetForLeaderPartition', [
        field('partition', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '2+', { default: -1, ignorable: true }),
        field('leaderEpoch', 'int32', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '2+', { ignorable: true }),
    field('topics', array(struct('OffsetForLeaderTopicResult', [
      field('topic', 'string', '0+', { mapKey: true }),
      field('partitions', array(struct('EpochEndOffset', [
        field('errorCode', 'int16', '0+'),
        field('partition', 'int32', '0+'),
        field('leaderEpoch', 'int32', '1+', { default: -1, ignorable: true }),
        field('endOffset', 'int64', '0+', { default: -1n }),
      ])), '0+'),
    ])), '0+'),
  ],
});
