import { describe, expect, it } from 'vitest';
import { parseWire, stringifyWire } from './wire-json.js';

describe('parseWire fast path (no reviver when no marker is in the text)', () => {
  it('parses marker-free text exactly like JSON.parse, and still revives bigint and bytes when present', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ name: `t-${i}`, partitions: i % 7, internal: false, rack: null }));
    expect(parseWire(stringifyWire(rows))).toEqual(rows);
    const mixed = { offset: 2n ** 63n - 1n, key: new Uint8Array([0, 255]), note: 'plain' };
    expect(parseWire(stringifyWire(mixed))).toEqual(mixed);
    // Only bytes, only bigint: each marker alone switches the reviver on.
    expect(parseWire(stringifyWire({ b: new Uint8Array([1]) }))).toEqual({ b: new Uint8Array([1]) });
    expect(parseWire(stringifyWire([1n]))).toEqual([1n]);
  });

  it('a user string that merely mentions a marker stays a string', () => {
    const v = { text: 'the "$bigint" marker', other: { $bigint: 'not-a-number' } };
    expect(parseWire(stringifyWire(v))).toEqual(v);
  });
});
