// OffsetForLeaderEpoch (23), advertised 0-4. For each partition: the largest leader epoch <= the requested
// one and its end offset (the start offset of the next epoch, or the log end offset for the latest epoch),
// from storage's leader-epoch cache, following Kafka's LeaderEpochFileCache.endOffsetFor exactly: a
// requested epoch older than every known one answers (requested epoch, first epoch's start offset); one
// newer than the latest answers (-1, -1) with no error. v2+: currentLeaderEpoch fences: older than ours ->
// FENCED_LEADER_EPOCH, newer -> UNKNOWN_LEADER_EPOCH (-1 = no check). v1+: the response carries the epoch;
// v3+: replicaId (consumers send -1 or -2); v4: flexible. Unknown topic or partition:
// UNKNOWN_TOPIC_OR_PARTITION. Not supported: follower requests (replicaId >= 0) are answered like consumers'.
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import offsetForLeaderEpochApi from '../../protocol/schema/23-offset-for-leader-epoch.js';
import type { Partition } from '../topics/index.js';
import { defineHandler } from './handler.js';

type EpochEndOffset = ResponseOf<typeof offsetForLeaderEpochApi>['topics'][number]['partitions'][number];
interface EpochEntry { epoch: number; startOffset: bigint }

/** The partition log's epoch entries (storage's LeaderEpochCache), oldest first. */
function epochEntries(p: Partition): readonly EpochEntry[] {
  const cache = (p.log as { leaderEpochs?: { list(): readonly EpochEntry[] } }).leaderEpochs;
  return cache?.list() ?? [];
}

/** Kafka's LeaderEpochFileCache.endOffsetFor. */
export function endOffsetFor(entries: readonly EpochEntry[], requested: number, logEndOffset: bigint): { epoch: number; endOffset: bigint } {
  const undefinedResult = { epoch: -1, endOffset: -1n };
  if (requested === -1 || entries.length === 0) return undefinedResult;
  if (entries[entries.length - 1]!.epoch === requested) return { epoch: requested, endOffset: logEndOffset };
  const higher = entries.find((e) => e.epoch > requested);
  if (higher === undefined) return undefinedResult;
  const floor = [...entries].reverse().find((e) => e.epoch <= requested);
  return { epoch: floor === undefined ? requested : floor.epoch, endOffset: higher.startOffset };
}

function answer(p: Partition | undefined, partition: number, currentLeaderEpoch: number, leaderEpoch: number): EpochEndOffset {
  const err = (code: number): EpochEndOffset => ({ errorCode: code, partition, leaderEpoch: -1, endOffset: -1n });
  if (p === undefined) return err(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
  if (currentLeaderEpoch !== -1 && currentLeaderEpoch < p.leaderEpoch) return err(KafkaError.FENCED_LEADER_EPOCH.code);
  if (currentLeaderEpoch > p.leaderEpoch) return err(KafkaError.UNKNOWN_LEADER_EPOCH.code);
  const found = endOffsetFor(epochEntries(p), leaderEpoch, p.log.logEndOffset);
  return { errorCode: KafkaError.NONE.code, partition, leaderEpoch: found.epoch, endOffset: found.endOffset };
}

export default defineHandler({
  api: offsetForLeaderEpochApi,
  versions: [0, 4],
  handle(req, ctx) {
    const v = ctx.header.apiVersion;
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => {
        const topic = ctx.node.topics.get(t.topic);
        return {
          topic: t.topic,
          partitions: t.partitions.map((p) =>
            answer(topic?.partitions[p.partition], p.partition, v >= 2 ? (p.currentLeaderEpoch ?? -1) : -1, p.leaderEpoch)),
        };
      }),
    };
  },
});
