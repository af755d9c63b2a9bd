/**
 * Legacy MessageSet, magic 0 and 1 (NOTES.md §4): decode (with wrapper expansion) and encode. A set is
 * `offset int64, size int32, message` repeated with no count; each message is CRC-32 (IEEE, node:zlib) over
 * magic..end. Compressed data travels as a wrapper message whose value is a compressed inner set: magic 0
 * inner offsets are absolute, magic 1 inner offsets are relative and the wrapper carries the last offset.
 * Every structural problem is CORRUPT_MESSAGE, as in Kafka's legacy record classes.
 */
import { crc32 } from 'node:zlib';
import { compress, decompress, DEFAULT_MAX_DECOMPRESSED_BYTES, type CompressionCodec } from './compression.js';
import { corrupt, RecordsError, RecordsErrorCode } from './records-error.js';

export type LegacyMagic = 0 | 1;
export type LegacyCodec = 0 | 1 | 2 | 3;

/** offset (8) + size (4). */
export const MESSAGE_LOG_OVERHEAD = 12;
/** crc, magic, attributes, key length, value length; plus timestamp for magic 1. */
const MIN_MESSAGE_SIZE = [14, 22];
const TIMESTAMP_LOG_APPEND = 0x08;

/** A record read from a message set, after wrapper expansion. */
export interface LegacyRecord {
  offset: bigint;
  /** -1 for magic 0. For a LogAppendTime wrapper, the wrapper's time (what clients show). */
  timestamp: bigint;
  timestampType: 'create' | 'logAppend';
  magic: LegacyMagic;
  /** The codec of the wrapper this record came in, 0 if it was not compressed. */
  codec: LegacyCodec;
  key: Uint8Array | null;
  value: Uint8Array | null;
}

export interface DecodedMessageSet {
  records: LegacyRecord[];
  /** Bytes of a partial trailing message that were ignored (fetch data may end in one). */
  partialBytes: number;
}

export interface DecodeMessageSetOptions {
  /** Fetch data may end in a cut-off message; produce data must not (default: tolerate). */
  allowPartial?: boolean;
  maxDecompressedBytes?: number;
}

interface Message {
  offset: bigint;
  magic: LegacyMagic;
  attributes: number;
  timestamp: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Reads the outer messages of a set (no wrapper expansion), checking CRC and structure. */
function readMessages(buf: Uint8Array, allowPartial: boolean): { messages: Message[]; partialBytes: number } {
  const v = view(buf);
  const messages: Message[] = [];
  let at = 0;
  while (at < buf.length) {
    if (at + MESSAGE_LOG_OVERHEAD > buf.length) break;
    const offset = v.getBigInt64(at);
    const size = v.getInt32(at + 8);
    if (size < MIN_MESSAGE_SIZE[0]) throw corrupt(`message at ${at}: size ${size} is smaller than any message`);
    const start = at + MESSAGE_LOG_OVERHEAD;
    const end = start + size;
    if (end > buf.length) break;
    messages.push(readMessage(buf, v, offset, start, end));
    at = end;
  }
  const partialBytes = buf.length - at;
  if (partialBytes > 0 && !allowPartial) throw corrupt(`message set ends in a partial message (${partialBytes} bytes)`);
  return { messages, partialBytes };
}

function readMessage(buf: Uint8Array, v: DataView, offset: bigint, start: number, end: number): Message {
  const stored = v.getUint32(start);
  const computed = crc32(buf.subarray(start + 4, end)) >>> 0;
  if (stored !== computed) throw corrupt(`message at offset ${offset}: CRC-32 mismatch (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)})`);
  const magic = buf[start + 4];
  if (magic !== 0 && magic !== 1) throw corrupt(`message at offset ${offset}: magic ${magic} is not a legacy message`);
  if (end - start < MIN_MESSAGE_SIZE[magic]) throw corrupt(`message at offset ${offset}: size ${end - start} too small for magic ${magic}`);
  const attributes = buf[start + 5];
  let pos = start + 6;
  let timestamp = -1n;
  if (magic === 1) {
    timestamp = v.getBigInt64(pos);
    pos += 8;
  }
  const readBytes = (what: string): Uint8Array | null => {
    if (pos + 4 > end) throw corrupt(`message at offset ${offset}: truncated ${what} length`);
    const len = v.getInt32(pos);
    pos += 4;
    if (len === -1) return null;
    if (len < 0 || pos + len > end) throw corrupt(`message at offset ${offset}: ${what} length ${len} does not fit`);
    const out = buf.subarray(pos, pos + len);
    pos += len;
    return out;
  };
  const key = readBytes('key');
  const value = readBytes('value');
  if (pos !== end) throw corrupt(`message at offset ${offset}: ${end - pos} bytes after the value`);
  return { offset, magic, attributes, timestamp, key, value };
}

/**
 * Decodes a message set into records, expanding compressed wrappers (one level, as Kafka allows).
 * Keys and values are views into `buf` or into the decompressed data.
 */
export function decodeMessageSet(buf: Uint8Array, opts: DecodeMessageSetOptions = {}): DecodedMessageSet {
  const limit = opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const { messages, partialBytes } = readMessages(buf, opts.allowPartial ?? true);
  const records: LegacyRecord[] = [];
  for (const m of messages) {
    const codec = m.attributes & 0x07;
    const logAppend = m.magic === 1 && (m.attributes & TIMESTAMP_LOG_APPEND) !== 0;
    if (codec === 0) {
      records.push({ offset: m.offset, timestamp: m.timestamp, timestampType: logAppend ? 'logAppend' : 'create', magic: m.magic, codec: 0, key: m.key, value: m.value });
      continue;
    }
    if (codec > 3) {
      throw new RecordsError(RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `message at offset ${m.offset}: codec ${codec} is not allowed below magic 2`);
    }
    if (m.value === null) throw corrupt(`compressed wrapper at offset ${m.offset} has a null value`);
    const inner = readMessages(decompress(codec as CompressionCodec, m.value, limit), false).messages;
    if (inner.length === 0) throw corrupt(`compressed wrapper at offset ${m.offset} holds no messages`);
    // magic 1 (KIP-31): inner offsets are relative and the wrapper holds the absolute offset of the last one.
    // A producer's wrapper has offset 0 (not yet assigned), giving a negative base: then the relative
    // offsets are kept, as Java's AbstractLegacyRecordBatch does.
    const base = m.magic === 1 ? m.offset - inner[inner.length - 1].offset : -1n;
    for (const im of inner) {
      if (im.attributes & 0x07) throw corrupt(`compressed wrapper at offset ${m.offset} holds a nested compressed message`);
      if (im.magic !== m.magic) throw corrupt(`inner message magic ${im.magic} differs from its wrapper's magic ${m.magic}`);
      records.push({
        offset: base >= 0n ? base + im.offset : im.offset,
        timestamp: logAppend ? m.timestamp : im.timestamp,
        timestampType: logAppend ? 'logAppend' : 'create',
        magic: m.magic,
        codec: codec as LegacyCodec,
        key: im.key,
        value: im.value,
      });
    }
  }
  return { records, partialBytes };
}

export interface LegacyRecordInput {
  offset: bigint;
  /** Ignored for magic 0. Default -1. */
  timestamp?: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
}

export interface EncodeMessageSetOptions {
  magic: LegacyMagic;
  compression?: LegacyCodec;
  /** Magic 1 only: mark LogAppendTime with this broker time (on the wrapper, or on each message if uncompressed). */
  logAppendTime?: bigint;
  records: readonly LegacyRecordInput[];
}

function messageSize(magic: LegacyMagic, key: Uint8Array | null, value: Uint8Array | null): number {
  return MIN_MESSAGE_SIZE[magic] + (key?.length ?? 0) + (value?.length ?? 0);
}

/** Writes one entry (offset, size, message) at `at`; returns the end position. */
function writeMessage(out: Uint8Array, at: number, magic: LegacyMagic, offset: bigint, attributes: number, timestamp: bigint,
  key: Uint8Array | null, value: Uint8Array | null): number {
  const v = view(out);
  const size = messageSize(magic, key, value);
  v.setBigInt64(at, offset);
  v.setInt32(at + 8, size);
  const start = at + MESSAGE_LOG_OVERHEAD;
  let pos = start + 4;
  out[pos++] = magic;
  out[pos++] = attributes;
  if (magic === 1) {
    v.setBigInt64(pos, timestamp);
    pos += 8;
  }
  for (const b of [key, value]) {
    v.setInt32(pos, b === null ? -1 : b.length);
    pos += 4;
    if (b !== null) {
      out.set(b, pos);
      pos += b.length;
    }
  }
  v.setUint32(start, crc32(out.subarray(start + 4, pos)) >>> 0);
  return pos;
}

function plainSet(magic: LegacyMagic, records: readonly LegacyRecordInput[], offsetOf: (r: LegacyRecordInput) => bigint,
  attributes: number, timestampOf: (r: LegacyRecordInput) => bigint): Uint8Array {
  let total = 0;
  for (const r of records) total += MESSAGE_LOG_OVERHEAD + messageSize(magic, r.key, r.value);
  const out = new Uint8Array(total);
  let at = 0;
  for (const r of records) at = writeMessage(out, at, magic, offsetOf(r), attributes, magic === 1 ? timestampOf(r) : -1n, r.key, r.value);
  return out;
}

/**
 * Encodes records as a message set: one message per record, or (with compression) one wrapper holding
 * them all. Offsets must be strictly increasing.
 */
export function encodeMessageSet(opts: EncodeMessageSetOptions): Uint8Array {
  const { magic, records } = opts;
  const codec = opts.compression ?? 0;
  if (magic !== 0 && magic !== 1) throw corrupt(`cannot encode a message set with magic ${String(magic)}`);
  if (codec < 0 || codec > 3 || !Number.isInteger(codec)) {
    throw new RecordsError(RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `codec ${codec} is not allowed below magic 2`);
  }
  for (let i = 1; i < records.length; i++) {
    if (records[i].offset <= records[i - 1].offset) throw new RecordsError(RecordsErrorCode.INVALID_RECORD, `record offsets must increase (${records[i - 1].offset} then ${records[i].offset})`);
  }
  const logAppend = magic === 1 && opts.logAppendTime !== undefined;
  const tsAttr = logAppend ? TIMESTAMP_LOG_APPEND : 0;
  const ts = (r: LegacyRecordInput) => (logAppend ? opts.logAppendTime! : r.timestamp ?? -1n);
  if (codec === 0 || records.length === 0) return plainSet(magic, records, (r) => r.offset, tsAttr, ts);

  const first = records[0].offset;
  const last = records[records.length - 1].offset;
  const inner = plainSet(magic, records, magic === 0 ? (r) => r.offset : (r) => r.offset - first, 0, (r) => r.timestamp ?? -1n);
  // magic-0 LZ4 readers expect the pre-KIP-57 frame header checksum.
  const packed = compress(codec, inner, { lz4LegacyChecksum: magic === 0 });
  let wrapperTs = -1n;
  if (magic === 1) {
    if (logAppend) wrapperTs = opts.logAppendTime!;
    else for (const r of records) if ((r.timestamp ?? -1n) > wrapperTs) wrapperTs = r.timestamp ?? -1n;
  }
  const out = new Uint8Array(MESSAGE_LOG_OVERHEAD + messageSize(magic, null, packed));
  writeMessage(out, 0, magic, last, codec | tsAttr, wrapperTs, null, packed);
  return out;
}

/** True if the data starts with a legacy message (magic 0/1) rather than a v2 batch: the magic byte is at 16 in both. */
export function isLegacyFormat(buf: Uint8Array, at = 0): boolean {
  return at + 17 <= buf.length && (buf[at + 16] === 0 || buf[at + 16] === 1);
}
