import { describe, expect, it } from 'vitest';
import { ByteCursor, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';
import { RecordsErrorCode as E } from './records-error.js';
import { expectRecordsError, fromHex, toHex } from './test-helpers.js';

// Known answers: zigzag maps 0,-1,1,-2,... to 0,1,2,3,... then 7-bit groups, least significant first.
const INTS: [number, string][] = [
  [0, '00'], [-1, '01'], [1, '02'], [63, '7e'], [-64, '7f'], [64, '8001'], [300, 'd804'],
  [2147483647, 'feffffff0f'], [-2147483648, 'ffffffff0f'],
];
const LONGS: [bigint, string][] = [
  [0n, '00'], [-1n, '01'], [2n ** 53n + 1n, '8280808080808020'],
  [9223372036854775807n, 'feffffffffffffffff01'], [-9223372036854775808n, 'ffffffffffffffffff01'],
];

describe('varint', () => {
  for (const [n, hex] of INTS) {
    it(`${n} <-> ${hex}`, () => {
      const buf = new Uint8Array(5);
      const end = writeVarint(buf, 0, n);
      expect(toHex(buf.subarray(0, end))).toBe(hex);
      expect(sizeOfVarint(n)).toBe(hex.length / 2);
      const c = new ByteCursor(fromHex(hex), 0, hex.length / 2);
      expect(c.varint('x')).toBe(n);
      expect(c.remaining).toBe(0);
    });
  }
  it('rejects a varint that runs past the end, is longer than 5 bytes, or overflows 32 bits', () => {
    expectRecordsError(() => new ByteCursor(fromHex('8080'), 0, 2).varint('len'), E.CORRUPT_MESSAGE, 'past the end');
    expectRecordsError(() => new ByteCursor(fromHex('808080808001'), 0, 6).varint('len'), E.CORRUPT_MESSAGE, 'longer than 5');
    expectRecordsError(() => new ByteCursor(fromHex('ffffffff1f'), 0, 5).varint('len'), E.CORRUPT_MESSAGE, 'overflows');
    // The cursor's end bounds reads even when the buffer continues.
    expectRecordsError(() => new ByteCursor(fromHex('8001'), 0, 1).varint('len'), E.CORRUPT_MESSAGE, 'past the end');
  });
});

describe('varlong', () => {
  for (const [n, hex] of LONGS) {
    it(`${n} <-> ${hex}`, () => {
      const buf = new Uint8Array(10);
      const end = writeVarlong(buf, 0, n);
      expect(toHex(buf.subarray(0, end))).toBe(hex);
      expect(sizeOfVarlong(n)).toBe(hex.length / 2);
      expect(new ByteCursor(fromHex(hex), 0, hex.length / 2).varlong('x')).toBe(n);
    });
  }
  it('round-trips a spread of values across every byte length', () => {
    const buf = new Uint8Array(10);
    for (let bits = 0n; bits < 63n; bits += 3n) {
      for (const n of [1n << bits, -(1n << bits), (1n << bits) - 1n, -(1n << bits) + 7n]) {
        const end = writeVarlong(buf, 0, n);
        expect(end).toBe(sizeOfVarlong(n));
        expect(new ByteCursor(buf, 0, end).varlong('x')).toBe(n);
      }
    }
  });
  it('rejects truncation, more than 10 bytes, 64-bit overflow; writing outside int64 is a RangeError', () => {
    expectRecordsError(() => new ByteCursor(fromHex('ffffff'), 0, 3).varlong('ts'), E.CORRUPT_MESSAGE, 'past the end');
    expectRecordsError(() => new ByteCursor(fromHex('ffffffffffff'), 0, 6).varlong('ts'), E.CORRUPT_MESSAGE, 'past the end');
    expectRecordsError(() => new ByteCursor(fromHex('8080808080808080808001'), 0, 11).varlong('ts'), E.CORRUPT_MESSAGE, 'overflows');
    expectRecordsError(() => new ByteCursor(fromHex('ffffffffffffffffff02'), 0, 10).varlong('ts'), E.CORRUPT_MESSAGE, 'overflows');
    expect(() => writeVarlong(new Uint8Array(10), 0, 1n << 63n)).toThrow(RangeError);
  });
});

describe('bytes', () => {
  it('returns views, null for -1, and checks the length against what remains', () => {
    const buf = fromHex('06616263' + '01' + '03');
    const c = new ByteCursor(buf, 0, buf.length);
    const b = c.bytes('key')!;
    expect(toHex(b)).toBe('616263');
    expect(b.buffer).toBe(buf.buffer);
    expect(c.bytes('value')).toBeNull();
    expectRecordsError(() => c.bytes('x'), E.CORRUPT_MESSAGE, 'negative length -2');
    // A length of 2^30 over 3 bytes of data is rejected before any allocation.
    expectRecordsError(() => new ByteCursor(fromHex('8080808008' + '00'), 0, 6).bytes('value'), E.CORRUPT_MESSAGE, 'needs');
  });
});
