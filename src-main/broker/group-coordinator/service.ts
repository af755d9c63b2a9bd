/**
 * The group coordinator as a broker service: created once per node when it starts (handlers name
 * GROUP_COORDINATOR in their `services`), configured from the node's Kafka settings, loaded from
 * __consumer_offsets before the node listens, and stopped with the node.
 */
import type { BrokerNode, ServiceLifecycle } from '../handlers/handler.js';
import { serviceKey } from '../handlers/handler.js';
import { systemScheduler } from './clock.js';
import { groupConfigFromBrokerConfig } from './group-config.js';
import { GroupCoordinator } from './group-coordinator.js';
import { OffsetsTopicLog } from './offsets-topic.js';

export interface GroupCoordinatorService extends ServiceLifecycle {
  readonly coordinator: GroupCoordinator;
  readonly log: OffsetsTopicLog;
}

export function createGroupCoordinatorService(node: BrokerNode): GroupCoordinatorService {
  const config = groupConfigFromBrokerConfig((name) => node.settings.raw[name]);
  const log = new OffsetsTopicLog(node.topics, config.offsetsTopicNumPartitions, () => Number(node.now()));
  config.offsetsTopicNumPartitions = log.numPartitions;
  const coordinator = new GroupCoordinator({
    config,
    log,
    clock: systemScheduler,
    partitionExists: (topic, partition) => node.topics.partition(topic, partition) !== undefined,
  });
  coordinator.beginLoading();
  const { records, skipped } = log.replay();
  coordinator.load(records);
  if (skipped > 0) console.warn(`[groups] skipped ${skipped} undecodable __consumer_offsets records while loading`);
  coordinator.start();
  return { coordinator, log, close: () => coordinator.stop() };
}

export const GROUP_COORDINATOR = serviceKey<GroupCoordinatorService>('group-coordinator', createGroupCoordinatorService);
