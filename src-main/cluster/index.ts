/** The cluster layer's public door: the local cluster of in-process brokers and its controller, and its worker-thread host. */
export { LocalCluster, ClusterError, MAX_BROKERS, type LocalClusterOptions } from './local-cluster.js';
export { ControllerRuntime, type ControllerRuntimeOptions } from './controller-runtime.js';
export { ClusterEvents, DEFAULT_EVENT_CAPACITY, type NewClusterEvent, type ClusterEventsOptions } from './cluster-events.js';
export { FaultInjector, isolationOf, type FaultTarget } from './fault-injector.js';
export type * from './control.js';
export {
  ClusterHost, ClusterHostError, type Awaitable, type ClusterControlLike, type ClusterHostErrorCode, type ClusterHostOptions, type Remote,
  type RemoteClusterControl,
} from './worker-host/cluster-host.js';
