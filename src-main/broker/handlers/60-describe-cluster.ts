// DescribeCluster (60), advertised 0-1 (v0 is flexible). Returns the cluster id, the controller id and
// every broker with its advertised host/port. v1: endpointType; a broker only serves BROKERS (1), anything
// else is UNSUPPORTED_ENDPOINT_TYPE, as in Kafka 3.9. Authorized operations report "everything allowed"
// when asked (no authorizer), else Kafka's "not requested" sentinel. Not supported: racks (always null).
import { KafkaError } from '../../protocol/index.js';
import describeClusterApi from '../../protocol/schema/60-describe-cluster.js';
import { defineHandler } from './handler.js';

const NOT_REQUESTED = -2147483648;
const BROKERS_ENDPOINT = 1;
// AclOperation codes: CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12.
const CLUSTER_OPS = [5, 7, 8, 9, 10, 11, 12].reduce((m, op) => m | (1 << op), 0);

export default defineHandler({
  api: describeClusterApi,
  versions: [0, 1],
  handle(req, ctx) {
    const { node } = ctx;
    const endpointType = ctx.header.apiVersion >= 1 ? req.endpointType : BROKERS_ENDPOINT;
    const base = { throttleTimeMs: 0, endpointType, clusterId: node.clusterId, clusterAuthorizedOperations: NOT_REQUESTED };
    if (endpointType !== BROKERS_ENDPOINT) {
      return {
        ...base, errorCode: KafkaError.UNSUPPORTED_ENDPOINT_TYPE.code,
        errorMessage: 'The target broker only supports the broker endpoint type', controllerId: -1, brokers: [],
      };
    }
    return {
      ...base,
      errorCode: KafkaError.NONE.code,
      errorMessage: null,
      controllerId: node.controllerId,
      brokers: node.brokers().map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
      clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? CLUSTER_OPS : NOT_REQUESTED,
    };
  },
});
