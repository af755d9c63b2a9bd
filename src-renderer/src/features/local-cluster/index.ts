export { LocalClusterPage } from './local-cluster-page.js';
export { useLocalClusterPulse, type ClusterPulse } from './use-cluster-pulse.js';
export { useLocalBrokers } from './use-local-brokers.js';
export { LOCAL_CLUSTER_ID, type LocalBrokerStatus, type PartitionReplication } from './types.js';
