export { LocalClusterPage } from './local-cluster-page.js';
export { useLocalClusterPulse, type ClusterPulse } from './use-cluster-pulse.js';
export { LOCAL_CLUSTER_ID, type PartitionReplication } from './types.js';
