/**
 * The coordinator's log: __consumer_offsets, a compacted internal topic (offsets.topic.num.partitions
 * partitions, created on first use as Kafka does) in which each group's records go to partition
 * `partitionForGroup(groupId)`, one uncompressed RecordBatch per write. On start the whole topic is read
 * back and decoded into GroupRecords for GroupCoordinator.load.
 */
import { Buffer } from 'node:buffer';
import { decodeRecordBatch, encodeRecordBatch, isControl, iterateBatches } from '../../protocol/records/index.js';
import type { TopicManager } from '../topics/index.js';
import type { GroupLog, GroupRecord } from './group-log.js';
import { decodeGroupRecord, encodeGroupRecord } from './internal-records.js';
import { partitionForGroup } from './partition-for.js';

export const OFFSETS_TOPIC = '__consumer_offsets';

/** Kafka's defaults for the topic (offsets.topic.segment.bytes, offsets.topic.compression.codec none). */
const TOPIC_CONFIGS = { 'cleanup.policy': 'compact', 'compression.type': 'producer', 'segment.bytes': '104857600' };
const READ_CHUNK = 1 << 20;

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
  ) {}

  /** The partition count in use: the existing topic's, else offsets.topic.num.partitions. */
  get numPartitions(): number {
    return this.topics.get(OFFSETS_TOPIC)?.partitions.length ?? this.configuredPartitions;
  }

  /** Creates the topic if it does not exist yet (Kafka does so on the first FindCoordinator for a group). */
  ensureTopic(): void {
    if (this.topics.get(OFFSETS_TOPIC) !== undefined) return;
    this.topics.create(OFFSETS_TOPIC, { partitions: this.configuredPartitions, configs: TOPIC_CONFIGS });
  }

  append(groupId: string, records: GroupRecord[]): Promise<void> {
    try {
      this.ensureTopic();
      const index = partitionForGroup(groupId, this.numPartitions);
      const partition = this.topics.partition(OFFSETS_TOPIC, index);
      if (partition === undefined) throw new Error(`${OFFSETS_TOPIC}-${index} does not exist`);
      const batch = encodeRecordBatch({
        baseOffset: 0n,
        baseTimestamp: BigInt(this.now()),
        records: records.map((r, i) => ({ offsetDelta: i, timestampDelta: 0n, ...encodeGroupRecord(r), headers: [] })),
      });
      partition.append(Buffer.from(batch.buffer, batch.byteOffset, batch.byteLength));
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** Reads every partition from its log start to its end, in log order. */
  replay(): ReplayReport {
    const out: ReplayReport = { records: [], skipped: 0 };
    const topic = this.topics.get(OFFSETS_TOPIC);
    if (topic === undefined) return out;
    for (const partition of topic.partitions) {
      const log = partition.log;
      let offset = log.logStartOffset;
      while (offset < log.logEndOffset) {
        const chunk = log.read(offset, READ_CHUNK);
        if (chunk.bytes.length === 0 || chunk.nextOffset <= offset) break;
        for (const { at, header } of iterateBatches(chunk.bytes)) {
          if (isControl(header)) continue;
          let batch;
          try {
            batch = decodeRecordBatch(chunk.bytes, at);
          } catch {
            out.skipped += header.recordCount;
            continue;
          }
          for (const r of batch.records) {
            if (r.offset < offset || r.key === null) continue;
            try {
              const rec = decodeGroupRecord(r.key, r.value);
              if (rec !== null) out.records.push(rec);
            } catch {
              out.skipped++;
            }
          }
        }
        offset = chunk.nextOffset;
      }
    }
    return out;
  }
}
