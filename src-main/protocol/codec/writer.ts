/**
 * Growable writer of Kafka wire primitives. Values are checked as they are written (integer ranges,
 * types, string lengths, UUID form) so a bad value becomes a typed `ProtocolError` naming the field
 * (`path`), never a silently wrapped number. Hand-written for the same reason as reader.ts.
 */
import { Buffer } from 'node:buffer';
import { ProtocolError } from '../errors.js';
import type { CodecContext } from './reader.js';

const NO_CONTEXT: CodecContext = {};
const MAX_STRING_LENGTH = 0x7fff;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const UUID_RE = /^[A-Za-z0-9_-]{21}[AQgw]$/;
const encoder = new TextEncoder();

/** UTF-8 byte length of `s` as TextEncoder encodes it (lone surrogates become U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** A value for an error message; never throws (String(Symbol()) works, template literals do not). */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'a Uint8Array';
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}

/** Bytes an unsigned varint of `v` takes. */
export function uvarintSize(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

export class Writer {
  buf: Uint8Array;
  pos = 0;
  ctx: CodecContext = NO_CONTEXT;
  /** Field path for error messages; set by the message encoder before each field. */
  path = '';
  private view: DataView;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  fail(reason: string): never {
    throw new ProtocolError(reason, { ...this.ctx, path: this.path || undefined });
  }

  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    // Doubling for small growth; a big jump (a records blob in a Fetch response) gets what it needs plus a
    // quarter, so a 1 MiB response is one allocation instead of a chain of doublings and copies.
    const cap = Math.max(this.buf.length * 2, need + (need >> 2));
    // Big buffers skip zero-filling: no byte at or past `pos` is ever read, and finish() ends at `pos`.
    const next = cap >= 65536 ? new Uint8Array(Buffer.allocUnsafeSlow(cap).buffer, 0, cap) : new Uint8Array(cap);
    next.set(this.buf); // all of it: endSized may rewind pos below bytes already written
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** The bytes written so far (a view, no copy). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  int8(v: number): void {
    if (typeof v !== 'number' || (v << 24 >> 24) !== v) this.fail(`${show(v)} is not an int8`);
    this.ensure(1); this.view.setInt8(this.pos, v); this.pos += 1;
  }
  bool(v: boolean): void {
    if (typeof v !== 'boolean') this.fail(`${show(v)} is not a boolean`);
    this.ensure(1); this.buf[this.pos++] = v ? 1 : 0;
  }
  int16(v: number): void {
    if (typeof v !== 'number' || (v << 16 >> 16) !== v) this.fail(`${show(v)} is not an int16`);
    this.ensure(2); this.view.setInt16(this.pos, v); this.pos += 2;
  }
  uint16(v: number): void {
    if (typeof v !== 'number' || (v & 0xffff) !== v) this.fail(`${show(v)} is not a uint16`);
    this.ensure(2); this.view.setUint16(this.pos, v); this.pos += 2;
  }
  int32(v: number): void {
    if (typeof v !== 'number' || (v | 0) !== v) this.fail(`${show(v)} is not an int32`);
    this.ensure(4); this.view.setInt32(this.pos, v); this.pos += 4;
  }
  uint32(v: number): void {
    if (typeof v !== 'number' || (v >>> 0) !== v) this.fail(`${show(v)} is not a uint32`);
    this.ensure(4); this.view.setUint32(this.pos, v); this.pos += 4;
  }
  int64(v: bigint): void {
    if (typeof v !== 'bigint' || v < INT64_MIN || v > INT64_MAX) this.fail(`${show(v)} is not an int64 bigint`);
    this.ensure(8); this.view.setBigInt64(this.pos, v); this.pos += 8;
  }
  float64(v: number): void {
    if (typeof v !== 'number') this.fail(`${show(v)} is not a float64`);
    this.ensure(8); this.view.setFloat64(this.pos, v); this.pos += 8;
  }

  uvarint(v: number): void {
    if (typeof v !== 'number' || (v >>> 0) !== v) this.fail(`${show(v)} is not a uint32 for a varint`);
    this.ensure(5);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }

  /** Zigzag signed 32-bit varint (records). */
  varint(v: number): void {
    if (typeof v !== 'number' || (v | 0) !== v) this.fail(`${show(v)} is not an int32 for a varint`);
    this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  uvarlong(v: bigint): void {
    if (typeof v !== 'bigint' || v < 0n || v > UINT64_MAX) this.fail(`${show(v)} is not a uint64 bigint`);
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  /** Zigzag signed 64-bit varlong (records). */
  varlong(v: bigint): void {
    if (typeof v !== 'bigint' || v < INT64_MIN || v > INT64_MAX) this.fail(`${show(v)} is not an int64 bigint`);
    this.uvarlong(BigInt.asUintN(64, (v << 1n) ^ (v >> 63n)));
  }

  uuid(v: string): void {
    if (typeof v !== 'string' || !UUID_RE.test(v)) this.fail(`${show(v)} is not a base64url UUID (22 chars)`);
    this.ensure(16);
    this.buf.set(Buffer.from(v, 'base64url'), this.pos);
    this.pos += 16;
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  private utf8(s: string, len: number): void {
    this.ensure(len);
    if (len === s.length && len <= 64) { // ASCII: a byte loop beats encodeInto's call overhead
      for (let i = 0; i < len; i++) this.buf[this.pos + i] = s.charCodeAt(i);
    } else {
      encoder.encodeInto(s, this.buf.subarray(this.pos, this.pos + len));
    }
    this.pos += len;
  }

  private stringLength(s: unknown): number {
    if (typeof s !== 'string') this.fail(s === null ? 'null is not allowed at this version' : `${show(s)} is not a string`);
    const len = utf8Length(s);
    if (len > MAX_STRING_LENGTH) this.fail(`string of ${len} bytes exceeds ${MAX_STRING_LENGTH}`);
    return len;
  }

  string(s: string): void {
    const len = this.stringLength(s);
    this.int16(len);
    this.utf8(s, len);
  }
  nullableString(s: string | null): void {
    if (s === null) this.int16(-1);
    else this.string(s);
  }
  compactString(s: string): void {
    const len = this.stringLength(s);
    this.uvarint(len + 1);
    this.utf8(s, len);
  }
  compactNullableString(s: string | null): void {
    if (s === null) this.uvarint(0);
    else this.compactString(s);
  }

  private checkBytes(b: unknown): asserts b is Uint8Array {
    if (!(b instanceof Uint8Array)) this.fail(b === null ? 'null is not allowed at this version' : 'value is not a Uint8Array');
  }
  bytes(b: Uint8Array): void {
    this.checkBytes(b);
    this.int32(b.length);
    this.raw(b);
  }
  nullableBytes(b: Uint8Array | null): void {
    if (b === null) this.int32(-1);
    else this.bytes(b);
  }
  compactBytes(b: Uint8Array): void {
    this.checkBytes(b);
    this.uvarint(b.length + 1);
    this.raw(b);
  }
  compactNullableBytes(b: Uint8Array | null): void {
    if (b === null) this.uvarint(0);
    else this.compactBytes(b);
  }

  /**
   * Size-prefixed section (tagged fields): reserve one byte for the uvarint size, write the data, then
   * `endSized` fixes the size, shifting the data in the rare case the size needs more than one byte.
   */
  beginSized(): number {
    this.ensure(1);
    return this.pos++;
  }
  endSized(mark: number): void {
    const size = this.pos - mark - 1;
    const extra = uvarintSize(size) - 1;
    if (extra > 0) {
      this.ensure(extra);
      this.buf.copyWithin(mark + 1 + extra, mark + 1, this.pos);
      this.pos += extra;
    }
    const end = this.pos;
    this.pos = mark;
    this.uvarint(size);
    this.pos = end;
  }
}
