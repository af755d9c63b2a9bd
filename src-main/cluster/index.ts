/** The cluster layer's public door: the local cluster of in-process brokers. */
export { LocalCluster, ClusterError, type LocalClusterOptions } from './local-cluster.js';
export { ClusterEvents, DEFAULT_EVENT_CAPACITY, type NewClusterEvent, type ClusterEventsOptions } from './cluster-events.js';
export { FaultInjector, isolationOf, type FaultTarget } from './fault-injector.js';
export type * from './control.js';
