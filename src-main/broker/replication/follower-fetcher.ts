/**
 * One follower fetcher: this node's connection to one leader, fetching every partition it follows from that
 * leader with the real Fetch protocol (v12: replica id, current leader epoch, last fetched epoch; clientId
 * tidepool-replica-fetcher-<nodeId>), as Kafka's ReplicaFetcherThread does:
 * - appends the leader's batches as they are (offsets and leader epochs kept, not decompressed; CRCs are
 *   checked by storage) and takes the leader's high watermark (bounded by its own log end) and log start;
 * - truncates on a diverging epoch (truncation.ts), on OFFSET_OUT_OF_RANGE either starts over at the
 *   leader's log start (it fell below it) or truncates to the leader's log end, asked with
 *   OffsetForLeaderEpoch for the leader's current epoch (it is ahead without epochs to compare);
 * - honours the fault switches: paused or isolated from brokers = no fetch (and the connection is dropped),
 *   fetchDelayMs before each fetch; backs off replica.fetch.backoff.ms after an error (per partition for
 *   partition errors and local append failures, the whole fetcher for connection errors).
 * A response is applied only if the partition is still followed under the same epoch and its log end did
 * not move meanwhile (a role change or truncation between request and answer discards it).
 */
import { KafkaError } from '../../protocol/index.js';
import { BatchField } from '../../protocol/records/batch-header.js';
import fetchApi from '../../protocol/schema/01-fetch.js';
import offsetForLeaderEpochApi from '../../protocol/schema/23-offset-for-leader-epoch.js';
import type { BrokerLogger } from '../network/index.js';
import { REPLICA_FETCHER_CLIENT_PREFIX, type FaultSwitches } from '../faults.js';
import type { Partition } from '../topics/partition.js';
import type { ReplicationPorts } from './partition-state.js';
import type { ReplicationConfig } from './replication-config.js';
import { ReplicaClient, ReplicaClientError } from './replica-client.js';
import { truncationOffset } from './truncation.js';

export interface FetcherDeps {
  nodeId: number;
  ports: ReplicationPorts;
  faults: FaultSwitches;
  config: ReplicationConfig;
  logger: BrokerLogger;
  now: () => number;
}

interface Target {
  partition: Partition;
  leaderEpoch: number;
  backoffUntil: number;
}

interface Sent { target: Target; fetchOffset: bigint }

const FETCH_VERSION = 12;
/** Bytes of a v2 batch header up to and including lastOffsetDelta. */
const BATCH_HEADER_BYTES = 27;
const EPOCH_VERSION = 4;
const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class FollowerFetcher {
  private readonly targets = new Map<string, Target>();
  private client: ReplicaClient | null = null;
  private closed = false;
  private wakeUp: (() => void) | null = null;
  private readonly running: Promise<void>;
  private readonly unsubscribeFaults: () => void;
  /** Fetch round trips completed (tests, metrics). */
  fetches = 0;

  constructor(readonly leaderId: number, private readonly deps: FetcherDeps) {
    this.unsubscribeFaults = deps.faults.onChange(() => this.wake());
    this.running = this.run();
  }

  get size(): number { return this.targets.size; }

  /** Follows `partition` from this leader at `leaderEpoch` (replaces an earlier entry for it). */
  add(partition: Partition, leaderEpoch: number): void {
    this.targets.set(key(partition.topic, partition.index), { partition, leaderEpoch, backoffUntil: 0 });
    this.wake();
  }

  remove(topic: string, partition: number): void {
    this.targets.delete(key(topic, partition));
  }

  has(topic: string, partition: number): boolean {
    return this.targets.has(key(topic, partition));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribeFaults();
    this.dropConnection();
    this.wake();
    await this.running;
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  /** Resolves after `ms` or at the next wake(), whichever is first (ms < 0: only a wake). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms >= 0 ? setTimeout(() => { this.wakeUp = null; resolve(); }, ms) : null;
      this.wakeUp = () => { if (timer) clearTimeout(timer); resolve(); };
    });
  }

  private dropConnection(): void {
    this.client?.close();
    this.client = null;
  }

  private async run(): Promise<void> {
    const { faults, config } = this.deps;
    while (!this.closed) {
      if (this.targets.size === 0) { this.dropConnection(); await this.pause(-1); continue; }
      if (!faults.reachesCluster) { this.dropConnection(); await this.pause(-1); continue; }
      const now = this.deps.now();
      const ready = [...this.targets.values()].filter((t) => t.backoffUntil <= now);
      if (ready.length === 0) {
        await this.pause(Math.min(...[...this.targets.values()].map((t) => t.backoffUntil)) - now);
        continue;
      }
      if (faults.current.fetchDelayMs > 0) {
        await this.pause(faults.current.fetchDelayMs);
        if (this.closed || !faults.reachesCluster) continue;
      }
      try {
        await this.fetchOnce(ready);
      } catch (err) {
        if (this.closed) break;
        this.dropConnection();
        this.deps.logger.warn(`replica fetcher ${this.deps.nodeId}->${this.leaderId}: ${(err as Error).message}; retrying in ${config.fetchBackoffMs} ms`);
        await this.pause(config.fetchBackoffMs);
      }
    }
    this.dropConnection();
  }

  private async connection(): Promise<ReplicaClient> {
    if (this.client !== null && !this.client.isClosed) return this.client;
    const addr = this.deps.ports.brokerAddress(this.leaderId);
    if (addr === null) throw new Error(`leader ${this.leaderId} has no known address (fenced or unknown)`);
    this.client = await ReplicaClient.connect(addr.host, addr.port, `${REPLICA_FETCHER_CLIENT_PREFIX}${this.deps.nodeId}`, this.deps.config.socketTimeoutMs);
    return this.client;
  }

  private async fetchOnce(ready: Target[]): Promise<void> {
    const { config, nodeId } = this.deps;
    const client = await this.connection();
    const sent = new Map<string, Sent>();
    const byTopic = new Map<string, { partition: number; currentLeaderEpoch: number; fetchOffset: bigint; lastFetchedEpoch: number; logStartOffset: bigint; partitionMaxBytes: number }[]>();
    for (const t of ready) {
      const log = t.partition.log;
      const fetchOffset = log.logEndOffset;
      sent.set(key(t.partition.topic, t.partition.index), { target: t, fetchOffset });
      const list = byTopic.get(t.partition.topic) ?? [];
      list.push({
        partition: t.partition.index, currentLeaderEpoch: t.leaderEpoch, fetchOffset, lastFetchedEpoch: log.leaderEpochs.latestEpoch,
        logStartOffset: log.logStartOffset, partitionMaxBytes: config.fetchMaxBytes,
      });
      byTopic.set(t.partition.topic, list);
    }
    const resp = await client.send(fetchApi, FETCH_VERSION, {
      replicaId: nodeId, maxWaitMs: config.fetchWaitMaxMs, minBytes: config.fetchMinBytes, maxBytes: config.fetchResponseMaxBytes,
      isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })), forgottenTopicsData: [], rackId: '',
    }, config.fetchWaitMaxMs + config.socketTimeoutMs);
    this.fetches++;
    // A node paused or cut off while the answer travelled behaves as if it never arrived.
    if (this.closed || !this.deps.faults.reachesCluster) return;
    if ((resp.errorCode ?? 0) !== 0) throw new Error(`fetch failed: ${kafkaErrorName(resp.errorCode ?? 0)}`);
    for (const t of resp.responses) {
      for (const p of t.partitions) {
        const s = sent.get(key(t.topic ?? '', p.partitionIndex));
        if (s === undefined) continue;
        try {
          await this.apply(client, s, p);
        } catch (err) {
          if (err instanceof ReplicaClientError) throw err; // the connection is gone: the whole fetcher backs off
          // A partition whose local log refuses (storage error, config drift) must not stall the others.
          s.target.backoffUntil = this.deps.now() + this.deps.config.fetchBackoffMs;
          this.deps.logger.warn(`${t.topic}-${p.partitionIndex}: follower append from leader ${this.leaderId} failed: ${(err as Error).message}`);
        }
      }
    }
  }

  private current(s: Sent): boolean {
    const t = this.targets.get(key(s.target.partition.topic, s.target.partition.index));
    return t === s.target && s.target.partition.log.logEndOffset === s.fetchOffset;
  }

  private async apply(client: ReplicaClient, s: Sent, p: FetchPartitionAnswer): Promise<void> {
    if (!this.current(s)) return;
    const part = s.target.partition;
    const log = part.log;
    if (p.errorCode === KafkaError.OFFSET_OUT_OF_RANGE.code) { await this.outOfRange(client, s, p.logStartOffset ?? -1n); return; }
    if (p.errorCode !== 0) {
      s.target.backoffUntil = this.deps.now() + this.deps.config.fetchBackoffMs;
      return;
    }
    const div = { epoch: p.divergingEpoch?.epoch ?? -1, endOffset: p.divergingEpoch?.endOffset ?? -1n };
    if (div.epoch >= 0 && div.endOffset >= 0n) {
      const cut = truncationOffset(log.leaderEpochs.list(), log.logEndOffset, div);
      this.deps.logger.info(`${part.topic}-${part.index}: diverged from leader ${this.leaderId} at epoch ${div.epoch} (end ${div.endOffset}); truncating to ${cut.offset}`);
      log.truncateTo(cut.offset);
      return;
    }
    const records = p.records;
    if (records !== null && records !== undefined && records.length >= BATCH_HEADER_BYTES) {
      const v = new DataView(records.buffer, records.byteOffset, records.byteLength);
      const first = v.getBigInt64(BatchField.baseOffset);
      const last = first + BigInt(v.getInt32(BatchField.lastOffsetDelta));
      // An empty log starting inside the leader's first batch (the leader's log start moved into it by
      // DeleteRecords or retention): start the log at that batch, as Kafka's follower does.
      if (first < log.logEndOffset && log.logEndOffset === log.logStartOffset && last >= log.logEndOffset) log.truncateFullyAndStartAt(first);
      part.appendAsFollower(records);
    }
    const hw = p.highWatermark < log.logEndOffset ? p.highWatermark : log.logEndOffset;
    if (hw !== log.highWatermark) log.setHighWatermark(hw);
    // The leader's log start moved (DeleteRecords, retention): follow it, within what is committed here.
    const leaderStart = p.logStartOffset ?? -1n;
    if (leaderStart > log.logStartOffset && leaderStart <= log.highWatermark) log.deleteRecordsBefore(leaderStart);
  }

  private async outOfRange(client: ReplicaClient, s: Sent, leaderStart: bigint): Promise<void> {
    const part = s.target.partition;
    const log = part.log;
    if (leaderStart > s.fetchOffset) {
      this.deps.logger.info(`${part.topic}-${part.index}: below leader ${this.leaderId}'s log start ${leaderStart}; starting over there`);
      log.truncateFullyAndStartAt(leaderStart);
      return;
    }
    const answer = await client.send(offsetForLeaderEpochApi, EPOCH_VERSION, {
      replicaId: this.deps.nodeId,
      topics: [{ topic: part.topic, partitions: [{ partition: part.index, currentLeaderEpoch: s.target.leaderEpoch, leaderEpoch: s.target.leaderEpoch }] }],
    }, this.deps.config.socketTimeoutMs);
    const r = answer.topics[0]?.partitions[0];
    if (!this.current(s)) return;
    if (r === undefined || r.errorCode !== 0 || r.endOffset < 0n || r.endOffset >= log.logEndOffset) {
      s.target.backoffUntil = this.deps.now() + this.deps.config.fetchBackoffMs;
      return;
    }
    this.deps.logger.info(`${part.topic}-${part.index}: ahead of leader ${this.leaderId} (its end ${r.endOffset}); truncating`);
    log.truncateTo(r.endOffset);
  }
}

type FetchPartitionAnswer = {
  errorCode: number;
  highWatermark: bigint;
  logStartOffset?: bigint;
  divergingEpoch?: { epoch?: number; endOffset?: bigint };
  records?: Uint8Array | null;
};

function kafkaErrorName(code: number): string {
  return Object.values(KafkaError).find((e) => e.code === code)?.name ?? `error ${code}`;
}
