// ListOffsets (2), advertised 0-9. Special timestamps: -1 latest (the high watermark, or the last stable
// offset under read_committed, v2+), -2 earliest (log start offset), -3 max timestamp (v7+, KIP-734: the
// first record carrying the largest timestamp), -4 earliest local (v8+; no tiered storage, so the log start
// offset), -5 latest tiered (v9+; no tiered storage, so offset -1 as Kafka answers without remote storage).
// Any other timestamp: the first offset whose record timestamp is >= it, or offset -1 / timestamp -1 when
// none. v0: a list of offsets (oldStyleOffsets) limited by maxNumOffsets, one entry here (see UNSUPPORTED.md);
// v1+: one offset and its timestamp; v4+: leader epoch, and current leader epoch fencing. In a replicated
// cluster only the partition's leader answers (NOT_LEADER_OR_FOLLOWER elsewhere).
import { KafkaError, type KafkaErrorInfo, type ResponseOf } from '../../protocol/index.js';
import listOffsetsApi from '../../protocol/schema/02-list-offsets.js';
import { kafkaErrorForStorage, type Partition } from '../topics/index.js';
import { defineHandler } from './handler.js';

type PartitionOut = ResponseOf<typeof listOffsetsApi>['topics'][number]['partitions'][number];

const LATEST = -1n;
const EARLIEST = -2n;
const MAX_TIMESTAMP = -3n;
const EARLIEST_LOCAL = -4n;
const LATEST_TIERED = -5n;

interface Found { offset: bigint; timestamp: bigint }

function lookup(p: Partition, ts: bigint): Found {
  const log = p.log;
  // read_committed would stop at the last stable offset; with no transactions yet it equals the HW.
  if (ts === LATEST) return { offset: log.highWatermark, timestamp: -1n };
  if (ts === EARLIEST || ts === EARLIEST_LOCAL) return { offset: log.logStartOffset, timestamp: -1n };
  if (ts === LATEST_TIERED) return { offset: -1n, timestamp: -1n };
  if (ts === MAX_TIMESTAMP) {
    const max = log.maxTimestamp();
    if (max < 0n || log.logEndOffset === log.logStartOffset) return { offset: -1n, timestamp: -1n };
    return log.offsetForTimestamp(max) ?? { offset: -1n, timestamp: -1n };
  }
  const hit = log.offsetForTimestamp(ts);
  // Only offsets a consumer can read count (below the high watermark).
  return hit && hit.offset < log.highWatermark ? hit : { offset: -1n, timestamp: -1n };
}

export default defineHandler({
  api: listOffsetsApi,
  versions: [0, 9],
  handle(req, ctx) {
    const version = ctx.header.apiVersion;
    const out = (index: number, e: KafkaErrorInfo, f: Found = { offset: -1n, timestamp: -1n }, epoch = -1): PartitionOut =>
      version === 0
        ? { partitionIndex: index, errorCode: e.code, oldStyleOffsets: f.offset >= 0n ? [f.offset] : [] }
        : { partitionIndex: index, errorCode: e.code, timestamp: f.timestamp, offset: f.offset, leaderEpoch: version >= 4 ? epoch : -1 };
    const seen = new Set<string>();
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((rp) => {
          const key = `${t.name}\u0000${rp.partitionIndex}`;
          if (version >= 1 && seen.has(key)) return out(rp.partitionIndex, KafkaError.INVALID_REQUEST);
          seen.add(key);
          const p = ctx.node.topics.partition(t.name, rp.partitionIndex);
          if (!p) return out(rp.partitionIndex, KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
          if (ctx.node.topics.get(t.name)?.offline.has(rp.partitionIndex)) return out(rp.partitionIndex, KafkaError.KAFKA_STORAGE_ERROR);
          const notLeader = p.notLeaderError; // a follower's offsets are not the partition's (replication)
          if (notLeader !== null) return out(rp.partitionIndex, notLeader);
          const current = rp.currentLeaderEpoch ?? -1;
          if (current >= 0 && current < p.leaderEpoch) return out(rp.partitionIndex, KafkaError.FENCED_LEADER_EPOCH);
          if (current > p.leaderEpoch) return out(rp.partitionIndex, KafkaError.UNKNOWN_LEADER_EPOCH);
          if (version === 0 && (rp.maxNumOffsets ?? 1) <= 0) return out(rp.partitionIndex, KafkaError.NONE);
          try {
            return out(rp.partitionIndex, KafkaError.NONE, lookup(p, rp.timestamp), p.leaderEpoch);
          } catch (err) {
            const mapped = kafkaErrorForStorage(err); // an offline partition, or a read that failed
            if (!mapped) throw err;
            return out(rp.partitionIndex, mapped.error);
          }
        }),
      })),
    };
  },
});
