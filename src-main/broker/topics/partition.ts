/**
 * One partition this node leads: its log (the storage layer's PartitionLog, seen through the small
 * PartitionLogPort interface so the broker does not depend on storage internals), its leader epoch, and
 * an append signal that wakes long-polling fetches.
 */
import type { Buffer } from 'node:buffer';
import { StorageError } from '../../storage/errors.js';
import type { AppendResult, ReadResult } from '../../storage/partition-log.js';

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
  close(): void;
}

export class Partition {
  private readonly listeners = new Set<() => void>();

  constructor(readonly topic: string, readonly index: number, readonly log: PartitionLogPort, public leaderEpoch = 0) {}

  /**
   * Appends batches as the leader. With a single replica the high watermark is the log end at once
   * (the ISR is this node alone); replication (a later issue) will move it instead. `crcChecked`: the
   * caller already verified every batch's CRC (the Produce handler's validateBatch), so storage skips its
   * own pass, which would be a second CRC-32C over every byte.
   */
  append(bytes: Buffer, crcChecked = false): AppendResult {
    const result = this.log.append(bytes, { leaderEpoch: this.leaderEpoch, verifyCrc: !crcChecked });
    this.log.setHighWatermark(this.log.logEndOffset);
    if (!result.duplicate) this.notify();
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

  setHighWatermark(): void {}
  append(): never { throw this.error; }
  read(): never { throw this.error; }
  offsetForTimestamp(): never { throw this.error; }
  maxTimestamp(): never { throw this.error; }
  deleteRecordsBefore(): never { throw this.error; }
  close(): void {}
}
