import { describe, expect, it } from 'vitest';
import { parseWire, stringifyWire } from './wire-json.js';

describe('wire JSON', () => {
  it('keeps int64 values beyond 2^53 exact', () => {
    const v = { offset: 9_223_372_036_854_775_807n, neg: -9_223_372_036_854_775_808n, small: 1n, n: 1.5 };
    expect(parseWire(stringifyWire(v))).toEqual(v);
  });

  it('carries bytes as bytes, including empty and large ones', () => {
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    const out = parseWire(stringifyWire({ a: new Uint8Array([0, 255, 1]), e: new Uint8Array(0), big })) as Record<string, Uint8Array>;
    expect(out.a).toEqual(new Uint8Array([0, 255, 1]));
    expect(out.e).toEqual(new Uint8Array(0));
    expect(out.big).toEqual(big);
  });

  it('leaves look-alike objects that are not exactly tagged alone', () => {
    const v = { a: { $bigint: 'x1' }, b: { $bigint: '1', extra: true } };
    expect(parseWire(stringifyWire(v))).toEqual(v);
  });
});
