// TxnOffsetCommit (key 28). v2: committed leader epoch; v3: first flexible, group membership (member id,
// group instance id, generation) so the coordinator can fence zombies; v4: may answer TRANSACTION_ABORTABLE.
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 28, name: 'TxnOffsetCommit', validVersions: '0-4', flexibleVersions: '3+',
  request: [
    field('transactionalId', 'string', '0+'),
    field('groupId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('generationId', 'int32', '3+', { default: -1 }),
    field('memberId', 'string', '3+', { default: '' }),
    field('groupInstanceId', 'string', '3+', { nullableVersions: '3+', default: null }),
    field('topics', array(struct('TxnOffsetCommitRequestTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('TxnOffsetCommitRequestPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('committedOffset', 'int64', '0+'),
        field('committedLeaderEpoch', 'int32', '2+', { default: -1, ignorable: true }),
        field('committedMetadata', 'string', '0+', { nullableVersions: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('topics', array(struct('TxnOffsetCommitResponseTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('TxnOffsetCommitResponsePartition', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
