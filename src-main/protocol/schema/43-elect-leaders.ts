// ElectLeaders (key 43). v1: election type (preferred or unclean) and a top-level errorCode;
// v2: first flexible version.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 43, name: 'ElectLeaders', validVersions: '0-2', flexibleVersions: '2+',
  request: [
    field('electionType', 'int8', '1+'),
    // null elects leaders for every partition.
    field('topicPartitions', array(struct('TopicPartitions', [
      field('topic', 'string', '0+', { mapKey: true }),
      field('partitions', array('int32'), '0+'),
    ])), '0+', { nullableVersions: '0+' }),
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '1+'),
    field('replicaElectionResults', array(struct('ReplicaElectionResult', [
      field('topic', 'string', '0+'),
      field('partitionResult', array(struct('PartitionResult', [
        field('partitionId', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
});
