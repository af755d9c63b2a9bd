/**
 * Walks a buffer of v2 record batches and checks their framing (length, magic, CRC, offset order) without
 * decoding records. Used on append (reject anything invalid) and on recovery (stop at the first invalid byte).
 */
import { BATCH_HEADER_SIZE, BatchField, LOG_OVERHEAD, batchCrcValid } from '../protocol/records/batch-header.js';

/** What the log needs to know about one batch, read from its header. */
export interface BatchInfo {
  position: number; // within the scanned buffer (or segment)
  size: number; // total bytes incl. the 12-byte log overhead
  baseOffset: bigint;
  lastOffset: bigint;
  partitionLeaderEpoch: number;
  attributes: number;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
  lastOffsetDelta: number;
}

export type ScanProblem = 'truncated-header' | 'truncated-batch' | 'bad-length' | 'bad-magic' | 'bad-crc' | 'bad-offsets';

export interface ScanResult {
  batches: BatchInfo[];
  /** Bytes from the start that hold only valid, whole batches. */
  validBytes: number;
  problem?: { kind: ScanProblem; position: number };
}

export interface ScanOptions {
  checkCrc: boolean;
  /** Each batch's baseOffset must be >= this and > the previous batch's lastOffset (recovery, follower append). */
  minOffset?: bigint;
  /** Stop after this many bytes (the buffer may hold more). */
  limit?: number;
  /** Where `buf[0]` sits in its file, added to BatchInfo.position. */
  basePosition?: number;
}

/** Reads the header fields at `at`; the caller ensures 61 bytes are present. */
export function batchInfoAt(view: DataView, at: number, position: number): BatchInfo {
  const baseOffset = view.getBigInt64(at + BatchField.baseOffset);
  const lastOffsetDelta = view.getInt32(at + BatchField.lastOffsetDelta);
  return {
    position,
    size: view.getInt32(at + BatchField.batchLength) + LOG_OVERHEAD,
    baseOffset,
    lastOffset: baseOffset + BigInt(lastOffsetDelta),
    partitionLeaderEpoch: view.getInt32(at + BatchField.partitionLeaderEpoch),
    attributes: view.getInt16(at + BatchField.attributes),
    maxTimestamp: view.getBigInt64(at + BatchField.maxTimestamp),
    producerId: view.getBigInt64(at + BatchField.producerId),
    producerEpoch: view.getInt16(at + BatchField.producerEpoch),
    baseSequence: view.getInt32(at + BatchField.baseSequence),
    recordCount: view.getInt32(at + BatchField.recordCount),
    lastOffsetDelta,
  };
}

/** Checks the framing of the batch at `at` in `buf`; returns the problem or undefined. */
export function checkFraming(view: DataView, at: number, end: number): ScanProblem | undefined {
  if (end - at < BATCH_HEADER_SIZE) return 'truncated-header';
  const size = view.getInt32(at + BatchField.batchLength) + LOG_OVERHEAD;
  if (size < BATCH_HEADER_SIZE) return 'bad-length';
  if (view.getInt8(at + BatchField.magic) !== 2) return 'bad-magic';
  if (size > end - at) return 'truncated-batch';
  if (view.getInt32(at + BatchField.lastOffsetDelta) < 0 || view.getInt32(at + BatchField.recordCount) < 0) return 'bad-offsets';
  return undefined;
}

export function scanBatches(buf: Uint8Array, opts: ScanOptions): ScanResult {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const end = Math.min(buf.length, opts.limit ?? buf.length);
  const base = opts.basePosition ?? 0;
  const batches: BatchInfo[] = [];
  let next = opts.minOffset;
  let at = 0;
  while (at < end) {
    let problem = checkFraming(view, at, end);
    let info: BatchInfo | undefined;
    if (!problem) {
      info = batchInfoAt(view, at, base + at);
      if (next !== undefined && info.baseOffset < next) problem = 'bad-offsets';
      else if (opts.checkCrc && !batchCrcValid(buf, at)) problem = 'bad-crc';
    }
    if (problem || !info) return { batches, validBytes: at, problem: { kind: problem ?? 'bad-length', position: base + at } };
    batches.push(info);
    next = info.lastOffset + 1n;
    at += info.size;
  }
  return { batches, validBytes: at };
}
