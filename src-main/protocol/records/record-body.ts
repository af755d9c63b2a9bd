/**
 * The records section of a v2 batch (NOTES.md §3): varint-framed records with varint-prefixed key, value
 * and headers. Decoding returns views into the input (no copies); every length is checked against the
 * bytes that remain before anything is sliced, so a bad length can never allocate or read out of range.
 */
import { ByteCursor, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';
import { invalidRecord, RecordsError, RecordsErrorCode } from './records-error.js';

export interface RecordHeader { key: string; value: Uint8Array | null }

/** One record as stored: deltas relative to the batch's base offset and base timestamp. */
export interface RawRecord {
  offsetDelta: number;
  timestampDelta: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: RecordHeader[];
}

/** The smallest possible record: length, attributes, timestampDelta, offsetDelta, key/value lengths, header count. */
export const MIN_RECORD_SIZE = 7;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8enc = new TextEncoder();

/**
 * Parses exactly `count` records from buf[start..end). Record-level structural problems are INVALID_RECORD,
 * as in Kafka's DefaultRecord.readFrom.
 */
export function decodeRecords(buf: Uint8Array, start: number, end: number, count: number): RawRecord[] {
  if (count < 0) throw invalidRecord(`negative record count ${count}`);
  if (count * MIN_RECORD_SIZE > end - start) {
    throw invalidRecord(`record count ${count} cannot fit in ${end - start} bytes of records`);
  }
  const c = new ByteCursor(buf, start, end);
  const records: RawRecord[] = new Array(count);
  try {
    for (let i = 0; i < count; i++) records[i] = decodeOne(c, i);
  } catch (e) {
    if (e instanceof RecordsError && e.kafkaCode === RecordsErrorCode.CORRUPT_MESSAGE) throw invalidRecord(e.detail);
    throw e;
  }
  if (c.remaining !== 0) throw invalidRecord(`${c.remaining} bytes left after the ${count} declared records`);
  return records;
}

function decodeOne(c: ByteCursor, i: number): RawRecord {
  const length = c.varint(`record ${i} length`);
  if (length < MIN_RECORD_SIZE - 1) throw invalidRecord(`record ${i}: invalid length ${length}`);
  c.need(length, `record ${i}`);
  const end = c.pos + length;
  const rc = new ByteCursor(c.buf, c.pos, end);
  rc.u8('attributes'); // unused in v2
  const timestampDelta = rc.varlong('timestampDelta');
  const offsetDelta = rc.varint('offsetDelta');
  const key = rc.bytes('key');
  const value = rc.bytes('value');
  const headerCount = rc.varint('header count');
  if (headerCount < 0) throw invalidRecord(`record ${i}: negative header count ${headerCount}`);
  // Each header takes at least 2 bytes (two length varints).
  if (headerCount * 2 > rc.remaining) throw invalidRecord(`record ${i}: header count ${headerCount} cannot fit`);
  const headers: RecordHeader[] = new Array(headerCount);
  for (let h = 0; h < headerCount; h++) {
    const k = rc.bytes('header key');
    if (k === null) throw invalidRecord(`record ${i}: null header key`);
    let keyStr: string;
    try {
      keyStr = utf8.decode(k);
    } catch {
      throw invalidRecord(`record ${i}: header key is not valid UTF-8`);
    }
    headers[h] = { key: keyStr, value: rc.bytes('header value') };
  }
  if (rc.remaining !== 0) throw invalidRecord(`record ${i}: ${rc.remaining} unread bytes inside its declared length`);
  c.pos = end;
  return { offsetDelta, timestampDelta, key, value, headers };
}

interface Sized { rec: RawRecord; bodySize: number; headerKeys: Uint8Array[] }

const lenSize = (b: Uint8Array | null) => (b === null ? 1 : sizeOfVarint(b.length) + b.length);

/** Measures all records; returns the total encoded size and per-record bookkeeping for writeRecords. */
export function sizeRecords(records: readonly RawRecord[]): { size: number; sized: Sized[] } {
  let size = 0;
  let prev = -1;
  const sized: Sized[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (!Number.isInteger(rec.offsetDelta) || rec.offsetDelta <= prev || rec.offsetDelta > 0x7fffffff) {
      throw invalidRecord(`record ${i}: offsetDelta ${rec.offsetDelta} must be an int32 greater than the previous one`);
    }
    prev = rec.offsetDelta;
    if (rec.timestampDelta !== BigInt.asIntN(64, rec.timestampDelta)) throw invalidRecord(`record ${i}: timestampDelta ${rec.timestampDelta} is not an int64`);
    const headers = rec.headers ?? [];
    const headerKeys = headers.map((h) => utf8enc.encode(h.key));
    let body = 1 + sizeOfVarlong(rec.timestampDelta) + sizeOfVarint(rec.offsetDelta) + lenSize(rec.key) + lenSize(rec.value);
    body += sizeOfVarint(headers.length);
    for (let h = 0; h < headers.length; h++) body += lenSize(headerKeys[h]) + lenSize(headers[h].value);
    sized[i] = { rec, bodySize: body, headerKeys };
    size += sizeOfVarint(body) + body;
  }
  return { size, sized };
}

function writeBytes(buf: Uint8Array, pos: number, b: Uint8Array | null): number {
  if (b === null) return writeVarint(buf, pos, -1);
  pos = writeVarint(buf, pos, b.length);
  buf.set(b, pos);
  return pos + b.length;
}

/** Writes records measured by sizeRecords into buf at pos; returns the end position. */
export function writeRecords(buf: Uint8Array, pos: number, sized: readonly Sized[]): number {
  for (const { rec, bodySize, headerKeys } of sized) {
    pos = writeVarint(buf, pos, bodySize);
    buf[pos++] = 0;
    pos = writeVarlong(buf, pos, rec.timestampDelta);
    pos = writeVarint(buf, pos, rec.offsetDelta);
    pos = writeBytes(buf, pos, rec.key);
    pos = writeBytes(buf, pos, rec.value);
    const headers = rec.headers ?? [];
    pos = writeVarint(buf, pos, headers.length);
    for (let h = 0; h < headers.length; h++) {
      pos = writeBytes(buf, pos, headerKeys[h]);
      pos = writeBytes(buf, pos, headers[h].value);
    }
  }
  return pos;
}
