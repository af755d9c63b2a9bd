// Fetch (1), advertised 0-12 (13+ would need topic ids end to end). v0-3 read MessageSet v0/v1: stored
// batches are down-converted per fetch (magic 0 for v0-1, magic 1 for v2-3); v3+: response max bytes;
// v4+: isolation level (read_committed stops at the last stable offset), last stable offset, aborted
// transactions (always none: no transactions yet); v5+: log start offset; v7+: fetch sessions are declined
// per KIP-227 (sessionId 0 in every answer; a request naming a session gets FETCH_SESSION_ID_NOT_FOUND);
// v9+: current leader epoch fencing; v10+: zstd (older versions get UNSUPPORTED_COMPRESSION_TYPE);
// v11+: preferred read replica is always -1; v12: flexible, tagged fields left at their defaults.
// Long poll: answers when min_bytes of records are available, at max_wait_ms, or at once on any error;
// an append to any requested partition (or a high watermark move) wakes the waiting request
// (topics/fetch-reader.ts does the reads). Replication: a follower's fetch (replicaId >= 0, clientId
// tidepool-replica-fetcher-<id>) reads to the log end, feeds the leader's ISR tracking (which may move the
// HW and release acks=all produces) and may get a diverging epoch (v12, answered at once); consumers read
// up to the HW; a node that does not lead the partition answers NOT_LEADER_OR_FOLLOWER.
// Not supported: fetch from followers (KIP-392), rack-aware replica selection.
import { KafkaError } from '../../protocol/index.js';
import fetchApi from '../../protocol/schema/01-fetch.js';
import { readForFetch, type FetchRead } from '../topics/fetch-reader.js';
import { defineHandler } from './handler.js';

const INT32_MAX = 2147483647;

export default defineHandler({
  api: fetchApi,
  versions: [0, 12],
  handle(req, ctx) {
    const version = ctx.header.apiVersion;
    const { topics } = ctx.node;
    const sessionId = req.sessionId ?? 0;
    const sessionEpoch = req.sessionEpoch ?? -1;
    if (version >= 7 && sessionId !== 0) {
      return { throttleTimeMs: 0, errorCode: KafkaError.FETCH_SESSION_ID_NOT_FOUND.code, sessionId: 0, responses: [] };
    }
    if (version >= 7 && sessionEpoch > 0) {
      return { throttleTimeMs: 0, errorCode: KafkaError.INVALID_FETCH_SESSION_EPOCH.code, sessionId: 0, responses: [] };
    }
    const request = req.topics.map((t) => ({
      topic: t.topic ?? '',
      partitions: t.partitions.map((p) => ({
        partition: p.partition, fetchOffset: p.fetchOffset, partitionMaxBytes: p.partitionMaxBytes, currentLeaderEpoch: p.currentLeaderEpoch,
        lastFetchedEpoch: p.lastFetchedEpoch,
      })),
    }));
    const opts = {
      version, maxBytes: version >= 3 ? (req.maxBytes ?? INT32_MAX) : INT32_MAX, isolationLevel: req.isolationLevel ?? 0, replicaId: req.replicaId ?? -1,
    };
    const answer = (r: FetchRead) => ({
      throttleTimeMs: 0, errorCode: KafkaError.NONE.code, sessionId: 0,
      responses: r.responses.map((t) => ({ topic: t.topic, partitions: t.partitions })),
    });
    const first = readForFetch(topics, request, opts);
    if (req.maxWaitMs <= 0 || first.bytes >= req.minBytes || first.hasError || first.divergent || request.length === 0) return answer(first);

    return new Promise((resolve) => {
      const unsubscribe: (() => void)[] = [];
      let done = false;
      const finish = (r: FetchRead) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        for (const u of unsubscribe) u();
        resolve(answer(r));
      };
      const timer = setTimeout(() => finish(readForFetch(topics, request, opts)), req.maxWaitMs);
      const onAppend = () => {
        if (done) return;
        const r = readForFetch(topics, request, opts);
        if (r.bytes >= req.minBytes || r.hasError || r.divergent) finish(r);
      };
      for (const t of request) {
        for (const p of t.partitions) {
          const part = topics.partition(t.topic, p.partition);
          if (part) unsubscribe.push(part.onAppend(onAppend));
        }
      }
    });
  },
});
