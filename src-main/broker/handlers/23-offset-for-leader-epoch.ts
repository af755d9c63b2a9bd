// OffsetForLeaderEpoch (23), advertised 0-4. For each partition: the largest leader epoch <= the requested
// one and its end offset (the start offset of the next epoch, or the log end offset for the latest epoch),
// from storage's leader-epoch cache, following Kafka's LeaderEpochFileCache.endOffsetFor exactly: a
// requested epoch older than every known one answers (requested epoch, first epoch's start offset); one
// newer than the latest answers (-1, -1) with no error. v2+: currentLeaderEpoch fences: older than ours ->
// FENCED_LEADER_EPOCH, newer -> UNKNOWN_LEADER_EPOCH (-1 = no check). v1+: the response carries the epoch;
// v3+: replicaId (followers send their id, consumers -1 or -2: both are answered from the leader's cache,
// as Kafka does); v4: flexible. Unknown topic or partition: UNKNOWN_TOPIC_OR_PARTITION; an offline
// partition (its log could not be opened): KAFKA_STORAGE_ERROR; a node that does not lead the partition in
// a replicated cluster: NOT_LEADER_OR_FOLLOWER.
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import offsetForLeaderEpochApi from '../../protocol/schema/23-offset-for-leader-epoch.js';
import type { Partition } from '../topics/index.js';
import { endOffsetFor } from '../replication/epoch-end-offset.js';
import { defineHandler } from './handler.js';

export { endOffsetFor };

type EpochEndOffset = ResponseOf<typeof offsetForLeaderEpochApi>['topics'][number]['partitions'][number];

function answer(
  p: Partition | undefined, offline: boolean, partition: number, currentLeaderEpoch: number, leaderEpoch: number,
): EpochEndOffset {
  const err = (code: number): EpochEndOffset => ({ errorCode: code, partition, leaderEpoch: -1, endOffset: -1n });
  if (offline) return err(KafkaError.KAFKA_STORAGE_ERROR.code);
  if (p === undefined) return err(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
  const notLeader = p.notLeaderError;
  if (notLeader !== null) return err(notLeader.code);
  if (currentLeaderEpoch !== -1 && currentLeaderEpoch < p.leaderEpoch) return err(KafkaError.FENCED_LEADER_EPOCH.code);
  if (currentLeaderEpoch > p.leaderEpoch) return err(KafkaError.UNKNOWN_LEADER_EPOCH.code);
  const found = endOffsetFor(p.log.leaderEpochs.list(), leaderEpoch, p.log.logEndOffset);
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
            answer(topic?.partitions[p.partition], topic?.offline.has(p.partition) === true, p.partition,
              v >= 2 ? (p.currentLeaderEpoch ?? -1) : -1, p.leaderEpoch)),
        };
      }),
    };
  },
});
