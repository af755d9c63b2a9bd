/** The cluster layer's public door: the local cluster of in-process brokers. */
export { LocalCluster, ClusterError, type LocalClusterOptions } from './local-cluster.js';
export {
  ClusterHost, ClusterHostError, type Awaitable, type ClusterControlLike, type ClusterHostErrorCode, type ClusterHostOptions, type Remote,
  type RemoteClusterControl,
} from './worker-host/cluster-host.js';
