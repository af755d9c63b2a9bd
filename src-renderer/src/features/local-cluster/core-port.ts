/**
 * The Local Cluster port over the core's `localCluster.*` contract: one call per action, and the two
 * subscriptions (events, state) that the client renews by itself after a reconnect.
 */
import { api } from '../../api/client.js';
import type { BrokerAction, LocalClusterInfo, LocalClusterPort } from './types.js';

function brokerCall(nodeId: number, a: BrokerAction): Promise<LocalClusterInfo> {
  switch (a.kind) {
    case 'stop': return api().call('localCluster.stopBroker', { nodeId });
    case 'kill': return api().call('localCluster.killBroker', { nodeId });
    case 'start': return api().call('localCluster.startBroker', { nodeId });
    case 'restart': return api().call('localCluster.restartBroker', { nodeId });
    case 'pause': return api().call('localCluster.pauseBroker', { nodeId });
    case 'resume': return api().call('localCluster.resumeBroker', { nodeId });
    case 'heal': return api().call('localCluster.healBroker', { nodeId });
    case 'slow': return api().call('localCluster.slowBroker', { nodeId, fetchDelayMs: a.fetchDelayMs });
    case 'isolate': return api().call('localCluster.isolateBroker', { nodeId, mode: a.mode });
  }
}

export const corePort: LocalClusterPort = {
  status: () => api().call('localCluster.status', {}),
  start: (brokers) => api().call('localCluster.start', { brokers }),
  stop: () => api().call('localCluster.stop', {}),
  broker: brokerCall,
  replication: (topic) => api().call('localCluster.replication', topic === undefined ? {} : { topic }),
  events: (onEvent, onError) => api().subscribe('localCluster.events', {}, onEvent, onError),
  state: (onInfo, onError) => api().subscribe('localCluster.state', {}, onInfo, onError),
};
