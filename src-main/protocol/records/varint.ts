/**
 * Zigzag varints (int32) and varlongs (int64, as bigint) used inside v2 records, plus a bounds-checked
 * cursor over a byte range. Kept here rather than shared with protocol/codec so records has no sibling
 * dependency; every read throws RecordsError(CORRUPT_MESSAGE) instead of reading past the end.
 */
import { corrupt } from './records-error.js';

/** Reads from buf[pos..end); `pos` advances. */
export class ByteCursor {
  constructor(readonly buf: Uint8Array, public pos: number, readonly end: number) {}

  get remaining(): number {
    return this.end - this.pos;
  }

  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) throw corrupt(`${what}: needs ${n} bytes, ${this.end - this.pos} left`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.buf[this.pos++];
  }

  /** Signed zigzag varint of at most 5 bytes, as Kafka's ByteUtils.readVarint. */
  varint(what: string): number {
    let raw = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw corrupt(`${what}: varint runs past the end`);
      const b = this.buf[this.pos++];
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        if (i === 4 && b > 0x0f) throw corrupt(`${what}: varint overflows 32 bits`);
        return (raw >>> 1) ^ -(raw & 1);
      }
      shift += 7;
    }
    throw corrupt(`${what}: varint longer than 5 bytes`);
  }

  /** Signed zigzag varlong of at most 10 bytes. */
  varlong(what: string): bigint {
    let lo = 0; // first 28 bits as a number keeps the common short case off the bigint path
    let shift = 0;
    let i = 0;
    for (; i < 4; i++) {
      if (this.pos >= this.end) throw corrupt(`${what}: varlong runs past the end`);
      const b = this.buf[this.pos++];
      lo |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt((lo >>> 1) ^ -(lo & 1));
      shift += 7;
    }
    let raw = BigInt(lo >>> 0);
    let bshift = 28n;
    for (; i < 10; i++) {
      if (this.pos >= this.end) throw corrupt(`${what}: varlong runs past the end`);
      const b = this.buf[this.pos++];
      if (i === 9 && b > 0x01) throw corrupt(`${what}: varlong overflows 64 bits`);
      raw |= BigInt(b & 0x7f) << bshift;
      if ((b & 0x80) === 0) return (raw >> 1n) ^ -(raw & 1n);
      bshift += 7n;
    }
    throw corrupt(`${what}: varlong longer than 10 bytes`);
  }

  /** A varint-length-prefixed byte string; -1 means null. Never allocates: returns a view. */
  bytes(what: string): Uint8Array | null {
    const len = this.varint(`${what} length`);
    if (len === -1) return null;
    if (len < -1) throw corrupt(`${what}: negative length ${len}`);
    this.need(len, what);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

/** Byte size of a zigzag varint. */
export function sizeOfVarint(n: number): number {
  let v = ((n << 1) ^ (n >> 31)) >>> 0;
  let size = 1;
  while (v >= 0x80) {
    v >>>= 7;
    size++;
  }
  return size;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

function zigzag64(n: bigint): bigint {
  if (n < I64_MIN || n > I64_MAX) throw new RangeError(`varlong out of int64 range: ${n}`);
  return BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
}

export function sizeOfVarlong(n: bigint): number {
  if (n >= -0x8000000n && n < 0x8000000n) return sizeOfVarint(Number(n));
  let v = zigzag64(n);
  let size = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    size++;
  }
  return size;
}

/** Writes a zigzag varint at `pos`, returns the new position. The caller sized the buffer. */
export function writeVarint(buf: Uint8Array, pos: number, n: number): number {
  let v = ((n << 1) ^ (n >> 31)) >>> 0;
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

export function writeVarlong(buf: Uint8Array, pos: number, n: bigint): number {
  if (n >= -0x8000000n && n < 0x8000000n) return writeVarint(buf, pos, Number(n));
  let v = zigzag64(n);
  while (v >= 0x80n) {
    buf[pos++] = Number(v & 0x7fn) | 0x80;
    v >>= 7n;
  }
  buf[pos++] = Number(v);
  return pos;
}
