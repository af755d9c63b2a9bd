/** The classic group coordinator: state machine, offsets, __consumer_offsets persistence, broker service. */
export { GroupCoordinator, type GroupCoordinatorOptions } from './group-coordinator.js';
export { GROUP_COORDINATOR, createGroupCoordinatorService, type GroupCoordinatorService } from './service.js';
export { DEFAULT_GROUP_CONFIG, groupConfigFromBrokerConfig, type GroupCoordinatorConfig } from './group-config.js';
export { ManualClock, systemScheduler, type Scheduler } from './clock.js';
export { MemoryGroupLog, type GroupLog, type GroupRecord } from './group-log.js';
export { OFFSETS_TOPIC, OffsetsTopicLog } from './offsets-topic.js';
export { partitionForGroup } from './partition-for.js';
export type { JoinResult, SyncResult, GroupState } from './classic-group.js';
export type { JoinRequest } from './join-group.js';
export type { CommitRequest, FetchResult } from './offsets.js';
