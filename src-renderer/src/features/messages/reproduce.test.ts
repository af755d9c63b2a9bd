import { describe, expect, it } from 'vitest';
import { reproduceForm } from './reproduce.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('reproduceForm', () => {
  it('keeps key and value bytes exactly: UTF-8 as text, other bytes as base64, null as null', () => {
    const { patch, warning } = reproduceForm('orders', {
      partition: 2, offset: 5n, timestamp: 0n, key: new Uint8Array([0xff, 0x01]), value: enc('{"n":9007199254740993}'),
      headers: [{ key: 'h', value: enc('v') }],
    });
    expect(patch).toEqual({
      topic: 'orders', partition: '2', keyNull: false, key: '/wE=', keyEncoding: 'base64',
      valueNull: false, value: '{"n":9007199254740993}', valueEncoding: 'string', headers: [{ key: 'h', value: 'v' }],
    });
    expect(warning).toBeNull();
    const tomb = reproduceForm('t', { partition: 0, offset: 0n, timestamp: 0n, key: null, value: null, headers: [] }).patch;
    expect(tomb).toMatchObject({ keyNull: true, valueNull: true });
  });

  it('warns about header values it cannot send back exactly', () => {
    const { warning } = reproduceForm('t', {
      partition: 0, offset: 0n, timestamp: 0n, key: null, value: enc('x'),
      headers: [{ key: 'a', value: null }, { key: 'b', value: new Uint8Array([0xc3]) }],
    });
    expect(warning).toBe('Header values that cannot be sent back exactly: a (null, sent as empty), b (not UTF-8).');
  });
});
