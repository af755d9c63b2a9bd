/**
 * Cluster metadata and partition offsets read on the project's own codec (Metadata v1-9, ListOffsets v1-2),
 * for the views that must keep working while part of the cluster is down. kafkajs 2.2.4, the pool's library,
 * fails a whole topic listing as soon as one partition has no leader (LEADER_NOT_AVAILABLE) and keeps dead
 * brokers in its cached metadata, trying them on the next call: Overview, Brokers and Topics would show an error
 * exactly when the user needs to see the offline partition. Here an offline partition is a row with leader -1,
 * a broker that went away is dropped on the next Metadata, and a failed address moves on to the next one.
 * Connections reuse the "Test connection" socket (DNS, TCP, TLS, ApiVersions, SASL), so every profile setting
 * applies; one connection per address, its requests queued (the socket answers one at a time).
 */
import { TidepoolError } from '../common/index.js';
import type { BrokerInfo, ClusterInfo, PartitionOffsets, TopicInfo } from './kafka-backend.js';
import { bootstrapAddresses, formatHostPort, type ConnectionSettings, type HostPort } from './profile.js';
import { ProbeFailure, type KafkaSocket } from './probe/kafka-socket.js';
import { ConnectionCache, kafkaErrorName as kafkaName, openWireConnection } from './wire-connection.js';

const METADATA = 3;
const LIST_OFFSETS = 2;
const DESCRIBE_LOG_DIRS = 35;
/** v9 has everything shown (cluster id, controller, rack, offline replicas) and still names topics (v10 adds ids). */
const METADATA_MAX = 9;
/** v1 returns one offset per partition; v2 adds the isolation level (READ_UNCOMMITTED: the high watermark). */
const LIST_OFFSETS_MAX = 2;
export const EARLIEST = -2n;
export const LATEST = -1n;
const UNKNOWN_TOPIC = 3;
/** v1 is the newest non-flexible one; the sizes are the same in every version. */
const LOG_DIRS_MAX = 1;

export interface ClusterMetadata extends ClusterInfo {
  /** Topics that exist (unknown names asked for are left out); offline partitions have leader -1. */
  topics: TopicInfo[];
}

export interface PartitionOffset {
  partition: number;
  /** The offset asked for, or null with `error` when the partition's leader could not answer. */
  offset: bigint | null;
  error?: string;
}

/** One replica's log size on one broker (a replica being moved between log dirs counts once, at its current dir). */
export interface ReplicaSize { topic: string; partition: number; broker: number; bytes: bigint }

export interface LogDirsReport {
  /** Every live broker: the bytes of all its replicas asked about, or null with the reason it did not answer. */
  brokers: { nodeId: number; bytes: bigint | null; error?: string }[];
  replicas: ReplicaSize[];
}

interface Conn { kafka: KafkaSocket; metadataVersion: number; listOffsetsVersion: number; logDirsVersion: number | null; queue: Promise<unknown> }

type MetadataResponse = {
  brokers: { nodeId: number; host: string; port: number; rack?: string | null }[];
  clusterId?: string | null;
  controllerId?: number;
  topics: {
    errorCode: number; name: string;
    partitions: { errorCode: number; partitionIndex: number; leaderId: number; replicaNodes: number[]; isrNodes: number[]; offlineReplicas?: number[] }[];
  }[];
};
type LogDirsResponse = {
  results: { errorCode: number; topics: { name: string; partitions: { partitionIndex: number; partitionSize: bigint; isFutureKey: boolean }[] }[] }[];
};
type ListOffsetsResponse = { topics: { name: string; partitions: { partitionIndex: number; errorCode: number; offset?: bigint; oldStyleOffsets?: bigint[] }[] }[] };

export class WireAdmin {
  private readonly conns = new ConnectionCache<Conn>((hp) => this.open(hp));
  /** Brokers from the last Metadata, tried after the bootstrap list when every bootstrap address fails. */
  private known: HostPort[] = [];
  private closed = false;

  constructor(private readonly settings: ConnectionSettings, private readonly timeoutMs: number, private readonly clusterName = 'the cluster') {}

  private unavailable(target: string, e: unknown): TidepoolError {
    const why = e instanceof Error ? e.message : String(e);
    return new TidepoolError('TP_UNAVAILABLE',
      `Cannot reach ${this.clusterName} (${target}): ${why}. Use "Test connection" for a step-by-step diagnosis.`, { target });
  }

  private connect(hp: HostPort): Promise<Conn> {
    if (this.closed) return Promise.reject(new TidepoolError('TP_CANCELLED', 'The connection was closed.'));
    return this.conns.get(hp);
  }

  private async open(hp: HostPort): Promise<Conn> {
    let kafka: KafkaSocket | null = null;
    try {
      const w = await openWireConnection(this.settings, hp, this.timeoutMs, 'tidepool');
      kafka = w.kafka;
      const md = w.maxVersion(METADATA);
      const lo = w.maxVersion(LIST_OFFSETS);
      const ld = w.maxVersion(DESCRIBE_LOG_DIRS);
      if (md === null || md < 1 || lo === null || lo < 1) {
        throw new ProbeFailure('api-versions', 'UNSUPPORTED', 'the broker cannot serve Metadata v1 and ListOffsets v1 (Kafka 0.10.1 or newer is needed)');
      }
      const conn: Conn = {
        kafka, metadataVersion: Math.min(md, METADATA_MAX), listOffsetsVersion: Math.min(lo, LIST_OFFSETS_MAX),
        logDirsVersion: ld === null ? null : Math.min(ld, LOG_DIRS_MAX), queue: Promise.resolve(),
      };
      if (this.closed) kafka.close();
      return conn;
    } catch (e) {
      kafka?.close();
      throw this.unavailable(formatHostPort(hp), e);
    }
  }

  /** One request on `hp`'s connection, after the ones already queued on it; a broken connection is dropped. */
  private async request<T>(hp: HostPort, build: (c: Conn) => [apiKey: number, version: number, body: Record<string, unknown>]): Promise<T> {
    const c = await this.connect(hp);
    const run = c.queue.then(() => {
      const [apiKey, version, body] = build(c);
      return c.kafka.request('metadata', apiKey, version, body);
    });
    c.queue = run.catch(() => undefined);
    try {
      return await run as T;
    } catch (e) {
      if (this.conns.forget(hp)) c.kafka.close();
      throw this.unavailable(formatHostPort(hp), e);
    }
  }

  /** Metadata for `topics` (null = every topic, [] = brokers only) from the first address that answers. */
  async metadata(topics: readonly string[] | null): Promise<ClusterMetadata> {
    const seen = new Set<string>();
    const addresses = [...bootstrapAddresses(this.settings), ...this.known].filter((hp) => {
      const k = formatHostPort(hp);
      return seen.has(k) ? false : (seen.add(k), true);
    });
    let last: unknown = null;
    for (const hp of addresses) {
      try {
        const md = await this.request<MetadataResponse>(hp, (c) => [METADATA, c.metadataVersion, {
          topics: topics === null ? null : topics.map((name) => ({ name })),
          allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
        }]);
        return this.shape(md);
      } catch (e) {
        last = e;
      }
    }
    throw last instanceof TidepoolError ? last : this.unavailable(this.settings.bootstrap.join(', '), last);
  }

  private shape(md: MetadataResponse): ClusterMetadata {
    const brokers: BrokerInfo[] = md.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null }))
      .sort((a, b) => a.nodeId - b.nodeId);
    this.known = brokers.map((b) => ({ host: b.host, port: b.port }));
    const topics: TopicInfo[] = [];
    for (const t of md.topics) {
      if (t.errorCode === UNKNOWN_TOPIC) continue;
      topics.push({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partition: p.partitionIndex, leader: p.leaderId, replicas: [...p.replicaNodes], isr: [...p.isrNodes],
          offlineReplicas: [...(p.offlineReplicas ?? [])],
        })).sort((a, b) => a.partition - b.partition),
      });
    }
    return { clusterId: md.clusterId ?? null, controllerId: md.controllerId ?? -1, brokers, topics };
  }

  /**
   * One offset per partition of each topic (EARLIEST, LATEST or a timestamp), asked of each partition's leader.
   * An offline partition, or one whose leader fails, comes back with offset null and the reason; unknown topics
   * are left out.
   */
  async listOffsets(topics: readonly string[], timestamp: bigint, known?: ClusterMetadata): Promise<Map<string, PartitionOffset[]>> {
    const out = new Map<string, PartitionOffset[]>();
    if (topics.length === 0) return out;
    // `known`: metadata the caller already read for these topics (one Metadata for several lookups).
    const md = known ?? await this.metadata(topics);
    const brokers = new Map(md.brokers.map((b) => [b.nodeId, b]));
    const byLeader = new Map<number, Map<string, number[]>>();
    for (const t of md.topics) {
      const rows: PartitionOffset[] = [];
      out.set(t.name, rows);
      for (const p of t.partitions) {
        if (p.leader < 0 || !brokers.has(p.leader)) { rows.push({ partition: p.partition, offset: null, error: 'offline: no leader' }); continue; }
        const mine = byLeader.get(p.leader) ?? new Map<string, number[]>();
        byLeader.set(p.leader, mine);
        mine.set(t.name, [...(mine.get(t.name) ?? []), p.partition]);
      }
    }
    await Promise.all([...byLeader].map(async ([leader, parts]) => {
      const b = brokers.get(leader)!;
      let answer: ListOffsetsResponse | null = null;
      let failure = '';
      try {
        answer = await this.request<ListOffsetsResponse>(b, (c) => [LIST_OFFSETS, c.listOffsetsVersion, {
          replicaId: -1, isolationLevel: 0,
          topics: [...parts].map(([name, ids]) => ({ name, partitions: ids.map((partitionIndex) => ({ partitionIndex, timestamp, currentLeaderEpoch: -1, maxNumOffsets: 1 })) })),
        }]);
      } catch (e) {
        failure = `broker ${leader}: ${(e as Error).message}`;
      }
      for (const [name, ids] of parts) {
        const got = new Map(answer?.topics.find((t) => t.name === name)?.partitions.map((p) => [p.partitionIndex, p]) ?? []);
        for (const id of ids) {
          const p = got.get(id);
          const offset = p === undefined || p.errorCode !== 0 ? null : (p.offset ?? p.oldStyleOffsets?.[0] ?? null);
          const error = answer === null ? failure : p === undefined ? `broker ${leader}: no answer for this partition`
            : p.errorCode !== 0 ? `broker ${leader}: ${kafkaName(p.errorCode)}` : undefined;
          out.get(name)!.push({ partition: id, offset, ...(error === undefined ? {} : { error }) });
        }
      }
    }));
    for (const rows of out.values()) rows.sort((a, b) => a.partition - b.partition);
    return out;
  }

  /** Log start and end (high watermark) of every partition whose leader answered both; others are left out. */
  async partitionOffsets(topics: readonly string[]): Promise<Map<string, PartitionOffsets[]>> {
    const md = topics.length === 0 ? undefined : await this.metadata(topics);
    const [earliest, latest] = await Promise.all([this.listOffsets(topics, EARLIEST, md), this.listOffsets(topics, LATEST, md)]);
    const out = new Map<string, PartitionOffsets[]>();
    for (const [topic, starts] of earliest) {
      const ends = new Map((latest.get(topic) ?? []).map((p) => [p.partition, p.offset]));
      out.set(topic, starts.flatMap((s) => {
        const end = ends.get(s.partition) ?? null;
        return s.offset === null || end === null ? [] : [{ partition: s.partition, earliest: s.offset, latest: end }];
      }));
    }
    return out;
  }

  /**
   * Log sizes from every live broker (DescribeLogDirs goes to each broker: each reports only its own disks),
   * for `topics` (null = every replica the broker holds). A broker that fails or lacks the API is reported with
   * the reason; the others still count.
   */
  async describeLogDirs(topics: readonly string[] | null): Promise<LogDirsReport> {
    const md = await this.metadata(topics);
    const ask = topics === null ? null : md.topics.map((t) => ({ topic: t.name, partitions: t.partitions.map((p) => p.partition) }));
    const replicas: ReplicaSize[] = [];
    const brokers = await Promise.all(md.brokers.map(async (b) => {
      try {
        const answer = await this.request<LogDirsResponse>(b, (c) => {
          if (c.logDirsVersion === null) throw new ProbeFailure('metadata', 'UNSUPPORTED', 'the broker does not offer DescribeLogDirs (Kafka 1.0 or newer)');
          return [DESCRIBE_LOG_DIRS, c.logDirsVersion, { topics: ask }];
        });
        let bytes = 0n;
        const failed = answer.results.find((r) => r.errorCode !== 0);
        for (const dir of answer.results) {
          if (dir.errorCode !== 0) continue;
          for (const t of dir.topics) {
            for (const p of t.partitions) {
              if (p.isFutureKey) continue;
              bytes += p.partitionSize;
              replicas.push({ topic: t.name, partition: p.partitionIndex, broker: b.nodeId, bytes: p.partitionSize });
            }
          }
        }
        return { nodeId: b.nodeId, bytes, ...(failed === undefined ? {} : { error: `a log dir answered ${kafkaName(failed.errorCode)}` }) };
      } catch (e) {
        return { nodeId: b.nodeId, bytes: null, error: (e as Error).message };
      }
    }));
    replicas.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition || a.broker - b.broker));
    return { brokers, replicas };
  }

  close(): void {
    this.closed = true;
    void this.conns.clear((c) => c.kafka.close());
  }
}
