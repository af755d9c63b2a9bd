/**
 * Local adapter for record-level decode/encode, needed only by timestamp lookups, the keyless-record check
 * and compaction. The records module (branch `records`) is not merged yet, so this is a small stand-in with the
 * same shapes (decodeRecordBatch / encodeRecordBatch) that handles uncompressed batches only; compressed
 * batches give a typed error and callers treat them conservatively. Swap the body for the records module when
 * it lands.
 */
import { BATCH_HEADER_SIZE, BatchAttr, BatchField, type BatchHeader, LOG_OVERHEAD, readBatchHeader, updateBatchCrc } from '../protocol/records/batch-header.js';
import { StorageError } from './errors.js';

export interface LogRecordHeader { key: string; value: Uint8Array | null }
export interface LogRecord {
  offset: bigint;
  timestamp: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: LogRecordHeader[];
}

export interface EncodeBatchInput {
  baseOffset: bigint;
  partitionLeaderEpoch?: number;
  attributes?: number; // compression bits must be 0 here
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  records: { offsetDelta: number; timestampDelta: bigint; key: Uint8Array | null; value: Uint8Array | null; headers?: LogRecordHeader[] }[];
}

export function isCompressed(attributes: number): boolean {
  return (attributes & BatchAttr.compressionMask) !== 0;
}

class Reader {
  constructor(private readonly buf: Uint8Array, public pos: number, private readonly end: number) {}
  private fail(): never {
    throw new StorageError('TP_STORAGE_CORRUPT', `malformed record at byte ${this.pos}`);
  }
  uvarlong(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end || shift > 63n) this.fail();
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  varlong(): bigint {
    const u = this.uvarlong();
    return (u >> 1n) ^ -(u & 1n);
  }
  varint(): number {
    return Number(this.varlong());
  }
  bytes(len: number): Uint8Array | null {
    if (len < 0) return null;
    if (this.pos + len > this.end) this.fail();
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

/** Decodes an uncompressed v2 batch at `at`; compressed batches throw TP_STORAGE_INVALID_BATCH. */
export function decodeRecordBatch(buf: Uint8Array, at = 0): { header: BatchHeader; records: LogRecord[] } {
  const header = readBatchHeader(buf, at);
  if (isCompressed(header.attributes)) {
    throw new StorageError('TP_STORAGE_INVALID_BATCH', 'compressed batches need the records module (not merged yet)');
  }
  const end = at + header.batchLength + LOG_OVERHEAD;
  const r = new Reader(buf, at + BATCH_HEADER_SIZE, end);
  const records: LogRecord[] = [];
  for (let i = 0; i < header.recordCount; i++) {
    const len = r.varint();
    const recEnd = r.pos + len;
    if (len < 1 || recEnd > end) throw new StorageError('TP_STORAGE_CORRUPT', `record ${i} has a bad length ${len}`);
    r.pos += 1; // attributes
    const timestamp = header.baseTimestamp + r.varlong();
    const offset = header.baseOffset + BigInt(r.varint());
    const key = r.bytes(r.varint());
    const value = r.bytes(r.varint());
    const headers: LogRecordHeader[] = [];
    const n = r.varint();
    for (let h = 0; h < n; h++) {
      const k = r.bytes(r.varint());
      headers.push({ key: Buffer.from(k ?? new Uint8Array()).toString('utf8'), value: r.bytes(r.varint()) });
    }
    if (r.pos !== recEnd) throw new StorageError('TP_STORAGE_CORRUPT', `record ${i} length does not match its fields`);
    records.push({ offset, timestamp, key, value, headers });
  }
  return { header, records };
}

function uvarBytes(v: bigint, out: number[]): void {
  let x = v;
  while (x >= 0x80n) { out.push(Number(x & 0x7fn) | 0x80); x >>= 7n; }
  out.push(Number(x));
}
const zigzag = (v: bigint) => (v << 1n) ^ (v >> 63n);
function varBytes(v: number | bigint, out: number[]): void {
  uvarBytes(BigInt.asUintN(64, zigzag(BigInt(v))), out);
}
function pushBytes(b: Uint8Array | null, out: number[]): void {
  if (b === null) { varBytes(-1, out); return; }
  varBytes(b.length, out);
  for (const x of b) out.push(x);
}

/** Encodes an uncompressed v2 batch with a valid CRC. */
export function encodeRecordBatch(input: EncodeBatchInput): Buffer {
  const body: number[] = [];
  for (const rec of input.records) {
    const r: number[] = [0];
    varBytes(rec.timestampDelta, r);
    varBytes(rec.offsetDelta, r);
    pushBytes(rec.key, r);
    pushBytes(rec.value, r);
    const headers = rec.headers ?? [];
    varBytes(headers.length, r);
    for (const h of headers) { pushBytes(Buffer.from(h.key, 'utf8'), r); pushBytes(h.value, r); }
    varBytes(r.length, body);
    for (const x of r) body.push(x);
  }
  const buf = Buffer.alloc(BATCH_HEADER_SIZE + body.length);
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  v.setBigInt64(BatchField.baseOffset, input.baseOffset);
  v.setInt32(BatchField.batchLength, buf.length - LOG_OVERHEAD);
  v.setInt32(BatchField.partitionLeaderEpoch, input.partitionLeaderEpoch ?? -1);
  v.setInt8(BatchField.magic, 2);
  v.setInt16(BatchField.attributes, (input.attributes ?? 0) & ~BatchAttr.compressionMask);
  v.setInt32(BatchField.lastOffsetDelta, input.lastOffsetDelta);
  v.setBigInt64(BatchField.baseTimestamp, input.baseTimestamp);
  v.setBigInt64(BatchField.maxTimestamp, input.maxTimestamp);
  v.setBigInt64(BatchField.producerId, input.producerId ?? -1n);
  v.setInt16(BatchField.producerEpoch, input.producerEpoch ?? -1);
  v.setInt32(BatchField.baseSequence, input.baseSequence ?? -1);
  v.setInt32(BatchField.recordCount, input.records.length);
  buf.set(body, BATCH_HEADER_SIZE);
  updateBatchCrc(buf, 0);
  return buf;
}
