// Metadata (key 3). v0: an empty topic list means all topics; v1+: null means all, empty means none.
// v1: broker rack, controller id, topic isInternal; v2: cluster id; v3: throttle time; v4: client may forbid
// auto topic creation; v5: offline replicas per partition; v7: leader epoch per partition; v8: authorized
// operations for topics and cluster; v9: first flexible version; v10: topic ids (and nullable request names,
// not served by brokers before v12); v11: cluster authorized operations dropped (moved to DescribeCluster);
// v12: lookup by topic id, so response topic names become nullable.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 3, name: 'Metadata', validVersions: '0-12', flexibleVersions: '9+',
  request: [
    field('topics', array(struct('MetadataRequestTopic', [
      field('topicId', 'uuid', '10+', { ignorable: true }),
      field('name', 'string', '0+', { nullableVersions: '10+' }),
    ])), '0+', { nullableVersions: '1+' }),
    field('allowAutoTopicCreation', 'bool', '4+', { default: true }),
    field('includeClusterAuthorizedOperations', 'bool', '8-10'),
    field('includeTopicAuthorizedOperations', 'bool', '8+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '3+', { ignorable: true }),
    field('brokers', array(struct('MetadataResponseBroker', [
      field('nodeId', 'int32', '0+', { mapKey: true }),
      field('host', 'string', '0+'),
      field('port', 'int32', '0+'),
      field('rack', 'string', '1+', { nullableVersions: '1+', ignorable: true, default: null }),
    ])), '0+'),
    field('clusterId', 'string', '2+', { nullableVersions: '2+', ignorable: true, default: null }),
    field('controllerId', 'int32', '1+', { default: -1, ignorable: true }),
    field('topics', array(struct('MetadataResponseTopic', [
      field('errorCode', 'int16', '0+'),
      field('name', 'string', '0+', { mapKey: true, nullableVersions: '12+' }),
      field('topicId', 'uuid', '10+', { ignorable: true }),
      field('isInternal', 'bool', '1+', { default: false, ignorable: true }),
      field('partitions', array(struct('MetadataResponsePartition', [
        field('errorCode', 'int16', '0+'),
        field('partitionIndex', 'int32', '0+'),
        field('leaderId', 'int32', '0+'),
        field('leaderEpoch', 'int32', '7+', { default: -1, ignorable: true }),
        field('replicaNodes', array('int32'), '0+'),
        field('isrNodes', array('int32'), '0+'),
        field('offlineReplicas', array('int32'), '5+', { ignorable: true }),
      ])), '0+'),
      field('topicAuthorizedOperations', 'int32', '8+', { default: -2147483648 }),
    ])), '0+'),
    field('clusterAuthorizedOperations', 'int32', '8-10', { default: -2147483648 }),
  ],
});
