import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatDuration, formatPercent, toDisplayJson } from './format.js';

describe('formatBytes', () => {
  it('scales through binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150 MiB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TiB');
  });
  it('shows bad input instead of hiding it', () => {
    expect(formatBytes(-1)).toBe('-1');
    expect(formatBytes(Number.NaN)).toBe('NaN');
  });
});

describe('formatDuration', () => {
  it('keeps the two most significant units', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(93_000)).toBe('1m 33s');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 59_000)).toBe('2d 3h');
    expect(formatDuration(-5)).toBe('-5');
  });
});

describe('formatPercent and formatClock', () => {
  it('formats', () => {
    expect(formatPercent(3.14159)).toBe('3.1%');
    expect(formatPercent(42.4)).toBe('42%');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatClock(new Date(2026, 0, 1, 9, 5, 7).getTime())).toBe('09:05:07');
  });
});

describe('toDisplayJson', () => {
  it('writes bigints as exact integer literals', () => {
    const big = 2n ** 63n - 1n;
    const text = toDisplayJson({ a: big, b: [-5n], c: 'x' });
    expect(text).toContain('"a": 9223372036854775807');
    expect(text).toContain('-5');
    expect(text).toContain('"c": "x"');
    expect(() => JSON.parse(text)).not.toThrow();
  });
  it('does not rewrite ordinary strings that look similar', () => {
    expect(toDisplayJson({ s: 'bigint:12' })).toContain('"bigint:12"');
  });
  it('handles undefined', () => {
    expect(toDisplayJson(undefined)).toBe('undefined');
  });
});
