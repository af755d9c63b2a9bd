/**
 * The broker config catalog's public door: Kafka 3.9's broker and topic configs as data, value parsing
 * and validation, the layered BrokerConfig, topic overrides, DescribeConfigs entries, and parsing of
 * `--config key=value` and server.properties.
 */
export * from './config-types.js';
export { BROKER_CONFIGS, BROKER_CONFIG_BY_NAME } from './broker-configs.js';
export { TOPIC_CONFIGS, TOPIC_CONFIG_BY_NAME } from './topic-configs.js';
export { findBrokerConfig, findTopicConfig, requireBrokerConfig, requireTopicConfig, suggestName } from './config-lookup.js';
export { canonicalConfigValue, describeExpectation, formatConfigValue, javaDoubleString, parseConfigValue } from './config-values.js';
export {
  BrokerConfig, IGNORED_BROKER_KEYS, brokerSynonymNames, type BrokerConfigOptions, type DynamicScope, type SynonymEntry,
} from './broker-config.js';
export { effectiveTopicConfig, topicConfigValue, validateTopicOverrides } from './topic-config.js';
export { describeBrokerConfigs, describeTopicConfigs, type ConfigEntry, type DescribeOptions } from './describe.js';
export { parseConfigArgs, parseProperties } from './properties.js';
export {
  AlterConfigOp, ConfigAdmin, applyConfigOps, duplicateResources,
  type ConfigAdminOptions, type ConfigChange, type ConfigOp, type DescribeResult, type ResourceResult, type TopicConfigRepository,
} from './config-admin.js';
export { ResourceError, brokerResourceScope, validateTopicName } from './config-resources.js';
export { DYNAMIC_CONFIG_FILE, DynamicConfigStore, type DynamicConfigs } from './dynamic-config-store.js';
