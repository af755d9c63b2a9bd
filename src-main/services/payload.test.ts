import { describe, expect, it } from 'vitest';
import { TidepoolError } from '../common/index.js';
import { encodePayload, renderTemplate } from './payload.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('encodePayload', () => {
  it('encodes text as UTF-8', () => {
    expect(hex(encodePayload('hé', 'string', 'value'))).toBe('68c3a9');
  });

  it('sends JSON exactly as typed (64-bit numbers are not rounded) and refuses invalid JSON with the reason', () => {
    const text = '{"id": 9007199254740993}';
    expect(Buffer.from(encodePayload(text, 'json', 'value')).toString()).toBe(text);
    let err: unknown;
    try { encodePayload('{"a":', 'json', 'value'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(TidepoolError);
    expect(err).toMatchObject({ code: 'TP_VALIDATION', details: { field: 'value', encoding: 'json' } });
    expect((err as Error).message).toMatch(/not valid JSON/);
  });

  it('decodes base64 and hex strictly', () => {
    expect(hex(encodePayload('AAEC/w==', 'base64', 'key'))).toBe('000102ff');
    expect(hex(encodePayload('0x00 01 ff', 'hex', 'key'))).toBe('0001ff');
    expect(() => encodePayload('ab$c', 'base64', 'key')).toThrow(/not valid base64/);
    expect(() => encodePayload('A', 'base64', 'key')).toThrow(/not valid base64/);
    expect(() => encodePayload('abc', 'hex', 'key')).toThrow(/not valid hex/);
    expect(() => encodePayload('zz', 'hex', 'key')).toThrow(/not valid hex/);
  });
});

describe('renderTemplate', () => {
  it('expands every placeholder and leaves unknown ones as typed', () => {
    const now = Date.UTC(2026, 10, 21, 13, 0, 0);
    const out = renderTemplate('{"i":{{i}},"n":{{ n }},"t":{{now}},"iso":"{{iso}}","r":{{random}},"x":"{{other}}"}', 4, now, () => 0.5);
    expect(JSON.parse(out)).toEqual({ i: 4, n: 5, t: now, iso: '2026-11-21T13:00:00.000Z', r: 500_000_000, x: '{{other}}' });
    const u = renderTemplate('{{uuid}}|{{uuid}}', 0, now);
    const [a, b] = u.split('|');
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});
