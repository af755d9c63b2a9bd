import { describe, expect, it } from 'vitest';
import { compileFilters } from './message-filter.js';

const enc = (s: string) => new TextEncoder().encode(s);
const rec = (key: string | null, value: string | Uint8Array | null, headers: { key: string; value: Uint8Array | null }[] = []) => ({
  key: key === null ? null : enc(key), value: typeof value === 'string' ? enc(value) : value, headers,
});

describe('compileFilters', () => {
  it('is null when nothing is set (empty strings included)', () => {
    expect(compileFilters(undefined)).toBeNull();
    expect(compileFilters({ key: '', value: '', header: '', jsonPath: '  ' })).toBeNull();
  });

  it('matches text case-insensitively, in invalid UTF-8 too, and never a null key or value', () => {
    const f = compileFilters({ key: 'ORD' })!;
    expect(f(rec('order-1', null))).toBe(true);
    expect(f(rec(null, 'order'))).toBe(false);
    const v = compileFilters({ value: 'b' })!;
    expect(v(rec(null, new Uint8Array([0xff, 0x62])))).toBe(true);
    expect(v(rec(null, null))).toBe(false);
  });

  it('matches a header by name or value, null values included', () => {
    const f = compileFilters({ header: 'trace' })!;
    expect(f(rec(null, 'x', [{ key: 'TRACE-ID', value: null }]))).toBe(true);
    expect(f(rec(null, 'x', [{ key: 'h', value: enc('my-trace') }]))).toBe(true);
    expect(f(rec(null, 'x', [{ key: 'h', value: enc('other') }]))).toBe(false);
  });

  it('JSONPath: selects nodes, filters the top-level value, and never matches non-JSON or null', () => {
    const has = compileFilters({ jsonPath: '$.user.id' })!;
    expect(has(rec(null, '{"user":{"id":1}}'))).toBe(true);
    expect(has(rec(null, '{"user":{}}'))).toBe(false);
    expect(has(rec(null, 'not json'))).toBe(false);
    expect(has(rec(null, null))).toBe(false);
    const top = compileFilters({ jsonPath: '$[?@.amount > 100]' })!;
    expect(top(rec(null, '{"amount":150}'))).toBe(true);
    expect(top(rec(null, '{"amount":50}'))).toBe(false);
    expect(top(rec(null, '[{"amount":150}]'))).toBe(true); // an array value: RFC 9535 as written
  });

  it('refuses an invalid JSONPath with a TP_VALIDATION error that shows the syntax', () => {
    expect(() => compileFilters({ jsonPath: '$..[' })).toThrow(expect.objectContaining({ code: 'TP_VALIDATION', message: expect.stringMatching(/RFC 9535, e\.g\. \$\.user\.id/) }));
    expect(() => compileFilters({ jsonPath: 'user.id' })).toThrow(expect.objectContaining({ code: 'TP_VALIDATION' }));
  });

  it('requires every filter to match', () => {
    const f = compileFilters({ key: 'a', value: 'b' })!;
    expect(f(rec('a', 'b'))).toBe(true);
    expect(f(rec('a', 'c'))).toBe(false);
  });
});
