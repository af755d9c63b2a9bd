/**
 * One partition this node leads: its log (the storage layer's PartitionLog, seen through the small
 * PartitionLogPort interface so the broker does not depend on storage internals), its leader epoch, and
 * an append signal that wakes long-polling fetches.
 */
import type { Buffer } from 'node:buffer';
import type { AppendResult, ReadResult } from '../../storage/partition-log.js';

/** What the broker uses of a partition log (structurally satisfied by storage's PartitionLog). */
export interface PartitionLogPort {
  readonly logStartOffset: bigint;
  readonly logEndOffset: bigint;
  readonly highWatermark: bigint;
  setHighWatermark(offset: bigint): void;
  append(bytes: Buffer, opts?: { leaderEpoch?: number; assignOffsets?: boolean }): AppendResult;
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
   * (the ISR is this node alone); replication (a later issue) will move it instead.
   */
  append(bytes: Buffer): AppendResult {
    const result = this.log.append(bytes, { leaderEpoch: this.leaderEpoch });
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
