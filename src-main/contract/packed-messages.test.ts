import { describe, expect, it } from 'vitest';
import type { MessageRecord } from './messages.js';
import { packMessages, unpackMessages } from './packed-messages.js';
import { parseWire, stringifyWire } from '../common/wire-json.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('packed messages', () => {
  const records: MessageRecord[] = [
    { partition: 7, offset: 9223372036854775807n, timestamp: -1n, key: null, value: enc('{"n":9007199254740993}'), headers: [] },
    { partition: 0, offset: 0n, timestamp: 1_700_000_000_123n, key: new Uint8Array(0), value: null,
      headers: [{ key: 'trace-ü✓', value: new Uint8Array([0, 255]) }, { key: '', value: null }] },
  ];

  it('round-trips partitions, 64-bit offsets and timestamps, null and empty bytes, and headers', () => {
    const p = packMessages(records);
    expect(p.count).toBe(2);
    expect(unpackMessages(p)).toEqual(records);
  });

  it('survives the WebSocket wire format as one bytes field', () => {
    const text = stringifyWire(packMessages(records));
    expect(text.match(/\$bytes/g)).toHaveLength(1);
    expect(unpackMessages(parseWire(text) as ReturnType<typeof packMessages>)).toEqual(records);
  });

  it('packs nothing into nothing', () => {
    expect(unpackMessages(packMessages([]))).toEqual([]);
  });

  it('refuses a buffer cut short, naming the record', () => {
    const p = packMessages(records);
    expect(() => unpackMessages({ count: 2, data: p.data.subarray(0, p.data.length - 3) })).toThrow(/cut short in record 1 of 2/);
    expect(() => unpackMessages({ count: 3, data: p.data })).toThrow(/cut short in record 2 of 3/);
  });
});
