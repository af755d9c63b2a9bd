/**
 * Records packed into one byte buffer for transport: a browse of 100,000 records would otherwise cross the
 * WebSocket as ~600,000 small {"$bytes"}/{"$bigint"} objects (seconds of JSON revival and GC in the renderer);
 * packed it is one base64 field, and Electron IPC clones one buffer. Unpacking makes zero-copy views.
 * Layout per record, big-endian: partition i32, offset i64, timestamp i64, key (i32 length, -1 = null, bytes),
 * value (same), header count i32, then per header: name (i32 length, UTF-8), value (i32 length, -1 = null, bytes).
 */
import type { MessageRecord } from './messages.js';

export interface PackedMessages {
  count: number;
  data: Uint8Array;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function packMessages(records: readonly MessageRecord[]): PackedMessages {
  const names = records.map((r) => r.headers.map((h) => utf8Encoder.encode(h.key)));
  let size = 0;
  records.forEach((r, i) => {
    size += 4 + 8 + 8 + 4 + (r.key?.length ?? 0) + 4 + (r.value?.length ?? 0) + 4;
    r.headers.forEach((h, j) => { size += 4 + names[i]![j]!.length + 4 + (h.value?.length ?? 0); });
  });
  const data = new Uint8Array(size);
  const v = new DataView(data.buffer);
  let at = 0;
  const bytes = (b: Uint8Array | null) => {
    v.setInt32(at, b === null ? -1 : b.length);
    at += 4;
    if (b !== null) { data.set(b, at); at += b.length; }
  };
  records.forEach((r, i) => {
    v.setInt32(at, r.partition);
    v.setBigInt64(at + 4, r.offset);
    v.setBigInt64(at + 12, r.timestamp);
    at += 20;
    bytes(r.key);
    bytes(r.value);
    v.setInt32(at, r.headers.length);
    at += 4;
    r.headers.forEach((h, j) => { bytes(names[i]![j]!); bytes(h.value); });
  });
  return { count: records.length, data };
}

/** Views into `p.data` (no copies). Throws a RangeError naming the record when the buffer is cut short. */
export function unpackMessages(p: PackedMessages): MessageRecord[] {
  const { data } = p;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: MessageRecord[] = new Array(p.count);
  let at = 0;
  let i = 0;
  const need = (n: number) => {
    if (n < 0 || at + n > data.length) throw new RangeError(`packed messages cut short in record ${i} of ${p.count} (byte ${at} of ${data.length})`);
  };
  const bytes = (): Uint8Array | null => {
    need(4);
    const len = v.getInt32(at);
    at += 4;
    if (len === -1) return null;
    need(len);
    const b = data.subarray(at, at + len);
    at += len;
    return b;
  };
  for (; i < p.count; i++) {
    need(24);
    const partition = v.getInt32(at);
    const offset = v.getBigInt64(at + 4);
    const timestamp = v.getBigInt64(at + 12);
    at += 20;
    const key = bytes();
    const value = bytes();
    need(4);
    const n = v.getInt32(at);
    at += 4;
    if (n < 0) throw new RangeError(`packed messages: record ${i} has a negative header count`);
    const headers: MessageRecord['headers'] = new Array(n);
    for (let j = 0; j < n; j++) {
      const name = bytes();
      headers[j] = { key: name === null ? '' : utf8Decoder.decode(name), value: bytes() };
    }
    out[i] = { partition, offset, timestamp, key, value, headers };
  }
  return out;
}
