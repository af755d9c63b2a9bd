// OffsetCommit (8), advertised 0-9. v0: no generation or member (a simple consumer's commit); v1: generation,
// member id and a per-partition commit timestamp; v2-4: retention_time (a per-offset expiry; -1 = the broker's
// offsets.retention.minutes); v5+: broker retention only; v6+: committed leader epoch; v7+: group.instance.id
// (FENCED_INSTANCE_ID); v8+: flexible. v9 (KIP-848) is served like v8: groups here are classic, so the
// generation field is the classic generation. Unknown topics/partitions answer UNKNOWN_TOPIC_OR_PARTITION.
import offsetCommitApi from '../../protocol/schema/08-offset-commit.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: offsetCommitApi,
  versions: [0, 9],
  services: [GROUP_COORDINATOR],
  async handle(req, ctx) {
    const gc = ctx.node.service(GROUP_COORDINATOR).coordinator;
    const topics = await gc.commitOffsets({
      groupId: req.groupId,
      generationId: req.generationIdOrMemberEpoch ?? -1,
      memberId: req.memberId ?? '',
      groupInstanceId: req.groupInstanceId ?? null,
      retentionTimeMs: req.retentionTimeMs ?? -1n,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          committedOffset: p.committedOffset,
          committedLeaderEpoch: p.committedLeaderEpoch ?? -1,
          committedMetadata: p.committedMetadata,
          commitTimestamp: p.commitTimestamp ?? -1n,
        })),
      })),
    });
    return { throttleTimeMs: 0, topics };
  },
});
