/** The embedded broker's public door: one node, its settings, handlers, topics and network layer. */
export { Broker, consoleLogger, type BrokerOptions, type BrokerAddress } from './broker.js';
export { makeSettings, DEFAULT_SETTINGS, type BrokerSettings, type SettingsInput } from './settings.js';
export { defineHandler, serviceKey, NO_RESPONSE, CloseConnection, type HandlerDef, type HandlerContext, type BrokerNode, type ServiceKey } from './handlers/handler.js';
export { HandlerRegistry, HANDLERS, DEFAULT_REGISTRY, type ApiVersionRange } from './handlers/registry.js';
export { TopicManager, TopicError, type Topic } from './topics/index.js';
export type { BrokerLogger, RequestEvent } from './network/index.js';
export { settingsFromConfig, type SettingsFromConfigInput } from './settings-from-config.js';
export { topicConfigProblem } from './config/index.js';
export {
  replicationPorts, liveBrokers, topicConfigsIn, type ClusterLink, type MetadataView, type AdminResult, type CreateTopicSpec,
} from './cluster-link.js';
export { FaultSwitches, REPLICA_FETCHER_CLIENT_PREFIX, type FaultState } from './faults.js';
