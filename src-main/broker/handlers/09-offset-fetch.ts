// OffsetFetch (9), advertised 0-9. v0-1: errors are per partition (a group-level error is copied into every
// asked partition); v2+: null topics means every committed partition, and a top-level error code; v5+:
// committed leader epoch; v7+: requireStable (UNSTABLE_OFFSET_COMMIT for partitions with a commit still
// being written); v8+: several groups per request, each with its own topics (null = all) and error.
// v9's member id / member epoch (KIP-848) are ignored: groups here are classic. v0 reads the same offsets as
// v1 (Kafka's v0 read ZooKeeper).
import type { ResponseOf } from '../../protocol/index.js';
import offsetFetchApi from '../../protocol/schema/09-offset-fetch.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

type Response = ResponseOf<typeof offsetFetchApi>;

export default defineHandler({
  api: offsetFetchApi,
  versions: [0, 9],
  services: [GROUP_COORDINATOR],
  handle(req, ctx): Response {
    const gc = ctx.node.service(GROUP_COORDINATOR).coordinator;
    const v = ctx.header.apiVersion;
    const requireStable = req.requireStable === true;
    if (v >= 8) {
      return {
        throttleTimeMs: 0,
        groups: (req.groups ?? []).map((g) => {
          const topics = g.topics ?? null;
          const asked = topics === null ? null : topics.map((t) => ({ name: t.name ?? '', partitionIndexes: t.partitionIndexes ?? [] }));
          const r = gc.fetchOffsets(g.groupId ?? '', asked, requireStable);
          return { groupId: g.groupId ?? '', topics: r.topics, errorCode: r.errorCode };
        }),
      };
    }
    const asked = req.topics === undefined ? null : req.topics;
    const topics = asked === null ? null : asked.map((t) => ({ name: t.name ?? '', partitionIndexes: t.partitionIndexes ?? [] }));
    const r = gc.fetchOffsets(req.groupId ?? '', topics, requireStable);
    if (v < 2 && r.errorCode !== 0) {
      // No top-level error before v2: every asked partition carries it.
      return {
        throttleTimeMs: 0,
        topics: (topics ?? []).map((t) => ({
          name: t.name,
          partitions: t.partitionIndexes.map((p) => ({
            partitionIndex: p, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: r.errorCode,
          })),
        })),
      };
    }
    return { throttleTimeMs: 0, topics: r.topics, errorCode: r.errorCode };
  },
});
