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

/** Read access by index, as an array or a lazily decoded packed list gives it. */
export interface RecordRows {
  readonly length: number;
  at(index: number): MessageRecord | undefined;
}

/**
 * A packed batch decoded on demand: building it only walks the lengths to find where each record starts, and
 * `at(i)` decodes one record (cached), so showing 100,000 records costs the rows on screen, not all of them.
 */
export class PackedRecordList implements RecordRows {
  readonly length: number;
  private readonly starts: Uint32Array;
  private readonly cache: (MessageRecord | undefined)[];

  constructor(private readonly packed: PackedMessages) {
    const { data, count } = packed;
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const starts = new Uint32Array(count);
    let at = 0;
    const skip = (i: number) => {
      if (at + 4 > data.length) throw new RangeError(`packed messages cut short in record ${i} of ${count} (byte ${at} of ${data.length})`);
      const len = v.getInt32(at);
      at += 4 + (len > 0 ? len : 0);
    };
    for (let i = 0; i < count; i++) {
      starts[i] = at;
      at += 20;
      skip(i); skip(i);
      if (at + 4 > data.length) throw new RangeError(`packed messages cut short in record ${i} of ${count} (byte ${at} of ${data.length})`);
      const n = v.getInt32(at);
      at += 4;
      for (let j = 0; j < n; j++) { skip(i); skip(i); }
    }
    if (at > data.length) throw new RangeError(`packed messages cut short in record ${count - 1} of ${count} (byte ${at} of ${data.length})`);
    this.length = count;
    this.starts = starts;
    this.cache = new Array(count);
  }

  at(index: number): MessageRecord | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    let r = this.cache[index];
    if (r === undefined) {
      const start = this.starts[index]!;
      const end = index + 1 < this.length ? this.starts[index + 1]! : this.packed.data.length;
      r = unpackMessages({ count: 1, data: this.packed.data.subarray(start, end) })[0]!;
      this.cache[index] = r;
    }
    return r;
  }

  toArray(): MessageRecord[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i)!);
  }
}
