/** The broker's topic/partition manager: catalog, partitions over storage logs, Kafka's topic rules. */
export { TopicManager, TopicError, type Topic, type CreateTopicInput, type TopicManagerOptions } from './topic-manager.js';
export { OfflineLog, Partition, type PartitionLogPort, type LeaderRole, type ReplicaRole, type LeaderEpochPort } from './partition.js';
export { topicNameProblem, isInternalTopic } from './topic-names.js';
export { effectiveTopicConfig, logConfigFor, maxMessageBytes } from './log-config.js';
export { KNOWN_TOPIC_CONFIGS } from './topic-configs.js';
export type { TopicRecord } from './topic-store.js';
export { validateBatch, asBuffer, type BatchLimits, type Verdict } from './produce-validation.js';
export { kafkaErrorForStorage, storageErrorForVersion } from './storage-errors.js';
