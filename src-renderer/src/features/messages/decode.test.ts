import { describe, expect, it } from 'vitest';
import { decodeBytes, preview, prettyJson, toBase64, toHex, utf8 } from './decode.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decoding record bytes', () => {
  it('pretty-prints JSON keeping 64-bit numbers and long decimals exact', () => {
    const raw = '{"id":9007199254740993,"offset":9223372036854775807,"neg":-9223372036854775808,"price":0.10000000000000000555,"list":[1,2]}';
    const out = decodeBytes(enc(raw), 'json');
    expect(out.warning).toBeUndefined();
    expect(out.text).toContain('"id": 9007199254740993');
    expect(out.text).toContain('"offset": 9223372036854775807');
    expect(out.text).toContain('"neg": -9223372036854775808');
    expect(out.text).toContain('"price": 0.10000000000000000555');
    expect(out.text.split('\n')[1]).toBe('  "id": 9007199254740993,');
    // What JSON.parse would have shown instead: the rounding this module exists to avoid.
    expect(JSON.stringify(JSON.parse(raw))).toContain('9007199254740992');
    expect(prettyJson('[1e400]')).toContain('1e400');
  });

  it('says when a value is not JSON and falls back to the text', () => {
    const out = decodeBytes(enc('hello {'), 'json');
    expect(out.text).toBe('hello {');
    expect(out.warning).toMatch(/^not JSON/);
  });

  it('hex and base64 show every byte', () => {
    const bytes = new Uint8Array([0, 1, 0xab, 0xff, 0x7f]);
    expect(decodeBytes(bytes, 'hex').text).toBe('00 01 ab ff 7f');
    expect(decodeBytes(bytes, 'base64').text).toBe('AAGr/38=');
    expect(toHex(new Uint8Array(17))).toBe(`${Array(16).fill('00').join(' ')}\n00`);
    expect(toBase64(new Uint8Array(0))).toBe('');
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(Uint8Array.from(atob(toBase64(big)), (c) => c.charCodeAt(0))).toEqual(big);
  });

  it('flags invalid UTF-8 and shows replacement characters, in string and JSON modes', () => {
    const bad = new Uint8Array([0x61, 0xff, 0xfe, 0x62]);
    expect(utf8(bad)).toEqual({ text: 'a\uFFFD\uFFFDb', valid: false });
    expect(decodeBytes(bad, 'string')).toMatchObject({ text: 'a\uFFFD\uFFFDb', warning: expect.stringMatching(/not valid UTF-8/) });
    expect(decodeBytes(bad, 'json').warning).toMatch(/not valid UTF-8/);
    expect(decodeBytes(enc('héllo ✓'), 'string')).toEqual({ text: 'héllo ✓' });
  });

  it('null bytes decode to nothing with a note', () => {
    expect(decodeBytes(null, 'string')).toEqual({ text: '', warning: 'null (no bytes)' });
    expect(preview(null, 'json')).toBe('null');
  });

  it('previews on one line, cut at the limit', () => {
    expect(preview(enc('a\nb\tc'), 'string')).toBe('a b c');
    const long = preview(enc('x'.repeat(1000)), 'string', 10);
    expect(long).toBe(`${'x'.repeat(10)}…`);
    expect(preview(new Uint8Array([1, 2]), 'hex')).toBe('01 02');
  });
});
