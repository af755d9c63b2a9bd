/**
 * RecordBatch v2 (NOTES.md §3): full decode (CRC-32C, structure, decompression, records) and encode, plus a
 * header-only walk over concatenated batches. Decoded keys, values and header values are views into the
 * input (or into the decompressed buffer): copy them if the input buffer is going to be reused.
 */
import {
  BATCH_HEADER_SIZE, BatchAttr, BatchField, LOG_OVERHEAD, readBatchHeader, updateBatchCrc, type BatchHeader,
} from './batch-header.js';
import { compress, decompress, DEFAULT_MAX_DECOMPRESSED_BYTES, isCompressionCodec, type CompressionCodec } from './compression.js';
import { decodeRecords, sizeRecords, writeRecords, type RawRecord, type RecordHeader } from './record-body.js';
import { corrupt, invalidRecord, RecordsError, RecordsErrorCode } from './records-error.js';
import { crc32c } from './crc32c.js';

export type { RecordHeader, RawRecord } from './record-body.js';
export type { BatchHeader } from './batch-header.js';

export interface DecodedRecord {
  offset: bigint;
  timestamp: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: RecordHeader[];
}
export interface DecodedBatch { header: BatchHeader; records: DecodedRecord[] }

export interface EncodeBatchOptions {
  baseOffset: bigint;
  partitionLeaderEpoch?: number;
  compression?: CompressionCodec;
  timestampType?: 'create' | 'logAppend';
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  transactional?: boolean;
  control?: boolean;
  /** Override: compaction keeps the original even if trailing records are dropped. */
  lastOffsetDelta?: number;
  /** Stored base timestamp; record timestampDeltas are relative to it (default -1, "no timestamp"). */
  baseTimestamp?: bigint;
  maxTimestamp?: bigint;
  /** KIP-534: sets attribute bit 6 and is stored in the baseTimestamp field, so deltas are relative to it. */
  deleteHorizonMs?: bigint;
  records: RawRecord[];
}

export interface DecodeOptions {
  /** Cap on the decompressed records section (zip-bomb guard). */
  maxDecompressedBytes?: number;
}

export const NO_TIMESTAMP = -1n;
const MAGIC_V2 = 2;

export function compressionOf(h: Pick<BatchHeader, 'attributes'>): number {
  return h.attributes & BatchAttr.compressionMask;
}
export const isTransactional = (h: Pick<BatchHeader, 'attributes'>): boolean => (h.attributes & BatchAttr.transactional) !== 0;
export const isControl = (h: Pick<BatchHeader, 'attributes'>): boolean => (h.attributes & BatchAttr.control) !== 0;
export const isLogAppendTime = (h: Pick<BatchHeader, 'attributes'>): boolean => (h.attributes & BatchAttr.timestampLogAppend) !== 0;
export const hasDeleteHorizon = (h: Pick<BatchHeader, 'attributes'>): boolean => (h.attributes & BatchAttr.deleteHorizon) !== 0;

/**
 * Checks that a whole v2 batch is present at `at`, that its length is sane and its CRC matches; returns the
 * header. Truncation, bad length, wrong magic and CRC mismatch are all CORRUPT_MESSAGE.
 */
export function checkBatch(buf: Uint8Array, at = 0): BatchHeader {
  if (!Number.isInteger(at) || at < 0 || at + BATCH_HEADER_SIZE > buf.length) {
    throw corrupt(`batch at ${at}: ${Math.max(0, buf.length - at)} bytes, fewer than the ${BATCH_HEADER_SIZE}-byte header`);
  }
  const header = readBatchHeader(buf, at);
  if (header.magic !== MAGIC_V2) throw corrupt(`batch at ${at}: magic ${header.magic}, expected 2`);
  if (header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD) throw corrupt(`batch at ${at}: batchLength ${header.batchLength} is too small`);
  const end = at + LOG_OVERHEAD + header.batchLength;
  if (end > buf.length) throw corrupt(`batch at ${at}: truncated, needs ${end - at} bytes, ${buf.length - at} present`);
  const crc = crc32c(buf.subarray(at + BatchField.attributes, end));
  if (crc !== header.crc) {
    throw corrupt(`batch at ${at}: CRC-32C mismatch (stored 0x${header.crc.toString(16)}, computed 0x${crc.toString(16)})`);
  }
  return header;
}

/** The records of a batch as stored (deltas), after CRC and structure checks and decompression. */
export function decodeRawRecords(buf: Uint8Array, at = 0, opts: DecodeOptions = {}): { header: BatchHeader; records: RawRecord[] } {
  const header = checkBatch(buf, at);
  const codec = compressionOf(header);
  if (!isCompressionCodec(codec)) {
    throw new RecordsError(RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `batch at ${at}: unknown compression codec ${codec}`);
  }
  if (header.recordCount < 0) throw invalidRecord(`batch at ${at}: negative record count ${header.recordCount}`);
  const start = at + BATCH_HEADER_SIZE;
  const end = at + LOG_OVERHEAD + header.batchLength;
  let records: RawRecord[];
  if (codec === 0) {
    records = decodeRecords(buf, start, end, header.recordCount);
  } else {
    const plain = decompress(codec, buf.subarray(start, end), opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
    records = decodeRecords(plain, 0, plain.length, header.recordCount);
  }
  checkOffsetDeltas(records, header.lastOffsetDelta, at);
  return { header, records };
}

/** Offset deltas must be strictly increasing, non-negative and end at or before lastOffsetDelta. */
function checkOffsetDeltas(records: RawRecord[], lastOffsetDelta: number, at: number): void {
  let prev = -1;
  for (let i = 0; i < records.length; i++) {
    const d = records[i].offsetDelta;
    if (d <= prev) throw invalidRecord(`batch at ${at}: record ${i} offsetDelta ${d} does not increase (previous ${prev})`);
    prev = d;
  }
  if (prev > lastOffsetDelta) throw invalidRecord(`batch at ${at}: record offsetDelta ${prev} is past lastOffsetDelta ${lastOffsetDelta}`);
}

/** Decodes and validates the v2 batch at `at` (CRC, lengths, record count, offset deltas), decompressing it. */
export function decodeRecordBatch(buf: Uint8Array, at = 0, opts: DecodeOptions = {}): DecodedBatch {
  const { header, records: raw } = decodeRawRecords(buf, at, opts);
  // LogAppendTime: every record's timestamp is the broker's append time, held in maxTimestamp.
  const logAppend = isLogAppendTime(header);
  const records: DecodedRecord[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    records[i] = {
      offset: header.baseOffset + BigInt(r.offsetDelta),
      timestamp: logAppend ? header.maxTimestamp : header.baseTimestamp + r.timestampDelta,
      key: r.key,
      value: r.value,
      headers: r.headers ?? [],
    };
  }
  return { header, records };
}

/**
 * Produce-path check (Kafka's LogValidator): a client batch must hold at least one record and its offsets
 * must be exactly 0..recordCount-1 relative to the base, with lastOffsetDelta = recordCount - 1.
 */
export function checkProducedBatch(batch: { header: BatchHeader; records: { offset: bigint }[] }): void {
  const { header, records } = batch;
  if (header.recordCount <= 0) throw invalidRecord(`produced batch has record count ${header.recordCount}`);
  if (header.lastOffsetDelta !== header.recordCount - 1) {
    throw invalidRecord(`inconsistent batch: lastOffsetDelta ${header.lastOffsetDelta} but ${header.recordCount} records`);
  }
  for (let i = 0; i < records.length; i++) {
    if (records[i].offset !== header.baseOffset + BigInt(i)) throw invalidRecord(`produced batch: record ${i} has offset delta ${records[i].offset - header.baseOffset}`);
  }
}

function int(n: number, bits: 16 | 32, what: string): number {
  const lim = 2 ** (bits - 1);
  if (!Number.isInteger(n) || n < -lim || n >= lim) throw invalidRecord(`${what} ${n} is not an int${bits}`);
  return n;
}

function int64(n: bigint, what: string): bigint {
  if (n !== BigInt.asIntN(64, n)) throw invalidRecord(`${what} ${n} is not an int64`);
  return n;
}

/** Encodes a v2 batch (compressing the records section if asked) and computes its CRC-32C. */
export function encodeRecordBatch(opts: EncodeBatchOptions): Uint8Array {
  const codec = opts.compression ?? 0;
  if (!isCompressionCodec(codec)) throw new RecordsError(RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `unknown compression codec ${codec}`);
  const recs = opts.records;
  const { size, sized } = sizeRecords(recs);
  const lastDelta = recs.length ? recs[recs.length - 1].offsetDelta : 0;
  const lastOffsetDelta = int(opts.lastOffsetDelta ?? lastDelta, 32, 'lastOffsetDelta');
  if (lastOffsetDelta < lastDelta) throw invalidRecord(`lastOffsetDelta ${lastOffsetDelta} is before the last record's offsetDelta ${lastDelta}`);

  const storedBase = opts.deleteHorizonMs ?? opts.baseTimestamp ?? NO_TIMESTAMP;
  let maxTimestamp = opts.maxTimestamp;
  if (maxTimestamp === undefined) {
    maxTimestamp = NO_TIMESTAMP;
    for (const r of recs) if (storedBase + r.timestampDelta > maxTimestamp) maxTimestamp = storedBase + r.timestampDelta;
  }

  let body: Uint8Array;
  if (codec === 0) {
    body = new Uint8Array(BATCH_HEADER_SIZE + size);
    writeRecords(body, BATCH_HEADER_SIZE, sized);
  } else {
    const plain = new Uint8Array(size);
    writeRecords(plain, 0, sized);
    const packed = compress(codec, plain);
    body = new Uint8Array(BATCH_HEADER_SIZE + packed.length);
    body.set(packed, BATCH_HEADER_SIZE);
  }

  const attributes = codec
    | (opts.timestampType === 'logAppend' ? BatchAttr.timestampLogAppend : 0)
    | (opts.transactional ? BatchAttr.transactional : 0)
    | (opts.control ? BatchAttr.control : 0)
    | (opts.deleteHorizonMs !== undefined ? BatchAttr.deleteHorizon : 0);
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  v.setBigInt64(BatchField.baseOffset, int64(opts.baseOffset, 'baseOffset'));
  v.setInt32(BatchField.batchLength, body.length - LOG_OVERHEAD);
  v.setInt32(BatchField.partitionLeaderEpoch, int(opts.partitionLeaderEpoch ?? -1, 32, 'partitionLeaderEpoch'));
  v.setInt8(BatchField.magic, MAGIC_V2);
  v.setInt16(BatchField.attributes, attributes);
  v.setInt32(BatchField.lastOffsetDelta, lastOffsetDelta);
  v.setBigInt64(BatchField.baseTimestamp, int64(storedBase, 'baseTimestamp'));
  v.setBigInt64(BatchField.maxTimestamp, int64(maxTimestamp, 'maxTimestamp'));
  v.setBigInt64(BatchField.producerId, int64(opts.producerId ?? -1n, 'producerId'));
  v.setInt16(BatchField.producerEpoch, int(opts.producerEpoch ?? -1, 16, 'producerEpoch'));
  v.setInt32(BatchField.baseSequence, int(opts.baseSequence ?? -1, 32, 'baseSequence'));
  v.setInt32(BatchField.recordCount, recs.length);
  updateBatchCrc(body, 0);
  return body;
}

/**
 * Walks concatenated v2 batches reading only their headers (no CRC check, no decompression). Stops quietly
 * at a partial trailing batch, as fetch data may end in one; a header that cannot be a batch is CORRUPT.
 */
export function* iterateBatches(buf: Uint8Array): Iterable<{ at: number; header: BatchHeader }> {
  let at = 0;
  while (at + BATCH_HEADER_SIZE <= buf.length) {
    const header = readBatchHeader(buf, at);
    if (header.magic !== MAGIC_V2) throw corrupt(`batch at ${at}: magic ${header.magic}, expected 2`);
    if (header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD) throw corrupt(`batch at ${at}: batchLength ${header.batchLength} is too small`);
    const size = LOG_OVERHEAD + header.batchLength;
    if (at + size > buf.length) return;
    yield { at, header };
    at += size;
  }
}
