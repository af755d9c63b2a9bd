/**
 * Bounded reader of Kafka wire primitives over a Uint8Array. Every length and count is checked against
 * the bytes remaining *before* anything is allocated, and every failure is one typed `ProtocolError`
 * carrying the message context (`ctx`) and the field being read (`path`), never a RangeError.
 *
 * Bytes and records are returned as views into the input (no copy): the caller must not reuse the input
 * buffer while decoded values are alive. Strings are decoded leniently (invalid UTF-8 becomes U+FFFD), as
 * Kafka's Java decoder does.
 *
 * Hand-written: no maintained npm package offers Kafka's primitives on their own (classic and compact
 * forms, uvarint/zigzag, tagged sections) with bounded reads and typed errors; Kafka clients embed theirs.
 * UTF-8 and base64url come from the platform (TextDecoder, Buffer).
 */
import { Buffer } from 'node:buffer';
import { ProtocolError } from '../errors.js';

/** Which message is being read or written; attached to every ProtocolError. */
export interface CodecContext {
  readonly apiKey?: number;
  readonly apiName?: string;
  readonly version?: number;
}

const NO_CONTEXT: CodecContext = {};
const MAX_STRING_LENGTH = 0x7fff;
const decoder = new TextDecoder('utf-8');

export class Reader {
  readonly buf: Uint8Array;
  pos: number;
  /** Exclusive end; narrowed temporarily while reading a tagged field of known size. */
  end: number;
  ctx: CodecContext = NO_CONTEXT;
  /** Field path for error messages; set by the message decoder before each field. */
  path = '';
  private readonly view: DataView;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  remaining(): number {
    return this.end - this.pos;
  }

  fail(reason: string): never {
    throw new ProtocolError(reason, { ...this.ctx, path: this.path || undefined, offset: this.pos });
  }

  need(n: number): void {
    if (n > this.end - this.pos) this.fail(`truncated: needs ${n} bytes, ${this.end - this.pos} left`);
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  int8(): number { this.need(1); return this.view.getInt8(this.pos++); }
  uint8(): number { this.need(1); return this.buf[this.pos++]; }
  bool(): boolean { this.need(1); return this.buf[this.pos++] !== 0; }
  int16(): number { this.need(2); const v = this.view.getInt16(this.pos); this.pos += 2; return v; }
  uint16(): number { this.need(2); const v = this.view.getUint16(this.pos); this.pos += 2; return v; }
  int32(): number { this.need(4); const v = this.view.getInt32(this.pos); this.pos += 4; return v; }
  uint32(): number { this.need(4); const v = this.view.getUint32(this.pos); this.pos += 4; return v; }
  int64(): bigint { this.need(8); const v = this.view.getBigInt64(this.pos); this.pos += 8; return v; }
  float64(): number { this.need(8); const v = this.view.getFloat64(this.pos); this.pos += 8; return v; }

  /** Unsigned varint of at most 5 bytes (a uint32), as Kafka's ByteUtils.readUnsignedVarint. */
  uvarint(): number {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.buf[this.pos++];
      if (i === 4 && b > 0x0f) this.fail('varint does not fit in 32 bits');
      value += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return value;
    }
    return this.fail('varint longer than 5 bytes');
  }

  /** Zigzag-encoded signed 32-bit varint (records). */
  varint(): number {
    const u = this.uvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** Unsigned varlong of at most 10 bytes, as bigint. */
  uvarlong(): bigint {
    let lo = 0;
    for (let i = 0; i < 4; i++) { // first 28 bits in a number: the common, cheap case
      if (this.pos >= this.end) this.fail('truncated varlong');
      const b = this.buf[this.pos++];
      lo |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) return BigInt(lo >>> 0);
    }
    let value = BigInt(lo >>> 0);
    for (let i = 4; i < 10; i++) {
      if (this.pos >= this.end) this.fail('truncated varlong');
      const b = this.buf[this.pos++];
      if (i === 9 && b > 0x01) this.fail('varlong does not fit in 64 bits');
      value |= BigInt(b & 0x7f) << BigInt(7 * i);
      if ((b & 0x80) === 0) return value;
    }
    return this.fail('varlong longer than 10 bytes');
  }

  /** Zigzag-encoded signed 64-bit varlong (records), as bigint. */
  varlong(): bigint {
    const u = this.uvarlong();
    return (u >> 1n) ^ -(u & 1n);
  }

  /** UUID as Kafka prints it: base64url without padding (22 chars). */
  uuid(): string {
    this.need(16);
    const s = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, 16).toString('base64url');
    this.pos += 16;
    return s;
  }

  /** A view of the next `len` bytes (no copy). */
  rawBytes(len: number): Uint8Array {
    this.need(len);
    const v = new Uint8Array(this.buf.buffer, this.buf.byteOffset + this.pos, len);
    this.pos += len;
    return v;
  }

  private utf8(len: number): string {
    this.need(len);
    const start = this.pos;
    const end = start + len;
    this.pos = end;
    const buf = this.buf;
    if (len <= 48) { // short ASCII strings are most of the protocol; skip TextDecoder's call overhead
      let s = '';
      for (let i = start; i < end; i++) {
        const c = buf[i];
        if (c & 0x80) return decoder.decode(buf.subarray(start, end));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return decoder.decode(buf.subarray(start, end));
  }

  // ---- strings: classic (int16 length) and compact (uvarint length + 1) ----

  string(): string {
    const len = this.int16();
    if (len < 0) this.fail(len === -1 ? 'null string in a non-nullable field' : `negative string length ${len}`);
    return this.utf8(len);
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len === -1) return null;
    if (len < 0) this.fail(`negative string length ${len}`);
    return this.utf8(len);
  }

  compactString(): string {
    const n = this.uvarint();
    if (n === 0) this.fail('null string in a non-nullable field');
    return this.utf8(this.checkStringLength(n - 1));
  }

  compactNullableString(): string | null {
    const n = this.uvarint();
    if (n === 0) return null;
    return this.utf8(this.checkStringLength(n - 1));
  }

  private checkStringLength(len: number): number {
    if (len > MAX_STRING_LENGTH) this.fail(`string length ${len} exceeds ${MAX_STRING_LENGTH}`);
    return len;
  }

  // ---- bytes / records: classic (int32 length) and compact ----

  bytes(): Uint8Array {
    const len = this.int32();
    if (len < 0) this.fail(len === -1 ? 'null bytes in a non-nullable field' : `negative bytes length ${len}`);
    return this.rawBytes(len);
  }

  nullableBytes(): Uint8Array | null {
    const len = this.int32();
    if (len === -1) return null;
    if (len < 0) this.fail(`negative bytes length ${len}`);
    return this.rawBytes(len);
  }

  compactBytes(): Uint8Array {
    const n = this.uvarint();
    if (n === 0) this.fail('null bytes in a non-nullable field');
    return this.rawBytes(n - 1);
  }

  compactNullableBytes(): Uint8Array | null {
    const n = this.uvarint();
    if (n === 0) return null;
    return this.rawBytes(n - 1);
  }

  /** Skips a whole tagged-field section (all tags unknown), still requiring strictly ascending tags. */
  skipTaggedFields(): void {
    const n = this.uvarint();
    let last = -1;
    for (let i = 0; i < n; i++) {
      const tag = this.uvarint();
      if (tag <= last) this.fail(`tag ${tag} after tag ${last}: tags must be strictly ascending`);
      last = tag;
      this.skip(this.uvarint());
    }
  }

  // ---- array counts; -1 means null. `minElementSize` bounds the count by the bytes left. ----

  arrayLength(minElementSize: number, nullable: boolean): number {
    const n = this.int32();
    if (n === -1 && nullable) return -1;
    if (n < 0) this.fail(n === -1 ? 'null array in a non-nullable field' : `negative array length ${n}`);
    return this.checkCount(n, minElementSize);
  }

  compactArrayLength(minElementSize: number, nullable: boolean): number {
    const n = this.uvarint();
    if (n === 0) {
      if (nullable) return -1;
      this.fail('null array in a non-nullable field');
    }
    return this.checkCount(n - 1, minElementSize);
  }

  /** Kafka's rule (count <= bytes left), tightened by the element's minimum encoded size. */
  private checkCount(n: number, minElementSize: number): number {
    if (n * Math.max(1, minElementSize) > this.end - this.pos) {
      this.fail(`array length ${n} exceeds the ${this.end - this.pos} bytes left`);
    }
    return n;
  }
}
