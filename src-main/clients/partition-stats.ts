/**
 * What the pool's library cannot read about a topic's partitions: the high watermark (kafkajs's admin lists
 * offsets READ_COMMITTED, which gives the last stable offset) and the size on disk (kafkajs has no
 * DescribeLogDirs). One connection per leader broker on the profile's settings (TLS, SASL), reusing the
 * "Test connection" socket and the project's codec: ListOffsets v2 READ_UNCOMMITTED at LATEST, and
 * DescribeLogDirs v1 for the partitions that broker leads. A broker that fails leaves its partitions
 * unknown (null) with the reason; nothing here throws for one bad broker.
 */
import { errorForCode } from '../protocol/index.js';
import type { BrokerInfo } from './kafka-backend.js';
import type { ConnectionSettings } from './profile.js';
import { saslAuthenticate } from './probe/diagnose.js';
import { openKafkaSocket, type KafkaSocket } from './probe/kafka-socket.js';

const LIST_OFFSETS = 2;
const DESCRIBE_LOG_DIRS = 35;
const LATEST = -1n;
const READ_UNCOMMITTED = 0;

export interface PartitionStat {
  partition: number;
  /** null when the leader could not be asked (see `error`). */
  highWatermark: bigint | null;
  /** Bytes of the leader's log for this partition (all its log dirs); null when unknown. */
  sizeBytes: bigint | null;
  error?: string;
}

export interface StatsRequest {
  topic: string;
  /** Each partition with its current leader (-1 = offline: reported unknown without asking anyone). */
  partitions: { partition: number; leader: number }[];
  brokers: BrokerInfo[];
}

const errName = (code: number) => errorForCode(code)?.name ?? `error ${code}`;

async function connect(s: ConnectionSettings, b: BrokerInfo, timeoutMs: number): Promise<KafkaSocket> {
  const opened = await openKafkaSocket({ host: b.host, port: b.port }, s.tls === undefined ? undefined : { ...s.tls }, timeoutMs, () => {});
  try {
    if (s.sasl !== undefined) await saslAuthenticate(opened.kafka, s.sasl);
    return opened.kafka;
  } catch (e) {
    opened.kafka.close();
    throw e;
  }
}

type ListOffsetsResponse = { topics: { name: string; partitions: { partitionIndex: number; errorCode: number; offset: bigint }[] }[] };
type LogDirsResponse = { results: { errorCode: number; topics: { name: string; partitions: { partitionIndex: number; partitionSize: bigint }[] }[] }[] };

/** Asks one leader about the partitions it leads. */
async function askLeader(s: ConnectionSettings, b: BrokerInfo, topic: string, ids: number[], timeoutMs: number): Promise<PartitionStat[]> {
  const k = await connect(s, b, timeoutMs);
  try {
    const lo = await k.request('metadata', LIST_OFFSETS, 2, {
      replicaId: -1, isolationLevel: READ_UNCOMMITTED,
      topics: [{ name: topic, partitions: ids.map((partitionIndex) => ({ partitionIndex, timestamp: LATEST })) }],
    }) as unknown as ListOffsetsResponse;
    const hw = new Map<number, { offset: bigint; errorCode: number }>();
    for (const t of lo.topics) for (const p of t.partitions) hw.set(p.partitionIndex, p);
    const ld = await k.request('metadata', DESCRIBE_LOG_DIRS, 1, { topics: [{ topic, partitions: ids }] }) as unknown as LogDirsResponse;
    const size = new Map<number, bigint>();
    // A partition can sit in several log dirs (a move in progress): its size is the sum over the dirs that answered.
    for (const dir of ld.results) {
      if (dir.errorCode !== 0) continue;
      for (const t of dir.topics) {
        if (t.name !== topic) continue;
        for (const p of t.partitions) size.set(p.partitionIndex, (size.get(p.partitionIndex) ?? 0n) + p.partitionSize);
      }
    }
    return ids.map((partition) => {
      const h = hw.get(partition);
      const ok = h !== undefined && h.errorCode === 0;
      const err = h === undefined ? 'no ListOffsets answer' : h.errorCode !== 0 ? errName(h.errorCode) : undefined;
      return { partition, highWatermark: ok ? h.offset : null, sizeBytes: size.get(partition) ?? null, ...(err === undefined ? {} : { error: `broker ${b.nodeId}: ${err}` }) };
    });
  } finally {
    k.close();
  }
}

export async function readPartitionStats(s: ConnectionSettings, req: StatsRequest, timeoutMs: number): Promise<Map<number, PartitionStat>> {
  const out = new Map<number, PartitionStat>();
  const byLeader = new Map<number, number[]>();
  for (const p of req.partitions) {
    if (p.leader < 0) { out.set(p.partition, { partition: p.partition, highWatermark: null, sizeBytes: null, error: 'offline: no leader' }); continue; }
    byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p.partition]);
  }
  await Promise.all([...byLeader].map(async ([leader, ids]) => {
    const b = req.brokers.find((x) => x.nodeId === leader);
    let stats: PartitionStat[];
    if (b === undefined) {
      stats = ids.map((partition) => ({ partition, highWatermark: null, sizeBytes: null, error: `leader ${leader} is not in the cluster metadata` }));
    } else {
      try {
        stats = await askLeader(s, b, req.topic, ids, timeoutMs);
      } catch (e) {
        const why = `broker ${leader} (${b.host}:${b.port}): ${(e as Error).message}`;
        stats = ids.map((partition) => ({ partition, highWatermark: null, sizeBytes: null, error: why }));
      }
    }
    for (const st of stats) out.set(st.partition, st);
  }));
  return out;
}
