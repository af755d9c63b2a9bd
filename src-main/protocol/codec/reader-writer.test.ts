// Byte-level tests of the primitives: known encodings, bounds, and the typed errors on bad input.
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { Reader } from './reader.js';
import { Writer, utf8Length, uvarintSize } from './writer.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
function written(f: (w: Writer) => void): string {
  const w = new Writer(1);
  f(w);
  return hex(w.finish());
}
function protocolError(f: () => unknown): ProtocolError {
  try { f(); } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    return e as ProtocolError;
  }
  throw new Error('expected a ProtocolError');
}

describe('fixed-size primitives', () => {
  it('writes big-endian and reads back', () => {
    expect(written((w) => { w.int8(-2); w.int16(-2); w.int32(0x01020304); w.uint16(0xfffe); w.uint32(0xfffffffe); }))
      .toBe('fe' + 'fffe' + '01020304' + 'fffe' + 'fffffffe');
    expect(written((w) => w.int64(-2n))).toBe('fffffffffffffffe');
    expect(written((w) => w.float64(1.5))).toBe('3ff8000000000000');
    expect(written((w) => { w.bool(true); w.bool(false); })).toBe('0100');
    const r = new Reader(fromHex('fe fffe 01020304 fffe fffffffe fffffffffffffffe 3ff8000000000000 01 00'));
    expect([r.int8(), r.int16(), r.int32(), r.uint16(), r.uint32(), r.int64(), r.float64(), r.bool(), r.bool()])
      .toEqual([-2, -2, 0x01020304, 0xfffe, 0xfffffffe, -2n, 1.5, true, false]);
    expect(r.remaining()).toBe(0);
  });
  it('rejects out-of-range and mistyped values when writing', () => {
    const w = new Writer();
    for (const f of [() => w.int8(128), () => w.int16(32768), () => w.int32(2 ** 31), () => w.int32(1.5),
      () => w.uint16(-1), () => w.uint32(2 ** 32), () => w.int64(2n ** 63n), () => w.int64(1 as unknown as bigint),
      () => w.bool(1 as unknown as boolean), () => w.float64('1' as unknown as number), () => w.int32('1' as unknown as number),
      () => w.int32(5n as unknown as number), () => w.int16(Symbol('s') as unknown as number), () => w.uvarint(7n as unknown as number),
      () => w.varint(Symbol('s') as unknown as number), () => w.uint32({} as unknown as number)]) {
      expect(protocolError(f).reason).toMatch(/is not/);
    }
  });
  it('throws ProtocolError (not RangeError) when a read runs past the end', () => {
    for (const f of [(r: Reader) => r.int8(), (r: Reader) => r.int16(), (r: Reader) => r.int32(),
      (r: Reader) => r.int64(), (r: Reader) => r.float64(), (r: Reader) => r.uuid(), (r: Reader) => r.bool()]) {
      const e = protocolError(() => f(new Reader(new Uint8Array(0))));
      expect(e.reason).toMatch(/truncated/);
      expect(e.offset).toBe(0);
    }
  });
});

describe('varints', () => {
  it('encodes unsigned varints as Kafka does', () => {
    expect(written((w) => w.uvarint(0))).toBe('00');
    expect(written((w) => w.uvarint(127))).toBe('7f');
    expect(written((w) => w.uvarint(300))).toBe('ac02');
    expect(written((w) => w.uvarint(0xffffffff))).toBe('ffffffff0f');
    expect(new Reader(fromHex('ffffffff0f')).uvarint()).toBe(0xffffffff);
    expect(new Reader(fromHex('ac02')).uvarint()).toBe(300);
    for (const v of [0, 127, 128, 16383, 16384, 2 ** 21, 2 ** 28, 0xffffffff]) {
      expect(written((w) => w.uvarint(v)).length / 2).toBe(uvarintSize(v));
    }
  });
  it('encodes zigzag varints and varlongs', () => {
    expect(written((w) => { w.varint(0); w.varint(-1); w.varint(1); w.varint(-64); w.varint(64); })).toBe('0001027f8001');
    const r = new Reader(fromHex('0001027f8001'));
    expect([r.varint(), r.varint(), r.varint(), r.varint(), r.varint()]).toEqual([0, -1, 1, -64, 64]);
    for (const v of [0n, -1n, 1n, 2n ** 63n - 1n, -(2n ** 63n), 123456789012345n, -987654321n]) {
      const w = new Writer();
      w.varlong(v);
      expect(new Reader(w.finish()).varlong()).toBe(v);
    }
    expect(written((w) => w.varlong(-(2n ** 63n)))).toBe('ffffffffffffffffff01');
    for (const v of [0, 1, -1, 2 ** 31 - 1, -(2 ** 31)]) {
      const w = new Writer();
      w.varint(v);
      expect(new Reader(w.finish()).varint()).toBe(v);
    }
  });
  it('rejects over-long and truncated varints', () => {
    expect(protocolError(() => new Reader(fromHex('ffffffff10')).uvarint()).reason).toMatch(/32 bits/);
    expect(protocolError(() => new Reader(fromHex('8080')).uvarint()).reason).toMatch(/truncated/);
    expect(protocolError(() => new Reader(fromHex('ffffffffffffffffff02')).uvarlong()).reason).toMatch(/64 bits/);
    expect(protocolError(() => new Reader(fromHex('ff')).varlong()).reason).toMatch(/truncated/);
    expect(protocolError(() => new Writer().uvarint(-1)).reason).toMatch(/uint32/);
    expect(protocolError(() => new Writer().varlong(2n ** 63n)).reason).toMatch(/int64/);
  });
});

describe('uuid', () => {
  it('uses base64url without padding; all-zero is AAAA…', () => {
    expect(written((w) => w.uuid('AAAAAAAAAAAAAAAAAAAAAA'))).toBe('00'.repeat(16));
    const bytes = fromHex('ffeeddccbbaa99887766554433221100');
    const s = new Reader(bytes).uuid();
    expect(s).toBe(Buffer.from(bytes).toString('base64url'));
    expect(s).toHaveLength(22);
    expect(written((w) => w.uuid(s))).toBe(hex(bytes));
  });
  it('rejects malformed uuids', () => {
    for (const bad of ['', 'AAAAAAAAAAAAAAAAAAAAAB', 'AAAAAAAAAAAAAAAAAAAAA=', 'AAAAAAAAAAAAAAAAAAAA+A', 'A'.repeat(23)]) {
      expect(protocolError(() => new Writer().uuid(bad)).reason).toMatch(/UUID/);
    }
  });
});

describe('strings and bytes', () => {
  it('classic and compact strings, nullable forms', () => {
    expect(written((w) => w.string('hé'))).toBe('0003' + '68c3a9');
    expect(written((w) => w.nullableString(null))).toBe('ffff');
    expect(written((w) => w.compactString('hé'))).toBe('04' + '68c3a9');
    expect(written((w) => w.compactNullableString(null))).toBe('00');
    const r = new Reader(fromHex('000368c3a9 ffff 0468c3a9 00 0000 01'));
    expect([r.string(), r.nullableString(), r.compactString(), r.compactNullableString(), r.string(), r.compactString()])
      .toEqual(['hé', null, 'hé', null, '', '']);
  });
  it('long and non-ASCII strings round-trip; utf8Length matches TextEncoder', () => {
    for (const s of ['x'.repeat(200), '漢字🙂'.repeat(40), 'a\ud800b', '🙂']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      const w = new Writer(1);
      w.compactString(s);
      w.string(s);
      const r = new Reader(w.finish());
      const expected = new TextDecoder().decode(new TextEncoder().encode(s));
      expect([r.compactString(), r.string()]).toEqual([expected, expected]);
    }
  });
  it('bytes are views into the input, classic and compact', () => {
    expect(written((w) => { w.bytes(fromHex('0102')); w.nullableBytes(null); w.compactBytes(fromHex('03')); w.compactNullableBytes(null); }))
      .toBe('000000020102' + 'ffffffff' + '0203' + '00');
    const input = fromHex('000000020102 ffffffff 0203 00');
    const r = new Reader(input);
    const b = r.bytes();
    expect(Array.from(b)).toEqual([1, 2]);
    expect(b.buffer).toBe(input.buffer);
    expect([r.nullableBytes(), Array.from(r.compactBytes()), r.compactNullableBytes()]).toEqual([null, [3], null]);
  });
  it('rejects null where not nullable, negative and huge lengths, without allocating', () => {
    expect(protocolError(() => new Reader(fromHex('ffff')).string()).reason).toMatch(/null string/);
    expect(protocolError(() => new Reader(fromHex('fffe')).nullableString()).reason).toMatch(/negative/);
    expect(protocolError(() => new Reader(fromHex('00')).compactString()).reason).toMatch(/null string/);
    expect(protocolError(() => new Reader(fromHex('ffffffff')).bytes()).reason).toMatch(/null bytes/);
    expect(protocolError(() => new Reader(fromHex('80000000')).nullableBytes()).reason).toMatch(/negative/);
    expect(protocolError(() => new Reader(fromHex('00')).compactBytes()).reason).toMatch(/null bytes/);
    expect(protocolError(() => new Reader(fromHex('7fff 00')).string()).reason).toMatch(/truncated: needs 32767/);
    expect(protocolError(() => new Reader(fromHex('7fffffff 00')).bytes()).reason).toMatch(/truncated: needs 2147483647/);
    expect(protocolError(() => new Reader(fromHex('ffffffff0f')).compactBytes()).reason).toMatch(/truncated/);
    expect(protocolError(() => new Reader(fromHex('818002 00')).compactString()).reason).toMatch(/exceeds 32767/);
    expect(protocolError(() => new Writer().string('x'.repeat(0x8000))).reason).toMatch(/exceeds 32767/);
    expect(protocolError(() => new Writer().string(null as unknown as string)).reason).toMatch(/null is not allowed/);
    expect(protocolError(() => new Writer().bytes(null as unknown as Uint8Array)).reason).toMatch(/null is not allowed/);
    expect(protocolError(() => new Writer().bytes([1] as unknown as Uint8Array)).reason).toMatch(/Uint8Array/);
  });
  it('array counts are checked against the bytes left (times the element size) before allocating', () => {
    expect(new Reader(fromHex('ffffffff')).arrayLength(4, true)).toBe(-1);
    expect(new Reader(fromHex('00')).compactArrayLength(4, true)).toBe(-1);
    expect(protocolError(() => new Reader(fromHex('ffffffff')).arrayLength(4, false)).reason).toMatch(/null array/);
    expect(protocolError(() => new Reader(fromHex('00')).compactArrayLength(4, false)).reason).toMatch(/null array/);
    expect(protocolError(() => new Reader(fromHex('fffffff0')).arrayLength(1, true)).reason).toMatch(/negative/);
    expect(protocolError(() => new Reader(fromHex('7fffffff 0000')).arrayLength(1, false)).reason).toMatch(/exceeds the 2 bytes left/);
    expect(protocolError(() => new Reader(fromHex('00000002 000000')).arrayLength(4, false)).reason).toMatch(/exceeds/);
    expect(new Reader(fromHex('00000002 00000000 00000000')).arrayLength(4, false)).toBe(2);
    expect(protocolError(() => new Reader(fromHex('ffffffff0f')).compactArrayLength(0, false)).reason).toMatch(/exceeds/);
  });
});

describe('size-prefixed sections', () => {
  it('fixes the uvarint size, shifting data when it needs more than one byte', () => {
    for (const n of [0, 1, 127, 128, 300, 20000]) {
      const w = new Writer(1);
      w.int8(7);
      const mark = w.beginSized();
      w.raw(new Uint8Array(n).fill(9));
      w.endSized(mark);
      w.int8(8);
      const r = new Reader(w.finish());
      expect(r.int8()).toBe(7);
      expect(r.uvarint()).toBe(n);
      expect(Array.from(r.rawBytes(n)).every((b) => b === 9)).toBe(true);
      expect(r.int8()).toBe(8);
      expect(r.remaining()).toBe(0);
    }
  });
});

describe('large payloads', () => {
  it('grow the buffer and keep everything written before, in order', () => {
    const a = new Uint8Array(20_000).fill(1);
    const b = new Uint8Array(70_000).fill(2);
    const w = new Writer(8);
    w.int8(7);
    w.bytes(a);
    w.compactBytes(b);
    w.string('tail');
    const out = w.finish();
    expect(out.length).toBe(1 + 4 + 20_000 + 3 + 70_000 + 6);
    const r = new Reader(out);
    expect(r.int8()).toBe(7);
    expect(r.bytes().every((x) => x === 1)).toBe(true);
    expect(r.compactBytes().every((x) => x === 2)).toBe(true);
    expect(r.string()).toBe('tail');
    expect(r.remaining()).toBe(0);
  });
});
