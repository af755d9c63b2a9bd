/**
 * Group-less, assign-mode reading of a topic for the message browser: Metadata for the partition leaders, then
 * Fetch by partition and offset to each leader, record batches decoded (CRC, decompression) by the project's own
 * protocol/records. Hand-written because no library at hand fits: kafkajs 2.2.4 (the pool's library) has no assign
 * mode, its consumer always joins a group, and a browser must not create groups on the user's cluster;
 * @platformatic/kafka needs Node >= 22.22 (docs/client-pool.md). Connections reuse the "Test connection" socket
 * (DNS, TCP, TLS, ApiVersions, SASL PLAIN/SCRAM) so every profile setting applies here too.
 */
import { TidepoolError } from '../common/index.js';
import { decodeRecordBatch, isControl, iterateBatches, lastOffsetOf, RecordsError } from '../protocol/records/index.js';
import { bootstrapAddresses, formatHostPort, type ConnectionSettings, type HostPort } from './profile.js';
import { ProbeFailure, type KafkaSocket } from './probe/kafka-socket.js';
import { ConnectionCache, kafkaErrorName as kafkaName, openWireConnection } from './wire-connection.js';

const METADATA = 3;
const FETCH = 1;
/** Fetch v4 is the first that reads RecordBatch v2; v11 the last that names topics (v13 wants topic ids). */
const FETCH_MIN = 4;
const FETCH_MAX = 11;
const METADATA_MAX = 7;

export interface FetchedRecord {
  partition: number;
  offset: bigint;
  timestamp: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: { key: string; value: Uint8Array | null }[];
}

export interface PartitionFetch {
  partition: number;
  /** 0 when the fetch worked; otherwise Kafka's error code for this partition (records empty). */
  errorCode: number;
  records: FetchedRecord[];
  /** Where the next fetch of this partition starts (past control batches and skipped records too). */
  nextOffset: bigint;
  highWatermark: bigint;
  logStartOffset: bigint;
}

export interface FetchOptions {
  maxWaitMs: number;
  partitionMaxBytes: number;
  /** Optional cancellation: an aborted signal makes the next step reject with TP_CANCELLED. */
  signal?: AbortSignal;
}

interface Conn { kafka: KafkaSocket; fetchVersion: number; metadataVersion: number }
interface Broker { nodeId: number; host: string; port: number }

const NOT_LEADER = new Set([3 /* UNKNOWN_TOPIC_OR_PARTITION */, 6 /* NOT_LEADER_OR_FOLLOWER */, 74 /* FENCED_LEADER_EPOCH */, 75 /* UNKNOWN_LEADER_EPOCH */]);

/** Copies out of the response frame: a view would keep (and structured-clone) the whole frame. */
const copy = (b: Uint8Array | null) => (b === null ? null : b.slice());

/** One reader per browse, tail or export: its own connections, closed by `close()`. */
export class MessageReader {
  private readonly conns = new ConnectionCache<Conn>((hp) => this.open(hp));
  private brokers = new Map<number, Broker>();
  private leaders = new Map<string, Map<number, number>>();
  private closed = false;

  constructor(private readonly settings: ConnectionSettings, private readonly timeoutMs: number) {}

  private unavailable(target: string, e: unknown): TidepoolError {
    const why = e instanceof Error ? e.message : String(e);
    return new TidepoolError('TP_UNAVAILABLE',
      `Cannot read messages from ${target}: ${why}. Check that the cluster is running; "Test connection" gives a step-by-step diagnosis.`,
      { target });
  }

  private connect(hp: HostPort): Promise<Conn> {
    return this.conns.get(hp);
  }

  private async open(hp: HostPort): Promise<Conn> {
    let kafka: KafkaSocket | null = null;
    try {
      const w = await openWireConnection(this.settings, hp, this.timeoutMs, 'tidepool-browser');
      kafka = w.kafka;
      const fetch = w.maxVersion(FETCH);
      const md = w.maxVersion(METADATA);
      if (fetch === null || fetch < FETCH_MIN || md === null) {
        throw new ProbeFailure('api-versions', 'UNSUPPORTED', 'the broker cannot serve Fetch v4+ (Kafka 0.11 or newer is needed to browse messages)');
      }
      const conn = { kafka, fetchVersion: Math.min(fetch, FETCH_MAX), metadataVersion: Math.max(1, Math.min(md, METADATA_MAX)) };
      if (this.closed) kafka.close();
      return conn;
    } catch (e) {
      kafka?.close();
      throw this.unavailable(formatHostPort(hp), e);
    }
  }

  private check(signal?: AbortSignal): void {
    if (this.closed) throw new TidepoolError('TP_CANCELLED', 'The message reader was closed.');
    if (signal?.aborted) throw new TidepoolError('TP_CANCELLED', 'Cancelled.');
  }

  /** Partition leaders of `topic` from any bootstrap server; TP_NOT_FOUND for an unknown topic. */
  async refreshMetadata(topic: string): Promise<Map<number, number>> {
    this.check();
    let last: unknown = null;
    for (const hp of bootstrapAddresses(this.settings)) {
      try {
        const c = await this.connect(hp);
        const md = await c.kafka.request('metadata', METADATA, c.metadataVersion,
          c.metadataVersion >= 4 ? { topics: [{ name: topic }], allowAutoTopicCreation: false } : { topics: [{ name: topic }] });
        this.brokers = new Map((md.brokers as Broker[]).map((b) => [b.nodeId, { nodeId: b.nodeId, host: b.host, port: b.port }]));
        const t = (md.topics as { errorCode: number; name: string; partitions: { partitionIndex: number; leaderId: number }[] }[])
          .find((x) => x.name === topic);
        if (t === undefined || t.errorCode === 3) {
          throw new TidepoolError('TP_NOT_FOUND', `Topic "${topic}" does not exist on this cluster.`, { topic });
        }
        if (t.errorCode !== 0) {
          throw new TidepoolError('TP_KAFKA', `Reading the metadata of "${topic}" failed: ${kafkaName(t.errorCode)}.`, { kafkaCode: kafkaName(t.errorCode) });
        }
        const leaders = new Map(t.partitions.map((p) => [p.partitionIndex, p.leaderId]));
        this.leaders.set(topic, leaders);
        return leaders;
      } catch (e) {
        if (e instanceof TidepoolError && e.code !== 'TP_UNAVAILABLE') throw e;
        last = e instanceof ProbeFailure ? this.unavailable(formatHostPort(hp), e) : e;
      }
    }
    throw last instanceof TidepoolError ? last : this.unavailable(this.settings.bootstrap.join(', '), last);
  }

  /**
   * One Fetch round: every position is fetched from its leader (one request per leader, in parallel). A
   * partition whose leader moved is retried once after fresh metadata; other partition errors come back in
   * `errorCode` for the caller to decide (e.g. OFFSET_OUT_OF_RANGE after retention).
   */
  async fetch(topic: string, positions: { partition: number; offset: bigint }[], opts: FetchOptions): Promise<PartitionFetch[]> {
    this.check(opts.signal);
    const leaders = this.leaders.get(topic) ?? await this.refreshMetadata(topic);
    const first = await this.fetchRound(topic, positions, leaders, opts);
    const moved = first.filter((r) => NOT_LEADER.has(r.errorCode));
    if (moved.length === 0) return first;
    const fresh = await this.refreshMetadata(topic);
    const again = await this.fetchRound(topic, moved.map((m) => positions.find((p) => p.partition === m.partition)!), fresh, opts);
    const byPartition = new Map(again.map((r) => [r.partition, r]));
    return first.map((r) => byPartition.get(r.partition) ?? r);
  }

  private async fetchRound(topic: string, positions: { partition: number; offset: bigint }[], leaders: Map<number, number>, opts: FetchOptions): Promise<PartitionFetch[]> {
    const byLeader = new Map<number, { partition: number; offset: bigint }[]>();
    const out: PartitionFetch[] = [];
    for (const p of positions) {
      const leader = leaders.get(p.partition);
      if (leader === undefined || leader < 0 || !this.brokers.has(leader)) {
        out.push({ partition: p.partition, errorCode: leader === undefined ? 3 : 6, records: [], nextOffset: p.offset, highWatermark: -1n, logStartOffset: -1n });
        continue;
      }
      const list = byLeader.get(leader) ?? [];
      list.push(p);
      byLeader.set(leader, list);
    }
    const rounds = await Promise.all([...byLeader].map(([leader, ps]) => this.fetchFrom(this.brokers.get(leader)!, topic, ps, opts)));
    return out.concat(...rounds);
  }

  private async fetchFrom(b: Broker, topic: string, ps: { partition: number; offset: bigint }[], opts: FetchOptions): Promise<PartitionFetch[]> {
    const hp = { host: b.host, port: b.port };
    const c = await this.connect(hp);
    this.check(opts.signal);
    let body;
    try {
      body = await c.kafka.request('metadata', FETCH, c.fetchVersion, {
        replicaId: -1, maxWaitMs: opts.maxWaitMs, minBytes: 1, maxBytes: 64 * 1024 * 1024, isolationLevel: 0,
        sessionId: 0, sessionEpoch: -1, rackId: '', forgottenTopicsData: [],
        topics: [{ topic, partitions: ps.map((p) => ({
          partition: p.partition, currentLeaderEpoch: -1, fetchOffset: p.offset, logStartOffset: -1n, partitionMaxBytes: opts.partitionMaxBytes,
        })) }],
      });
    } catch (e) {
      this.conns.forget(hp);
      c.kafka.close();
      throw this.unavailable(`broker ${b.nodeId} (${formatHostPort(hp)})`, e);
    }
    if (typeof body.errorCode === 'number' && body.errorCode !== 0) {
      throw new TidepoolError('TP_KAFKA', `Fetch from broker ${b.nodeId} failed: ${kafkaName(body.errorCode)}.`, { kafkaCode: kafkaName(body.errorCode) });
    }
    const start = new Map(ps.map((p) => [p.partition, p.offset]));
    const res: PartitionFetch[] = [];
    for (const t of body.responses as { partitions: { partitionIndex: number; errorCode: number; highWatermark: bigint; logStartOffset?: bigint; records: Uint8Array | null }[] }[]) {
      for (const p of t.partitions) {
        const from = start.get(p.partitionIndex);
        if (from === undefined) continue;
        res.push(decodePartition(p.partitionIndex, from, p));
      }
    }
    return res;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.conns.clear((c) => c.kafka.close());
  }
}

/** Records at or after `from` of one partition's fetch data; control batches (transaction markers) skipped. */
export function decodePartition(
  partition: number, from: bigint,
  p: { errorCode: number; highWatermark: bigint; logStartOffset?: bigint; records: Uint8Array | null },
): PartitionFetch {
  const out: PartitionFetch = {
    partition, errorCode: p.errorCode, records: [], nextOffset: from, highWatermark: p.highWatermark, logStartOffset: p.logStartOffset ?? -1n,
  };
  if (p.errorCode !== 0 || p.records === null) return out;
  try {
    for (const { at, header } of iterateBatches(p.records)) {
      const next = lastOffsetOf(header) + 1n;
      if (next <= from) continue;
      if (!isControl(header)) {
        for (const r of decodeRecordBatch(p.records, at).records) {
          if (r.offset < from) continue;
          out.records.push({
            partition, offset: r.offset, timestamp: r.timestamp, key: copy(r.key), value: copy(r.value),
            headers: r.headers.map((h) => ({ key: h.key, value: copy(h.value) })),
          });
        }
      }
      out.nextOffset = next;
    }
  } catch (e) {
    if (e instanceof RecordsError) {
      throw new TidepoolError('TP_KAFKA', `Partition ${partition} returned data that cannot be read at offset ${out.nextOffset}: ${e.message}.`,
        { partition, offset: out.nextOffset, kafkaCode: 'CORRUPT_MESSAGE' });
    }
    throw e;
  }
  return out;
}
