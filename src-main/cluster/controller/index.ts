/**
 * The controller's public door (pure logic plus the metadata log; no sockets, no timers). See
 * docs/cluster-controller.md for how the pieces fit and what the cluster wires next.
 */
export { ControllerError, type ControllerErrorName } from './controller-error.js';
export {
  encodeMetadataRecord, decodeMetadataRecord, ConfigResourceType, type MetadataRecord, type RegisterBrokerRecord,
  type TopicRecord, type PartitionRecord, type ConfigRecord, type PartitionChangeRecord, type FenceBrokerRecord,
  type UnfenceBrokerRecord, type RemoveTopicRecord,
} from './metadata-records.js';
export {
  NO_LEADER, emptyImage, cloneImage, applyRecord, applyRecords, topicByName, configKey,
  type MetadataImage, type BrokerImage, type TopicImage, type PartitionImage,
} from './metadata-image.js';
export { MetadataLog, METADATA_PARTITION_DIR, type MetadataLogOptions, type AppendedRecords, type AppendListener } from './metadata-log.js';
export { seededRandom, systemRandom, randomTopicId, type Random } from './seeded-random.js';
export { placeReplicas, type PlacementRequest } from './replica-placement.js';
export { uncleanLeaderElectionEnabled, minInsyncReplicas, validateConfigValue } from './cluster-config.js';
export { elect, liveIn, type Election, type ElectionKind } from './partition-change.js';
export { registerBroker, fenceBroker, unfenceBroker, type BrokerRegistration, type RegistrationDecision } from './broker-decisions.js';
export { createTopic, createPartitions, deleteTopic, alterConfig, validateTopicName, type CreateTopicRequest, type CreateTopicDecision } from './topic-decisions.js';
export {
  alterPartition, electLeader, checkMinIsr, checkAfterAppend, findPartition,
  type AlterPartitionRequest, type PartitionDecision, type ElectionType, type MinIsrCheck,
} from './partition-decisions.js';
export { reassignPartition, listReassignments, originalReplicas, type OngoingReassignment } from './reassignment.js';
export { IsrTracker, type IsrTrackerOptions, type IsrProposal, type FollowerState } from '../../broker/replication/isr-tracker.js';
