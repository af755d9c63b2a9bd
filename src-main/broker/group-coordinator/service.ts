/**
 * The group coordinator as a broker service: created once per node when it starts (handlers name
 * GROUP_COORDINATOR in their `services`), configured from the node's Kafka settings, loaded from
 * __consumer_offsets before the node listens, and stopped with the node. In a cluster it coordinates only
 * the groups whose __consumer_offsets partition this node leads: it loads a partition's groups when it
 * becomes that partition's leader and drops them when it stops being leader (the coordinator moves with
 * the partition's leadership, as in Kafka).
 */
import type { BrokerNode, ServiceLifecycle } from '../handlers/handler.js';
import { serviceKey } from '../handlers/handler.js';
import { systemScheduler } from './clock.js';
import { groupConfigFromBrokerConfig } from './group-config.js';
import { GroupCoordinator } from './group-coordinator.js';
import { OFFSETS_TOPIC, OffsetsTopicLog } from './offsets-topic.js';
import { liveBrokers } from '../cluster-link.js';

export interface GroupCoordinatorService extends ServiceLifecycle {
  readonly coordinator: GroupCoordinator;
  readonly log: OffsetsTopicLog;
}

export function createGroupCoordinatorService(node: BrokerNode): GroupCoordinatorService {
  const config = groupConfigFromBrokerConfig((name) => node.settings.raw[name]);
  const cluster = node.cluster;
  const rf = cluster === null ? undefined : (): number => {
    const wanted = Number(node.settings.raw['offsets.topic.replication.factor'] ?? 3);
    return Math.max(1, Math.min(wanted, liveBrokers(cluster.metadata()).length));
  };
  const log = new OffsetsTopicLog(node.topics, config.offsetsTopicNumPartitions, () => Number(node.now()), rf);
  config.offsetsTopicNumPartitions = log.numPartitions;
  const coordinator = new GroupCoordinator({
    config,
    log,
    clock: systemScheduler,
    // In a cluster the partition may live on other brokers only: ask the metadata, not the local logs.
    partitionExists: cluster === null
      ? (topic, partition) => node.topics.partition(topic, partition) !== undefined
      : (topic, partition) => node.topics.get(topic) !== undefined && partition >= 0 && partition < node.topics.get(topic)!.record.partitions,
  });
  if (cluster !== null) {
    const led = new Set<number>();
    coordinator.serveOnly(led);
    coordinator.load([]);
    const stop = node.topics.onPartitionState((state, topic, partition) => {
      if (topic !== OFFSETS_TOPIC) return;
      const leads = state !== null && state.leader === node.nodeId;
      if (leads === led.has(partition)) return;
      if (leads) {
        led.add(partition);
        coordinator.loadPartition(log.replayPartition(partition).records);
      } else {
        led.delete(partition);
        coordinator.unloadPartition(partition);
      }
    });
    coordinator.start();
    return { coordinator, log, close: () => { stop(); coordinator.stop(); } };
  }
  coordinator.beginLoading();
  const { records, skipped } = log.replay();
  coordinator.load(records);
  if (skipped > 0) console.warn(`[groups] skipped ${skipped} undecodable __consumer_offsets records while loading`);
  coordinator.start();
  return { coordinator, log, close: () => coordinator.stop() };
}

export const GROUP_COORDINATOR = serviceKey<GroupCoordinatorService>('group-coordinator', createGroupCoordinatorService);
