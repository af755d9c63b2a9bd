// DescribeCluster (key 60). v0 is already flexible; v1: endpointType, so a client can ask for
// broker or controller endpoints (KIP-919).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 60, name: 'DescribeCluster', validVersions: '0-1', flexibleVersions: '0+',
  request: [
    field('includeClusterAuthorizedOperations', 'bool', '0+'),
    field('endpointType', 'int8', '1+', { default: 1 }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullableVersions: '0+', default: null }),
    field('endpointType', 'int8', '1+', { default: 1 }),
    field('clusterId', 'string', '0+'),
    field('controllerId', 'int32', '0+', { default: -1 }),
    field('brokers', array(struct('DescribeClusterBroker', [
      field('brokerId', 'int32', '0+', { mapKey: true }),
      field('host', 'string', '0+'),
      field('port', 'int32', '0+'),
      field('rack', 'string', '0+', { nullableVersions: '0+', default: null }),
    ])), '0+'),
    // INT32_MIN means "not requested".
    field('clusterAuthorizedOperations', 'int32', '0+', { default: -2147483648 }),
  ],
});
