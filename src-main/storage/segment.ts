/**
 * One log segment: `<base>.log` holding record batches exactly as appended, plus its sparse offset and time
 * indexes. Appends are one positional write of the caller's bytes; reads return whole batches. A segment knows
 * its own tail (next offset, largest timestamp) and can recover it from the file after a crash.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { BATCH_HEADER_SIZE } from '../protocol/records/batch-header.js';
import { type BatchInfo, batchInfoAt, checkFraming } from './batch-scan.js';
import { StorageError, ioError } from './errors.js';
import { closeQuietly, fileSize, openRw, readAt, readFileIfExists, truncateFd, unlinkIfExists, writeFully } from './fs-util.js';
import { OffsetIndex } from './offset-index.js';
import { scanFile, type FileScanResult } from './segment-scan.js';
import { TimeIndex } from './time-index.js';

export function segmentFileName(baseOffset: bigint, suffix: string): string {
  return `${baseOffset.toString().padStart(20, '0')}${suffix}`;
}

export interface SegmentOpenResult {
  segment: LogSegment;
  /** Bytes cut from the end because they were not a valid batch (recovery only). */
  truncatedBytes: number;
  /** Why an index file was rebuilt, if it was. */
  indexRebuilt?: string;
}

export class LogSegment {
  readonly logPath: string;
  readonly indexPath: string;
  readonly timeIndexPath: string;
  size = 0;
  nextOffset: bigint;
  maxTimestamp = -1n;
  /** Timestamp that segment.ms counts from: the first batch's max timestamp, else the creation time. */
  rollingTimestamp: number;
  private index: OffsetIndex;
  private timeIndex: TimeIndex;
  private bytesSinceIndex = 0;
  private indexDirty = false;
  private closed = false;

  private constructor(private readonly fd: number, readonly dir: string, readonly baseOffset: bigint, private readonly indexInterval: number, now: number) {
    this.logPath = join(dir, segmentFileName(baseOffset, '.log'));
    this.indexPath = join(dir, segmentFileName(baseOffset, '.index'));
    this.timeIndexPath = join(dir, segmentFileName(baseOffset, '.timeindex'));
    this.nextOffset = baseOffset;
    this.index = new OffsetIndex(baseOffset);
    this.timeIndex = new TimeIndex(baseOffset);
    this.rollingTimestamp = now;
  }

  static create(dir: string, baseOffset: bigint, indexInterval: number, now: number): LogSegment {
    const path = join(dir, segmentFileName(baseOffset, '.log'));
    const fd = openRw(path);
    truncateFd(fd, 0, path);
    const seg = new LogSegment(fd, dir, baseOffset, indexInterval, now);
    seg.indexDirty = true;
    return seg;
  }

  /**
   * Opens an existing segment. With `recover`, every batch is checked (framing + CRC), a torn or corrupt tail
   * is cut off and the indexes are rebuilt. Without it the index files are trusted after a sanity check
   * (rebuilt from the log if missing or inconsistent) and only the bytes after the last index entry are
   * walked. `onBatch` sees every batch that was scanned.
   */
  static open(dir: string, baseOffset: bigint, indexInterval: number, now: number, recover: boolean,
    onBatch?: (b: BatchInfo) => void): SegmentOpenResult {
    const path = join(dir, segmentFileName(baseOffset, '.log'));
    const fd = openRw(path);
    const seg = new LogSegment(fd, dir, baseOffset, indexInterval, now);
    try {
      const result = LogSegment.load(seg, fd, path, recover, onBatch);
      if (seg.size > 0) {
        // segment.ms counts from the first batch's timestamp when it is plausible, else from now.
        const first = seg.headerAt(0).maxTimestamp;
        if (first >= 0n && first <= BigInt(now)) seg.rollingTimestamp = Number(first);
      }
      return result;
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
  }

  private static load(seg: LogSegment, fd: number, path: string, recover: boolean, onBatch?: (b: BatchInfo) => void): SegmentOpenResult {
    {
      const fileBytes = fileSize(fd, path);
      if (recover) {
        const r = seg.rebuild(fileBytes, true, onBatch);
        const truncatedBytes = fileBytes - r.validEnd;
        if (truncatedBytes > 0) truncateFd(fd, r.validEnd, path);
        seg.size = r.validEnd;
        return { segment: seg, truncatedBytes, indexRebuilt: 'recovery' };
      }
      seg.size = fileBytes;
      const reason = seg.loadIndexes();
      if (reason) {
        const r = seg.rebuild(fileBytes, false, onBatch);
        if (r.problem) throw seg.corrupt(r);
        return { segment: seg, truncatedBytes: 0, indexRebuilt: reason };
      }
      const tail = seg.walkTail(onBatch);
      if (tail) throw seg.corrupt(tail);
      return { segment: seg, truncatedBytes: 0 };
    }
  }

  private corrupt(r: FileScanResult): StorageError {
    return new StorageError('TP_STORAGE_CORRUPT', `segment ${this.baseOffset} is corrupt at byte ${r.problem?.position} (${r.problem?.kind})`,
      { path: this.logPath, details: { position: r.problem?.position, kind: r.problem?.kind } });
  }

  /** Loads and sanity-checks both index files; returns why they cannot be used, or undefined. */
  private loadIndexes(): string | undefined {
    const raw = readFileIfExists(this.indexPath);
    const rawTime = readFileIfExists(this.timeIndexPath);
    if (raw === undefined || rawTime === undefined) return this.size === 0 ? undefined : 'index file missing';
    const idx = OffsetIndex.parse(raw, this.baseOffset, this.size);
    if (typeof idx === 'string') return `offset index: ${idx}`;
    const last = idx.last();
    if (last) {
      // The last entry must point at a batch starting with exactly that offset.
      let ok = false;
      try { ok = this.headerAt(last.position).baseOffset === last.offset; } catch { ok = false; }
      if (!ok) return 'offset index entry does not match the log';
    }
    const tIdx = TimeIndex.parse(rawTime, this.baseOffset, last ? last.offset + 1n : this.baseOffset);
    if (typeof tIdx === 'string') return `time index: ${tIdx}`;
    this.index = idx;
    this.timeIndex = tIdx;
    return undefined;
  }

  /** Rebuilds both indexes and the tail state by scanning the whole file. */
  private rebuild(fileBytes: number, checkCrc: boolean, onBatch?: (b: BatchInfo) => void): FileScanResult {
    this.index = new OffsetIndex(this.baseOffset);
    this.timeIndex = new TimeIndex(this.baseOffset);
    this.resetTail(0);
    const r = scanFile(this.fd, this.logPath, 0, fileBytes, { checkCrc, minOffset: this.baseOffset }, (b) => {
      this.track(b);
      onBatch?.(b);
    });
    this.indexDirty = true;
    return r;
  }

  /** Walks from the last index entry to the end of the file, restoring tail state; returns a problem if any. */
  private walkTail(onBatch?: (b: BatchInfo) => void): FileScanResult | undefined {
    const last = this.index.last();
    const from = last?.position ?? 0;
    this.resetTail(from);
    this.maxTimestamp = this.timeIndex.lastTimestamp() ?? -1n;
    this.index.truncateToPosition(from); // re-added by track() below
    const r = scanFile(this.fd, this.logPath, from, this.size, { checkCrc: true, minOffset: last?.offset ?? this.baseOffset }, (b) => {
      this.track(b);
      onBatch?.(b);
    });
    if (r.problem || r.validEnd !== this.size) return r;
    return undefined;
  }

  private resetTail(from: number): void {
    this.nextOffset = this.baseOffset;
    this.maxTimestamp = -1n;
    this.bytesSinceIndex = from === 0 ? 0 : this.indexInterval; // the batch at an index entry gets it back
  }

  /** Updates indexes and tail state for a batch now stored at `b.position`. */
  private track(b: BatchInfo): void {
    if (b.maxTimestamp > this.maxTimestamp) this.maxTimestamp = b.maxTimestamp;
    if (b.position > 0 && this.bytesSinceIndex >= this.indexInterval) {
      this.index.append(b.baseOffset, b.position);
      this.timeIndex.maybeAppend(this.maxTimestamp, b.baseOffset);
      this.bytesSinceIndex = 0;
      this.indexDirty = true;
    }
    this.bytesSinceIndex += b.size;
    this.nextOffset = b.lastOffset + 1n;
  }

  /** Appends bytes holding the given batches (positions relative to `buf`) with one write. */
  append(buf: Uint8Array, batches: BatchInfo[]): void {
    this.assertOpen();
    const start = this.size;
    try {
      writeFully(this.fd, buf, start, this.logPath);
    } catch (err) {
      // Never leave a partial batch behind an error: cut the file back (best effort; recovery also would).
      try { fs.ftruncateSync(this.fd, start); } catch { /* recovery truncates a torn tail */ }
      throw err;
    }
    this.size += buf.length;
    for (const b of batches) this.track({ ...b, position: start + b.position });
  }

  /** The first batch whose last offset is >= `offset`, or undefined if the segment has none. */
  locate(offset: bigint, fromPosition?: number): BatchInfo | undefined {
    let pos = fromPosition ?? this.index.lookup(offset).position;
    while (pos < this.size) {
      const b = this.headerAt(pos);
      if (b.lastOffset >= offset) return b;
      pos += b.size;
    }
    return undefined;
  }

  /** Reads and checks the batch header at `pos`; a bad header here is corruption, not a torn tail. */
  headerAt(pos: number): BatchInfo {
    const hdr = readAt(this.fd, pos, BATCH_HEADER_SIZE, this.logPath);
    const view = new DataView(hdr.buffer, hdr.byteOffset, hdr.byteLength);
    // With only the header in hand, 'truncated-batch' just means the batch is longer than 61 bytes.
    const problem = checkFraming(view, 0, hdr.length);
    if (problem && problem !== 'truncated-batch') {
      throw new StorageError('TP_STORAGE_CORRUPT', `bad batch header at byte ${pos} (${problem})`, { path: this.logPath, details: { position: pos } });
    }
    const b = batchInfoAt(view, 0, pos);
    if (pos + b.size > this.size) {
      throw new StorageError('TP_STORAGE_CORRUPT', `batch at byte ${pos} runs past the segment end`, { path: this.logPath, details: { position: pos } });
    }
    return b;
  }

  /**
   * Reads whole batches starting with `first`, up to `maxBytes` (soft for the first batch) and stopping
   * before any batch whose last offset is >= `maxOffset`.
   */
  read(first: BatchInfo, maxBytes: number, maxOffset?: bigint): { bytes: Buffer; lastOffset: bigint } | undefined {
    if (maxOffset !== undefined && first.lastOffset >= maxOffset) return undefined;
    const len = Math.min(this.size - first.position, Math.max(maxBytes, first.size));
    const buf = readAt(this.fd, first.position, len, this.logPath);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let at = 0;
    let lastOffset = first.lastOffset;
    while (at < buf.length) {
      const problem = checkFraming(view, at, buf.length);
      const cut = problem === 'truncated-batch' || problem === 'truncated-header';
      if (cut && first.position + buf.length < this.size) break; // the next batch is past maxBytes
      if (problem) {
        throw new StorageError('TP_STORAGE_CORRUPT', `bad batch at byte ${first.position + at} (${problem})`,
          { path: this.logPath, details: { position: first.position + at } });
      }
      const b = batchInfoAt(view, at, first.position + at);
      if (maxOffset !== undefined && b.lastOffset >= maxOffset) break;
      lastOffset = b.lastOffset;
      at += b.size;
    }
    return { bytes: buf.subarray(0, at), lastOffset };
  }

  /** The first batch with maxTimestamp >= `timestamp`, using the time index to skip older batches. */
  findByTimestamp(timestamp: bigint): BatchInfo | undefined {
    if (this.maxTimestamp < timestamp) return undefined;
    const start = this.timeIndex.scanStart(timestamp);
    let pos = this.index.lookup(start).position;
    while (pos < this.size) {
      const b = this.headerAt(pos);
      if (b.maxTimestamp >= timestamp) return b;
      pos += b.size;
    }
    return undefined;
  }

  /** Removes every batch from the one containing `offset` on; returns the bytes removed. */
  truncateTo(offset: bigint): number {
    this.assertOpen();
    const b = this.locate(offset);
    if (!b) return 0;
    const removed = this.size - b.position;
    truncateFd(this.fd, b.position, this.logPath);
    this.size = b.position;
    this.index.truncateToPosition(b.position);
    this.timeIndex.truncateToOffset(b.baseOffset);
    this.indexDirty = true;
    const tail = this.walkTail();
    if (tail) throw this.corrupt(tail);
    return removed;
  }

  /** Walks (framing only, no CRC) every batch whose last offset is >= `fromOffset`. */
  scan(fromOffset: bigint, onBatch: (b: BatchInfo) => void): void {
    const first = this.locate(fromOffset);
    if (!first) return;
    const r = scanFile(this.fd, this.logPath, first.position, this.size, { checkCrc: false }, onBatch);
    if (r.problem) throw this.corrupt(r);
  }

  /** Largest timestamp for retention: the largest batch timestamp, else the file's mtime. */
  largestTimestamp(): number {
    if (this.maxTimestamp >= 0n) return Number(this.maxTimestamp);
    try { return fs.fstatSync(this.fd).mtimeMs; } catch (err) { throw ioError('stat', this.logPath, err); }
  }

  /** Writes the in-memory indexes to their files (no fsync: a bad index is rebuilt from the log). */
  writeIndexes(): void {
    if (!this.indexDirty || this.closed) return;
    try {
      fs.writeFileSync(this.indexPath, this.index.serialize());
      fs.writeFileSync(this.timeIndexPath, this.timeIndex.serialize());
    } catch (err) {
      throw ioError('write index', this.indexPath, err);
    }
    this.indexDirty = false;
  }

  /** fsync of the log file, on the thread pool so the event loop keeps serving. */
  sync(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => fs.fdatasync(this.fd, (err) => (err ? reject(ioError('fsync', this.logPath, err)) : resolve())));
  }

  syncNow(): void {
    try { fs.fdatasyncSync(this.fd); } catch (err) { throw ioError('fsync', this.logPath, err); }
  }

  close(): void {
    if (this.closed) return;
    try {
      this.writeIndexes();
    } finally {
      this.closed = true;
      closeQuietly(this.fd);
    }
  }

  /** Closes the file without writing indexes (the segment is being replaced). */
  release(): void {
    this.closed = true;
    closeQuietly(this.fd);
  }

  /** Closes and removes all files of this segment. */
  delete(): void {
    this.closed = true;
    closeQuietly(this.fd);
    for (const p of [this.logPath, this.indexPath, this.timeIndexPath]) unlinkIfExists(p);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('TP_STORAGE_CLOSED', 'segment is closed', { path: this.logPath });
  }
}
