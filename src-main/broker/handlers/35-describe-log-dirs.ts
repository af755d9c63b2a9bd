// DescribeLogDirs (35), advertised 0-4. One log dir: the node's data dir. Sizes are the logs' real byte
// sizes (sum of their segment files). topics null = every partition; partitions this node does not host
// are left out, as in Kafka, and so are offline ones (their log could not be opened). offsetLag is 0 and isFutureKey false (no replica moves between dirs).
// v1: same as v0; v2: flexible; v3: top-level errorCode; v4: totalBytes / usableBytes of the dir's file
// system (statfs). Not supported: several log dirs, future replicas (AlterReplicaLogDirs).
import { statfsSync } from 'node:fs';
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import describeLogDirsApi from '../../protocol/schema/35-describe-log-dirs.js';
import type { Partition } from '../topics/index.js';
import { defineHandler } from './handler.js';

type TopicOut = ResponseOf<typeof describeLogDirsApi>['results'][number]['topics'][number];

/** Bytes of a partition's log: storage's PartitionLog knows it; the port may not expose it yet. */
export function partitionSize(p: Partition): bigint {
  const size = (p.log as { sizeInBytes?: unknown }).sizeInBytes;
  return typeof size === 'number' ? BigInt(size) : 0n;
}

function diskSpace(dir: string): { totalBytes: bigint; usableBytes: bigint } {
  try {
    const s = statfsSync(dir, { bigint: true });
    return { totalBytes: s.blocks * s.bsize, usableBytes: s.bavail * s.bsize };
  } catch {
    return { totalBytes: -1n, usableBytes: -1n };
  }
}

export default defineHandler({
  api: describeLogDirsApi,
  versions: [0, 4],
  handle(req, ctx) {
    const topics = ctx.node.topics;
    const wanted = req.topics === null
      ? topics.list().map((t) => ({ topic: t.record.name, partitions: t.partitions.filter((p): p is NonNullable<typeof p> => p !== undefined && !t.offline.has(p.index)).map((p) => p.index) }))
      : req.topics;
    const out: TopicOut[] = [];
    for (const w of wanted) {
      const topic = topics.get(w.topic);
      if (topic === undefined) continue;
      const partitions = [...new Set(w.partitions)].flatMap((i) => {
        const p = topic.partitions[i];
        return p === undefined || topic.offline.has(i) ? [] : [{ partitionIndex: i, partitionSize: partitionSize(p), offsetLag: 0n, isFutureKey: false }];
      });
      if (partitions.length > 0) out.push({ name: w.topic, partitions });
    }
    const dir = ctx.node.settings.dataDir;
    return {
      throttleTimeMs: 0,
      errorCode: KafkaError.NONE.code,
      results: [{ errorCode: KafkaError.NONE.code, logDir: dir, topics: out, ...diskSpace(dir) }],
    };
  },
});
