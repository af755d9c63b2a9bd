/**
 * PartitionLog: the durable, segmented log of one partition, in log terms (append, read, lookups, log start /
 * end offsets, high watermark, truncation, DeleteRecords, roll, flush, close). Appends are synchronous
 * positional writes of the caller's bytes (patched in place), so an append that returned has been handed to
 * the OS; fsync happens only per flush.messages / flush.ms or an explicit flush().
 */
import { BatchAttr, BatchField, updateBatchCrc } from '../protocol/records/batch-header.js';
import { type BatchInfo, scanBatches } from './batch-scan.js';
import { type LogConfig, type LogConfigInput, resolveLogConfig } from './config.js';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { StorageError, ioError } from './errors.js';
import { unlinkIfExists } from './fs-util.js';
import type { LeaderEpochCache } from './leader-epoch-cache.js';
import { type RecoveryReport, loadLog } from './log-loader.js';
import { CLEANER_CHECKPOINT_FILE, listPartitionDir, pruneSnapshots, writeCheckpoint, writeCleanShutdownMarker, writeSnapshot } from './log-files.js';
import { type ProducerStateManager } from './producer-state.js';
import { decodeBatch, isCompressed } from './records-adapter.js';
import type { AppendOptions, AppendResult, PartitionLogOptions, ReadOptions, ReadResult } from './partition-log-types.js';
import { LogSegment } from './segment.js';
import { closeAll, floorIndex } from './segment-list.js';

/** Offsets within a segment are int32 deltas in its index. */
const MAX_SEGMENT_OFFSET_SPAN = BigInt(2 ** 31 - 1);

export type { AppendOptions, AppendResult, ReadOptions, ReadResult, PartitionLogOptions } from './partition-log-types.js';

export class PartitionLog {
  /** How the last open went (clean fast path or recovery, bytes cut, indexes rebuilt). */
  readonly recovery: RecoveryReport;
  readonly producerState: ProducerStateManager;
  readonly leaderEpochs: LeaderEpochCache;
  /** Segments oldest first; the last is the active one. Shared with retention and the cleaner. */
  segments: LogSegment[];
  private logStart: bigint;
  private hw: bigint;
  private unflushedRecords = 0;
  /** fsyncs done so far (flush.messages, flush(), close()), for metrics and tests. */
  fsyncCount = 0;
  private closed = false;
  /** Bumped by anything that replaces or removes segments, so a running compaction knows to discard its work. */
  generation = 0;
  readonly now: () => number;

  private constructor(readonly dir: string, public config: LogConfig, opts: PartitionLogOptions) {
    this.now = opts.now ?? Date.now;
    const loaded = loadLog(dir, config, this.now());
    this.segments = loaded.segments;
    this.logStart = loaded.logStartOffset;
    this.hw = loaded.highWatermark;
    this.leaderEpochs = loaded.epochs;
    this.producerState = loaded.producers;
    this.recovery = loaded.recovery;
  }

  /** Opens (creating if needed) the log in `dir`, recovering it after an unclean shutdown. */
  static open(dir: string, config: LogConfigInput = {}, opts: PartitionLogOptions = {}): PartitionLog {
    return new PartitionLog(dir, resolveLogConfig(config), opts);
  }

  get logStartOffset(): bigint { return this.logStart; }
  get logEndOffset(): bigint { return this.active.nextOffset; }
  get highWatermark(): bigint { return this.hw; }
  get active(): LogSegment { return this.segments[this.segments.length - 1]; }
  get sizeInBytes(): number { return this.segments.reduce((n, s) => n + s.size, 0); }
  get isClosed(): boolean { return this.closed; }

  /** Set by replication (or by the broker after each append on a single replica); clamped to [start, end]. */
  setHighWatermark(offset: bigint): void {
    this.hw = offset < this.logStart ? this.logStart : offset > this.logEndOffset ? this.logEndOffset : offset;
  }

  /**
   * Appends one or more v2 batches. The buffer is patched in place (base offset, leader epoch, and on
   * LogAppendTime topics maxTimestamp + CRC) and written with a single write call.
   */
  append(bytes: Uint8Array, opts: AppendOptions = {}): AppendResult {
    this.assertOpen();
    const assign = opts.assignOffsets ?? true;
    const scan = scanBatches(bytes, { checkCrc: opts.verifyCrc ?? true, minOffset: assign ? undefined : this.logEndOffset });
    if (scan.problem || scan.batches.length === 0) {
      const kind = scan.problem?.kind ?? 'empty';
      const code = kind === 'bad-offsets' && !assign ? 'TP_STORAGE_NON_MONOTONIC_OFFSET' : 'TP_STORAGE_INVALID_BATCH';
      throw new StorageError(code, `append rejected: ${kind} at byte ${scan.problem?.position ?? 0}`, { path: this.dir, details: { kind } });
    }
    const batches = scan.batches;
    if (this.config.cleanupPolicy.includes('compact')) this.rejectKeyless(bytes, batches);
    if (assign) {
      const dup = this.checkProducers(batches);
      if (dup) return dup;
    }
    const now = this.now();
    const logAppendTime = assign && this.config.messageTimestampType === 'LogAppendTime' ? BigInt(now) : -1n;
    if (assign) this.assignOffsets(bytes, scan.view, batches, opts.leaderEpoch, logAppendTime);
    this.maybeRoll(bytes.length, batches[0].baseOffset, batches[batches.length - 1].lastOffset, now);
    if (this.active.size === 0) this.active.rollingTimestamp = now;
    this.active.append(bytes, batches);
    let records = 0;
    for (const b of batches) {
      this.leaderEpochs.assign(b.partitionLeaderEpoch, b.baseOffset);
      this.producerState.update(b);
      records += b.recordCount;
    }
    this.unflushedRecords += records;
    if (this.config.flushMessages > 0 && this.unflushedRecords >= this.config.flushMessages) this.flushNow();
    return { baseOffset: batches[0].baseOffset, lastOffset: batches[batches.length - 1].lastOffset, logAppendTime, duplicate: false, recordCount: records };
  }

  private checkProducers(batches: BatchInfo[]): AppendResult | undefined {
    if (!batches.some((b) => b.producerId >= 0n)) return undefined;
    if (batches.length > 1) {
      throw new StorageError('TP_STORAGE_INVALID_BATCH', 'an idempotent batch must be appended alone', { path: this.dir });
    }
    const check = this.producerState.check(batches[0]);
    if (check.kind === 'error') throw new StorageError(check.code, check.message, { path: this.dir, details: { producerId: batches[0].producerId } });
    if (check.kind === 'duplicate') {
      return { baseOffset: check.firstOffset, lastOffset: check.lastOffset, logAppendTime: -1n, duplicate: true, recordCount: batches[0].recordCount };
    }
    return undefined;
  }

  /** Patches base offsets (and leader epochs) in place: fields outside the CRC, so no checksum work. */
  private assignOffsets(bytes: Uint8Array, view: DataView, batches: BatchInfo[], epoch: number | undefined, logAppendTime: bigint): void {
    let next = this.logEndOffset;
    for (const b of batches) {
      view.setBigInt64(b.position + BatchField.baseOffset, next);
      b.baseOffset = next;
      b.lastOffset = next + BigInt(b.lastOffsetDelta);
      if (epoch !== undefined) {
        view.setInt32(b.position + BatchField.partitionLeaderEpoch, epoch);
        b.partitionLeaderEpoch = epoch;
      }
      if (logAppendTime >= 0n) {
        // LogAppendTime changes covered bytes (attributes, maxTimestamp), so this one needs a new CRC.
        view.setInt16(b.position + BatchField.attributes, b.attributes | BatchAttr.timestampLogAppend);
        view.setBigInt64(b.position + BatchField.maxTimestamp, logAppendTime);
        updateBatchCrc(bytes, b.position);
        b.maxTimestamp = logAppendTime;
      }
      next = b.lastOffset + 1n;
    }
  }

  /** Kafka rejects keyless records on compacted topics (INVALID_RECORD). */
  private rejectKeyless(bytes: Uint8Array, batches: BatchInfo[]): void {
    for (const b of batches) {
      if ((b.attributes & BatchAttr.control) !== 0) continue;
      const { records } = decodeBatch(bytes, b.position, this.dir);
      if (records.some((r) => r.key === null)) {
        throw new StorageError('TP_STORAGE_INVALID_RECORD', 'compacted topic: record without a key', { path: this.dir });
      }
    }
  }

  private maybeRoll(incoming: number, firstOffset: bigint, lastOffset: bigint, now: number): void {
    const a = this.active;
    if (a.size === 0) {
      // A follower batch may start past an empty active segment (gaps from compaction): re-base it. If the
      // whole log was empty, it now starts there.
      if (firstOffset !== a.baseOffset) {
        this.roll(firstOffset);
        if (this.segments.length === 1) this.advanceLogStart(firstOffset);
      }
      return;
    }
    const full = a.size + incoming > this.config.segmentBytes;
    const old = now - a.rollingTimestamp > this.config.segmentMs;
    const offsetOverflow = lastOffset - a.baseOffset > MAX_SEGMENT_OFFSET_SPAN;
    if (full || old || offsetOverflow) this.roll(firstOffset);
  }

  /** Starts a new active segment at `baseOffset` (default: the log end offset). */
  roll(baseOffset: bigint = this.logEndOffset): void {
    this.assertOpen();
    const a = this.active;
    if (a.size === 0 && a.baseOffset === baseOffset) return;
    if (a.size === 0) {
      a.delete();
      this.segments.pop();
    } else {
      a.writeIndexes();
    }
    this.segments.push(LogSegment.create(this.dir, baseOffset, this.config.indexIntervalBytes, this.now()));
    // A snapshot at each roll bounds the replay needed after a crash to the active segment.
    this.snapshotProducers();
  }

  /**
   * Reads whole batches starting with the one containing `offset`, up to `maxBytes` (soft for the first batch,
   * KIP-74). Offsets below the log start or above the log end are TP_STORAGE_OFFSET_OUT_OF_RANGE.
   */
  read(offset: bigint, maxBytes: number, opts: ReadOptions = {}): ReadResult {
    this.assertOpen();
    if (offset < this.logStart || offset > this.logEndOffset) {
      throw new StorageError('TP_STORAGE_OFFSET_OUT_OF_RANGE', `offset ${offset} is outside [${this.logStart}, ${this.logEndOffset}]`,
        { path: this.dir, details: { offset, logStartOffset: this.logStart, logEndOffset: this.logEndOffset } });
    }
    const empty = (): ReadResult => ({ bytes: Buffer.alloc(0), nextOffset: offset, ...this.offsets() });
    for (let i = floorIndex(this.segments, offset); i < this.segments.length; i++) {
      const seg = this.segments[i];
      const first = seg.locate(offset);
      if (!first) continue; // offset is past this segment's last batch (or in a compaction gap)
      const r = seg.read(first, Math.max(0, maxBytes), opts.maxOffset);
      if (!r) return empty();
      return { bytes: r.bytes, nextOffset: r.lastOffset + 1n, ...this.offsets() };
    }
    return empty();
  }

  private offsets() {
    return { logStartOffset: this.logStart, logEndOffset: this.logEndOffset, highWatermark: this.hw };
  }

  /**
   * ListOffsets by timestamp: the earliest offset whose record timestamp is >= `timestamp`, or undefined if
   * none. Exact per record (compressed batches are decompressed); LogAppendTime batches answer per batch.
   */
  offsetForTimestamp(timestamp: bigint): { offset: bigint; timestamp: bigint } | undefined {
    this.assertOpen();
    for (const seg of this.segments) {
      const b = seg.findByTimestamp(timestamp);
      if (!b) continue;
      const start = b.baseOffset < this.logStart ? this.logStart : b.baseOffset;
      if ((b.attributes & BatchAttr.timestampLogAppend) !== 0) return { offset: start, timestamp: b.maxTimestamp };
      const bytes = seg.read(b, b.size)?.bytes;
      const rec = bytes && decodeBatch(bytes, 0, seg.logPath).records.find((r) => r.timestamp >= timestamp && r.offset >= this.logStart);
      if (rec) return { offset: rec.offset, timestamp: rec.timestamp };
    }
    return undefined;
  }

  /** The largest record timestamp in the log (-1 if none). */
  maxTimestamp(): bigint {
    let m = -1n;
    for (const s of this.segments) if (s.maxTimestamp > m) m = s.maxTimestamp;
    return m;
  }

  /** ListOffsets -3 (KIP-734): the first record carrying the largest timestamp, or undefined for an empty log. */
  offsetOfMaxTimestamp(): { offset: bigint; timestamp: bigint } | undefined {
    const max = this.maxTimestamp();
    return max < 0n ? undefined : this.offsetForTimestamp(max);
  }

  /** OffsetForLeaderEpoch: the largest epoch <= `epoch` and its end offset (-1/-1 if older than all). */
  endOffsetForEpoch(epoch: number): { epoch: number; endOffset: bigint } {
    return this.leaderEpochs.endOffsetFor(epoch, this.logEndOffset);
  }

  /** DeleteRecords: moves the log start to `offset` (<= HW; -1 means the HW) and drops whole segments below it. */
  deleteRecordsBefore(offset: bigint): bigint {
    this.assertOpen();
    const target = offset === -1n ? this.hw : offset;
    if (target < 0n || target > this.hw) {
      throw new StorageError('TP_STORAGE_OFFSET_OUT_OF_RANGE', `cannot delete records before ${target}: high watermark is ${this.hw}`,
        { path: this.dir, details: { offset: target, highWatermark: this.hw } });
    }
    if (target <= this.logStart) return this.logStart;
    this.advanceLogStart(target);
    this.deleteSegmentsBelowLogStart();
    return this.logStart;
  }

  /** @internal Moves the log start forward and persists it before returning. */
  advanceLogStart(offset: bigint): void {
    if (offset <= this.logStart) return;
    this.logStart = offset;
    if (this.hw < offset) this.hw = offset;
    this.leaderEpochs.truncateFromStart(offset);
    this.producerState.removeBefore(offset);
    this.writeCheckpoint();
  }

  /** @internal Deletes leading segments that lie wholly below the log start (never the active one). */
  deleteSegmentsBelowLogStart(): number {
    let n = 0;
    while (this.segments.length > 1 && this.segments[1].baseOffset <= this.logStart) {
      this.segments.shift()?.delete();
      n++;
    }
    if (n > 0) this.generation++;
    return n;
  }

  /** @internal Deletes the oldest `count` segments (retention); the log start moves to the next segment. */
  deleteOldestSegments(count: number): void {
    const n = Math.min(count, this.segments.length - 1);
    if (n <= 0) return;
    const removed = this.segments.splice(0, n);
    for (const s of removed) s.delete();
    this.generation++;
    this.advanceLogStart(this.segments[0].baseOffset);
  }

  /**
   * @internal Compaction's swap: replaces a non-active segment by its cleaned copy (same base offset). The old
   * indexes go first and the rename is atomic, so a crash at any point leaves a segment whose index is rebuilt.
   */
  replaceSegment(old: LogSegment, cleanedPath: string): void {
    const i = this.segments.indexOf(old);
    if (i < 0 || i === this.segments.length - 1) {
      throw new StorageError('TP_STORAGE_IO', 'segment to replace is not a non-active segment of this log', { path: old.logPath });
    }
    old.release();
    unlinkIfExists(old.indexPath);
    unlinkIfExists(old.timeIndexPath);
    try {
      fs.renameSync(cleanedPath, old.logPath);
    } catch (err) {
      throw ioError('swap compacted segment', old.logPath, err);
    }
    const seg = LogSegment.open(this.dir, old.baseOffset, this.config.indexIntervalBytes, this.now(), false).segment;
    seg.writeIndexes();
    this.segments[i] = seg;
    this.generation++;
  }

  /** Replication: removes everything at and after `offset` (whole batches; the end may land below `offset`). */
  truncateTo(offset: bigint): void {
    this.assertOpen();
    if (offset >= this.logEndOffset) return;
    if (offset <= this.logStart) { this.truncateFullyAndStartAt(offset < this.logStart ? this.logStart : offset); return; }
    while (this.segments.length > 1 && this.active.baseOffset >= offset) this.segments.pop()?.delete();
    this.active.truncateTo(offset);
    this.afterTruncation();
  }

  /** Drops the whole log and starts empty at `offset` (a follower that fell out of range). */
  truncateFullyAndStartAt(offset: bigint): void {
    this.assertOpen();
    for (const s of this.segments) s.delete();
    this.segments = [LogSegment.create(this.dir, offset, this.config.indexIntervalBytes, this.now())];
    this.logStart = offset;
    this.leaderEpochs.clear();
    this.afterTruncation();
  }

  private afterTruncation(): void {
    this.generation++;
    const end = this.logEndOffset;
    if (this.hw > end) this.hw = end;
    this.leaderEpochs.truncateFromEnd(end);
    this.producerState.truncateTo(end);
    pruneSnapshots(this.dir, listPartitionDir(this.dir).snapshotOffsets, 2, end);
    // The cleaner's "clean up to" mark may now point past re-appended, dirty data: start over.
    unlinkIfExists(join(this.dir, CLEANER_CHECKPOINT_FILE));
    this.writeCheckpoint();
  }

  /** fsync of the active segment (off the event loop) plus indexes and checkpoints. */
  async flush(): Promise<void> {
    this.assertOpen();
    this.unflushedRecords = 0;
    const a = this.active;
    a.writeIndexes();
    this.writeCheckpoint();
    await a.sync();
    this.fsyncCount++;
  }

  private flushNow(): void {
    this.unflushedRecords = 0;
    this.active.syncNow();
    this.fsyncCount++;
  }

  /** @internal Writes the producer-state snapshot at the log end. */
  snapshotProducers(): void {
    const end = this.logEndOffset;
    writeSnapshot(this.dir, end, this.producerState.serialize());
    pruneSnapshots(this.dir, listPartitionDir(this.dir).snapshotOffsets, 2, end);
  }

  /** @internal */
  writeCheckpoint(): void {
    writeCheckpoint(this.dir, { logStartOffset: this.logStart, highWatermark: this.hw });
  }

  /** Clean close: indexes, checkpoints and a producer snapshot written, then the clean-shutdown marker. */
  close(): void {
    if (this.closed) return;
    try {
      this.snapshotProducers();
      this.writeCheckpoint();
      for (const s of this.segments) s.writeIndexes();
      const a = this.active;
      a.syncNow();
      writeCleanShutdownMarker(this.dir, { activeBaseOffset: a.baseOffset, activeSize: a.size, logEndOffset: a.nextOffset });
    } finally {
      this.closed = true;
      closeAll(this.segments);
    }
  }

  /**
   * Abrupt close, as a killed process leaves its log: file handles released, nothing flushed or written
   * (no indexes, checkpoint, producer snapshot or clean-shutdown marker), so the next open runs recovery.
   */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.segments) s.release();
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('TP_STORAGE_CLOSED', 'the log is closed', { path: this.dir });
  }
}
