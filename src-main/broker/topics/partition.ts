/**
 * One partition this node hosts: its log (the storage layer's PartitionLog, seen through the small
 * PartitionLogPort interface so the broker does not depend on storage internals), its leader epoch, its
 * replica role (set by broker/replication when a cluster drives this node; null = a standalone single
 * replica, where the high watermark is the log end at once), and an append signal that wakes long-polling
 * fetches.
 */
import { Buffer } from 'node:buffer';
import { StorageError } from '../../storage/errors.js';
import type { AppendResult, ReadResult } from '../../storage/partition-log.js';
import { KafkaError, type KafkaErrorInfo } from '../../protocol/index.js';
import { TopicError } from './topic-error.js';

/** What replication needs of the leader-epoch cache (storage's LeaderEpochCache). */
export interface LeaderEpochPort {
  readonly latestEpoch: number;
  list(): readonly { epoch: number; startOffset: bigint }[];
  /** Records that `epoch` starts at `startOffset` if newer than the latest epoch. */
  assign(epoch: number, startOffset: bigint): boolean;
}

/** What the broker uses of a partition log (structurally satisfied by storage's PartitionLog). */
export interface PartitionLogPort {
  readonly logStartOffset: bigint;
  readonly logEndOffset: bigint;
  readonly highWatermark: bigint;
  setHighWatermark(offset: bigint): void;
  append(bytes: Buffer, opts?: { leaderEpoch?: number; assignOffsets?: boolean; verifyCrc?: boolean }): AppendResult;
  read(offset: bigint, maxBytes: number, opts?: { maxOffset?: bigint }): ReadResult;
  offsetForTimestamp(timestamp: bigint): { offset: bigint; timestamp: bigint } | undefined;
  maxTimestamp(): bigint;
  deleteRecordsBefore(offset: bigint): bigint;
  readonly leaderEpochs: LeaderEpochPort;
  /** Removes everything at and after `offset` (a follower whose log diverged). */
  truncateTo(offset: bigint): void;
  /** Drops the whole log and starts empty at `offset` (a follower below the leader's log start). */
  truncateFullyAndStartAt(offset: bigint): void;
  close(): void;
}

/**
 * This node leads the partition in a replicated cluster (broker/replication's LeaderState). The high
 * watermark moves as followers fetch; acks=all produces wait for it.
 */
export interface LeaderRole {
  readonly kind: 'leader';
  /** Size of the committed ISR (what min.insync.replicas is checked against). */
  readonly isrSize: number;
  /** True when `id` is one of the partition's replicas (follower fetches from anyone else are refused). */
  hasReplica(id: number): boolean;
  /** After each leader append: the leader's log end moved. */
  afterAppend(): void;
  /** A follower fetched at `fetchOffset` (its log end offset). */
  onFollowerFetch(replicaId: number, fetchOffset: bigint): void;
  /**
   * acks=all: the error to answer once the high watermark reaches `requiredOffset` (NONE, or
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR is then below `minIsr`), REQUEST_TIMED_OUT after
   * `timeoutMs`, NOT_LEADER_OR_FOLLOWER when leadership is lost first. Synchronous when already decided.
   */
  awaitReplication(requiredOffset: bigint, minIsr: number, timeoutMs: number): KafkaErrorInfo | Promise<KafkaErrorInfo>;
}

/** This node follows `leaderId` (its fetcher appends the leader's batches) or no longer replicates the partition. */
export type ReplicaRole = LeaderRole | { readonly kind: 'follower'; readonly leaderId: number } | { readonly kind: 'stopped' };

export class Partition {
  private readonly listeners = new Set<() => void>();

  /** Set by broker/replication; null = standalone (the only replica, always the leader). */
  role: ReplicaRole | null = null;

  constructor(readonly topic: string, readonly index: number, readonly log: PartitionLogPort, public leaderEpoch = 0) {}

  /** The error a leader-only operation gets here, or null when this node may serve it. */
  get notLeaderError(): KafkaErrorInfo | null {
    const r = this.role;
    return r === null || r.kind === 'leader' ? null : KafkaError.NOT_LEADER_OR_FOLLOWER;
  }

  /**
   * Appends batches as the leader, stamping its leader epoch. With a single replica the high watermark is
   * the log end at once (the ISR is this node alone); a replicated leader moves it as followers catch up.
   * `crcChecked`: the caller already verified every batch's CRC (the Produce handler's validateBatch), so
   * storage skips its own pass, which would be a second CRC-32C over every byte. A node that does not
   * lead the partition refuses (TopicError NOT_LEADER_OR_FOLLOWER).
   */
  append(bytes: Buffer, crcChecked = false): AppendResult {
    const role = this.role;
    if (role !== null && role.kind !== 'leader') {
      throw new TopicError(KafkaError.NOT_LEADER_OR_FOLLOWER, `this node does not lead ${this.topic}-${this.index}`);
    }
    const result = this.log.append(bytes, { leaderEpoch: this.leaderEpoch, verifyCrc: !crcChecked });
    if (role === null) this.log.setHighWatermark(this.log.logEndOffset);
    else role.afterAppend();
    if (!result.duplicate) this.notify();
    return result;
  }

  /** Appends the leader's batches as a follower: offsets and leader epochs kept as the leader wrote them. */
  appendAsFollower(bytes: Uint8Array): AppendResult {
    const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = this.log.append(view, { assignOffsets: false });
    this.notify();
    return result;
  }

  /** Calls `cb` after each append until the returned function is called. */
  onAppend(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  notify(): void {
    for (const cb of [...this.listeners]) cb();
  }
}

/**
 * Stands in for a partition log that failed to open, so a topic's partition list stays dense (code that
 * walks it keeps working): every data operation throws the StorageError that took it offline, which the
 * handlers map to KAFKA_STORAGE_ERROR (or NOT_LEADER_OR_FOLLOWER for old versions).
 */
export class OfflineLog implements PartitionLogPort {
  readonly logStartOffset = -1n;
  readonly logEndOffset = -1n;
  readonly highWatermark = -1n;
  readonly error: StorageError;

  constructor(cause: unknown, path: string) {
    this.error = cause instanceof StorageError ? cause
      : new StorageError('TP_STORAGE_IO', `partition offline: ${cause instanceof Error ? cause.message : String(cause)}`, { path, cause });
  }

  readonly leaderEpochs: LeaderEpochPort = { latestEpoch: -1, list: () => [], assign: () => false };
  setHighWatermark(): void {}
  append(): never { throw this.error; }
  truncateTo(): never { throw this.error; }
  truncateFullyAndStartAt(): never { throw this.error; }
  read(): never { throw this.error; }
  offsetForTimestamp(): never { throw this.error; }
  maxTimestamp(): never { throw this.error; }
  deleteRecordsBefore(): never { throw this.error; }
  close(): void {}
}
