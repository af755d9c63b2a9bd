/**
 * The group coordinator's settings, under Kafka's broker config names, with Kafka 3.9's defaults.
 */

export interface GroupCoordinatorConfig {
  /** group.min.session.timeout.ms */
  minSessionTimeoutMs: number;
  /** group.max.session.timeout.ms */
  maxSessionTimeoutMs: number;
  /** group.initial.rebalance.delay.ms: extra wait for more members when an empty group starts rebalancing. */
  initialRebalanceDelayMs: number;
  /** group.max.size */
  maxGroupSize: number;
  /** offsets.retention.minutes, in ms */
  offsetsRetentionMs: number;
  /** offsets.retention.check.interval.ms */
  offsetsRetentionCheckIntervalMs: number;
  /** offset.metadata.max.bytes */
  offsetMetadataMaxBytes: number;
  /** offsets.topic.num.partitions */
  offsetsTopicNumPartitions: number;
  /** How long a new member may wait in JoinGroup before it is dropped (Kafka's fixed 5 minutes). */
  newMemberJoinTimeoutMs: number;
}

export const DEFAULT_GROUP_CONFIG: Readonly<GroupCoordinatorConfig> = Object.freeze({
  minSessionTimeoutMs: 6_000,
  maxSessionTimeoutMs: 1_800_000,
  initialRebalanceDelayMs: 3_000,
  maxGroupSize: 2_147_483_647,
  offsetsRetentionMs: 7 * 24 * 60 * 60 * 1000,
  offsetsRetentionCheckIntervalMs: 600_000,
  offsetMetadataMaxBytes: 4096,
  offsetsTopicNumPartitions: 50,
  newMemberJoinTimeoutMs: 300_000,
});

/** Maps Kafka config names (as strings, e.g. from server.properties) onto a full config. */
export function groupConfigFromBrokerConfig(get: (name: string) => string | number | undefined): GroupCoordinatorConfig {
  const num = (name: string, fallback: number): number => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : fallback;
  };
  const d = DEFAULT_GROUP_CONFIG;
  return {
    minSessionTimeoutMs: num('group.min.session.timeout.ms', d.minSessionTimeoutMs),
    maxSessionTimeoutMs: num('group.max.session.timeout.ms', d.maxSessionTimeoutMs),
    initialRebalanceDelayMs: num('group.initial.rebalance.delay.ms', d.initialRebalanceDelayMs),
    maxGroupSize: num('group.max.size', d.maxGroupSize),
    offsetsRetentionMs: num('offsets.retention.minutes', d.offsetsRetentionMs / 60_000) * 60_000,
    offsetsRetentionCheckIntervalMs: num('offsets.retention.check.interval.ms', d.offsetsRetentionCheckIntervalMs),
    offsetMetadataMaxBytes: num('offset.metadata.max.bytes', d.offsetMetadataMaxBytes),
    offsetsTopicNumPartitions: num('offsets.topic.num.partitions', d.offsetsTopicNumPartitions),
    newMemberJoinTimeoutMs: d.newMemberJoinTimeoutMs,
  };
}
