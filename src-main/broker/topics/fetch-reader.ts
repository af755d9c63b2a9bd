/**
 * Reads one Fetch request's partitions from the logs, as Kafka's ReplicaManager.readFromLog does: whole
 * batches from the one containing the fetch offset, bounded by the partition's and the response's
 * remaining max bytes, except that the first batch of the first partition with data is returned whole
 * even when larger (KIP-74) so a consumer always progresses. read_uncommitted reads up to the high
 * watermark; read_committed up to the last stable offset (the same here: no transactions yet, so no
 * aborted-transaction entries). Offsets outside [log start, log end] are OFFSET_OUT_OF_RANGE; between
 * HW and log end the answer is empty. Fetch v0-3 get their records down-converted to magic 0/1.
 * Replication (a partition with a replica role): only the leader serves (NOT_LEADER_OR_FOLLOWER otherwise,
 * and to a follower fetch from a broker that is not a replica, or to a standalone partition, as Kafka
 * answers an unknown replica); a follower's fetch (replicaId >= 0) reads up to the log end, not the HW, is reported to the leader's ISR
 * tracking before the HW is read, and gets a diverging epoch instead of records when its last fetched
 * epoch does not end where it fetches in the leader's history (KIP-595's check, Fetch v12+).
 */
import { KafkaError, type KafkaErrorInfo } from '../../protocol/index.js';
import { BatchAttr, LOG_OVERHEAD } from '../../protocol/records/batch-header.js';
import { ConversionError, downConvertBatches } from './legacy-records.js';
import { kafkaErrorForStorage, storageErrorForVersion } from './storage-errors.js';
import type { TopicManager } from './topic-manager.js';
import { divergingEpoch } from '../replication/epoch-end-offset.js';

export interface FetchPartitionRequest {
  partition: number;
  fetchOffset: bigint;
  partitionMaxBytes: number;
  currentLeaderEpoch?: number;
  /** Fetch v12+: the epoch of the last batch the (follower) fetcher holds; -1 = none. */
  lastFetchedEpoch?: number;
}

export interface FetchPartitionResult {
  partitionIndex: number;
  errorCode: number;
  highWatermark: bigint;
  lastStableOffset: bigint;
  logStartOffset: bigint;
  abortedTransactions: { producerId: bigint; firstOffset: bigint }[] | null;
  preferredReadReplica: number;
  records: Uint8Array;
  /** Set (v12+) when a follower's log diverged from the leader's: truncate to this epoch's end offset. */
  divergingEpoch?: { epoch: number; endOffset: bigint };
}

export interface FetchRead {
  responses: { topic: string; partitions: FetchPartitionResult[] }[];
  /** Record bytes gathered (what min_bytes is compared with). */
  bytes: number;
  /** Some partition answered with an error (Kafka then answers at once). */
  hasError: boolean;
  /** Some follower partition got a diverging epoch (answered at once too). */
  divergent: boolean;
}

const EMPTY = new Uint8Array(0);

/** True when some whole batch in `data` is zstd-compressed (old fetchers cannot read it). */
function hasZstd(data: Uint8Array): boolean {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let at = 0; at + 23 <= data.length;) {
    if ((v.getInt16(at + 21) & BatchAttr.compressionMask) === 4) return true;
    at += v.getInt32(at + 8) + LOG_OVERHEAD;
  }
  return false;
}

export function readForFetch(
  topics: TopicManager,
  request: { topic: string; partitions: FetchPartitionRequest[] }[],
  opts: { version: number; maxBytes: number; isolationLevel: number; replicaId?: number },
): FetchRead {
  let budget = opts.maxBytes;
  let minOneMessage = true;
  let bytes = 0;
  let hasError = false;
  let divergent = false;
  const replicaId = opts.replicaId ?? -1;
  const responses = request.map((t) => ({
    topic: t.topic,
    partitions: t.partitions.map((fp): FetchPartitionResult => {
      const fail = (e: KafkaErrorInfo, hw = -1n, lso = -1n, start = -1n): FetchPartitionResult => {
        hasError = true;
        return { partitionIndex: fp.partition, errorCode: e.code, highWatermark: hw, lastStableOffset: lso, logStartOffset: start,
          abortedTransactions: null, preferredReadReplica: -1, records: EMPTY };
      };
      const p = topics.partition(t.topic, fp.partition);
      if (topics.get(t.topic)?.offline.has(fp.partition)) return fail(storageErrorForVersion(KafkaError.KAFKA_STORAGE_ERROR, opts.version, 6));
      if (!p) return fail(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
      const notLeader = p.notLeaderError;
      if (notLeader !== null) return fail(notLeader);
      const epoch = fp.currentLeaderEpoch ?? -1;
      if (epoch >= 0 && epoch < p.leaderEpoch) return fail(KafkaError.FENCED_LEADER_EPOCH);
      if (epoch > p.leaderEpoch) return fail(KafkaError.UNKNOWN_LEADER_EPOCH);
      const log = p.log;
      const leader = replicaId >= 0 && p.role !== null && p.role.kind === 'leader' ? p.role : null;
      // Kafka refuses follower fetches from a broker that is not a replica (or to a partition not replicated here).
      if (replicaId >= 0 && (leader === null || !leader.hasReplica(replicaId))) return fail(KafkaError.NOT_LEADER_OR_FOLLOWER);
      if (leader !== null && (fp.lastFetchedEpoch ?? -1) >= 0) {
        const div = divergingEpoch(log.leaderEpochs.list(), fp.lastFetchedEpoch!, fp.fetchOffset, log.logEndOffset);
        if (div === 'unknown') return fail(KafkaError.OFFSET_OUT_OF_RANGE, log.highWatermark, log.highWatermark, log.logStartOffset);
        if (div !== null) {
          divergent = true;
          return { partitionIndex: fp.partition, errorCode: KafkaError.NONE.code, highWatermark: log.highWatermark, lastStableOffset: log.highWatermark,
            logStartOffset: log.logStartOffset, abortedTransactions: null, preferredReadReplica: -1, records: EMPTY, divergingEpoch: div };
        }
      }
      const start = log.logStartOffset;
      if (fp.fetchOffset < start || fp.fetchOffset > log.logEndOffset) return fail(KafkaError.OFFSET_OUT_OF_RANGE, log.highWatermark, log.highWatermark, start);
      // The follower's fetch offset is its log end: it may move the HW, which this answer then carries.
      if (leader !== null) leader.onFollowerFetch(replicaId, fp.fetchOffset);
      const hw = log.highWatermark;
      const lso = hw; // no open transactions can exist yet
      const limit = Math.min(fp.partitionMaxBytes, budget);
      let records: Uint8Array = EMPTY;
      if (limit > 0 || minOneMessage) {
        try {
          const maxOffset = leader !== null ? undefined : opts.isolationLevel === 1 ? lso : hw;
          const r = log.read(fp.fetchOffset, Math.max(limit, 0), { maxOffset });
          records = r.bytes.length > limit && !minOneMessage ? EMPTY : r.bytes;
        } catch (err) {
          const mapped = kafkaErrorForStorage(err);
          if (!mapped) throw err;
          return fail(storageErrorForVersion(mapped.error, opts.version, 6), hw, lso, start);
        }
      }
      if (records.length > 0) {
        if (opts.version < 10 && hasZstd(records)) return fail(KafkaError.UNSUPPORTED_COMPRESSION_TYPE, hw, lso, start);
        if (opts.version < 4) {
          try {
            records = downConvertBatches(records, opts.version <= 1 ? 0 : 1, fp.fetchOffset);
          } catch (err) {
            if (err instanceof ConversionError) return fail(err.error, hw, lso, start);
            throw err;
          }
        }
        minOneMessage = false;
        budget -= records.length;
        bytes += records.length;
      }
      return {
        partitionIndex: fp.partition, errorCode: KafkaError.NONE.code, highWatermark: hw, lastStableOffset: lso, logStartOffset: start,
        abortedTransactions: opts.isolationLevel === 1 ? [] : null, preferredReadReplica: -1, records,
      };
    }),
  }));
  return { responses, bytes, hasError, divergent };
}
