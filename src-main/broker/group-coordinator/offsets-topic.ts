/**
 * The coordinator's log: __consumer_offsets, a compacted internal topic (offsets.topic.num.partitions
 * partitions, created on first use as Kafka does) in which each group's records go to partition
 * `partitionForGroup(groupId)`, one uncompressed RecordBatch per write. On start the whole topic is read
 * back and decoded into GroupRecords for GroupCoordinator.load; in a cluster, one partition is read when this
 * node becomes its leader (replayPartition).
 */
import { Buffer } from 'node:buffer';
import { encodeRecordBatch } from '../../protocol/records/index.js';
import { scanLogBatches } from '../../storage/index.js';
import { KafkaError } from '../../protocol/index.js';
import { effectiveTopicConfig, type TopicManager } from '../topics/index.js';
import type { GroupLog, GroupRecord } from './group-log.js';
import { decodeGroupRecord, encodeGroupRecord } from './internal-records.js';
import { partitionForGroup } from './partition-for.js';

export const OFFSETS_TOPIC = '__consumer_offsets';

/** Kafka's defaults for the topic (offsets.topic.segment.bytes, offsets.topic.compression.codec none). */
const TOPIC_CONFIGS = { 'cleanup.policy': 'compact', 'compression.type': 'producer', 'segment.bytes': '104857600' };

export interface ReplayReport {
  records: GroupRecord[];
  /** Records that could not be decoded (skipped, as Kafka skips what it cannot parse on load). */
  skipped: number;
}

export class OffsetsTopicLog implements GroupLog {
  constructor(
    private readonly topics: TopicManager,
    private readonly configuredPartitions: number,
    private readonly now: () => number,
    /** The replication factor to create the topic with (cluster: min(offsets.topic.replication.factor, live brokers)). */
    private readonly replicationFactor?: () => number,
  ) {}

  /** The partition count in use: the existing topic's, else offsets.topic.num.partitions. */
  get numPartitions(): number {
    return this.topics.get(OFFSETS_TOPIC)?.record.partitions ?? this.configuredPartitions;
  }

  /** Creates the topic if it does not exist yet (Kafka does so on the first FindCoordinator for a group). */
  ensureTopic(): void {
    if (this.topics.get(OFFSETS_TOPIC) !== undefined) return;
    this.topics.create(OFFSETS_TOPIC, { partitions: this.configuredPartitions, replicationFactor: this.replicationFactor?.(), configs: TOPIC_CONFIGS });
  }

  /**
   * Appends one batch to the group's partition and, when this node leads a replicated partition, resolves only
   * once the in-sync replicas have it (Kafka writes coordinator records with acks=-1 and
   * offsets.commit.timeout.ms): a commit acknowledged before replication could be lost by a leader failover,
   * and the group's committed offsets would move backwards. A failed wait rejects (the registry answers
   * COORDINATOR_NOT_AVAILABLE, retriable) and the coordinator's cache is left as it was.
   */
  async append(groupId: string, records: GroupRecord[]): Promise<void> {
    this.ensureTopic();
    const index = partitionForGroup(groupId, this.numPartitions);
    const partition = this.topics.partition(OFFSETS_TOPIC, index);
    if (partition === undefined) throw new Error(`${OFFSETS_TOPIC}-${index} does not exist`);
    const batch = encodeRecordBatch({
      baseOffset: 0n,
      baseTimestamp: BigInt(this.now()),
      records: records.map((r, i) => ({ offsetDelta: i, timestampDelta: 0n, ...encodeGroupRecord(r), headers: [] })),
    });
    const appended = partition.append(Buffer.from(batch.buffer, batch.byteOffset, batch.byteLength));
    const role = partition.role;
    if (role === null || role.kind !== 'leader') return;
    const settings = this.topics.settings;
    const overrides = this.topics.get(OFFSETS_TOPIC)?.record.configs ?? {};
    const minIsr = Number(effectiveTopicConfig(settings, overrides, 'min.insync.replicas') ?? 1);
    const timeoutMs = Number(settings.raw['offsets.commit.timeout.ms'] ?? 5000);
    const outcome = await role.awaitReplication(appended.lastOffset + 1n, minIsr, timeoutMs);
    if (outcome !== KafkaError.NONE) throw new Error(`${OFFSETS_TOPIC}-${index}: the write was not replicated (${outcome.name})`);
  }

  /** Reads every partition this node holds from its log start to its end, in log order. */
  replay(): ReplayReport {
    const out: ReplayReport = { records: [], skipped: 0 };
    const topic = this.topics.get(OFFSETS_TOPIC);
    if (topic === undefined) return out;
    for (const partition of topic.partitions) if (partition !== undefined) this.replayInto(partition.log, out);
    return out;
  }

  /** Reads one partition (when this node becomes its leader); nothing when it is not held here. */
  replayPartition(index: number): ReplayReport {
    const out: ReplayReport = { records: [], skipped: 0 };
    const partition = this.topics.partition(OFFSETS_TOPIC, index);
    if (partition !== undefined) this.replayInto(partition.log, out);
    return out;
  }

  private replayInto(log: Parameters<typeof scanLogBatches>[0], out: ReplayReport): void {
    {
      for (const batch of scanLogBatches(log)) {
        // A damaged batch or record is skipped and counted, as Kafka's loader does, rather than failing the broker.
        if (batch.error) { out.skipped += batch.header.recordCount; continue; }
        for (const r of batch.records) {
          if (r.key === null) continue;
          try {
            const rec = decodeGroupRecord(r.key, r.value);
            if (rec !== null) out.records.push(rec);
          } catch {
            out.skipped++;
          }
        }
      }
    }
  }
}
