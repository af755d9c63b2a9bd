import { describe, expect, it } from 'vitest';
import type { MessageRecord } from './messages.js';
import { PackedRecordList, packMessages, unpackMessages } from './packed-messages.js';
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

describe('PackedRecordList', () => {
  const many: MessageRecord[] = Array.from({ length: 50 }, (_, i) => ({
    partition: i % 3, offset: BigInt(i) + 2n ** 60n, timestamp: BigInt(i), key: i % 5 ? enc(`k${i}`) : null,
    value: enc('v'.repeat(i)), headers: Array.from({ length: i % 3 }, (_, j) => ({ key: `h${j}`, value: enc(`${i}`) })),
  }));

  it('decodes any index on demand, the same record object each time, undefined out of range', () => {
    const list = new PackedRecordList(packMessages(many));
    expect(list.length).toBe(50);
    expect(list.at(49)).toEqual(many[49]);
    expect(list.at(0)).toEqual(many[0]);
    expect(list.at(17)).toBe(list.at(17));
    expect(list.at(50)).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
    expect(list.toArray()).toEqual(many);
  });

  it('refuses a cut buffer when built', () => {
    const p = packMessages(many);
    expect(() => new PackedRecordList({ count: 50, data: p.data.subarray(0, p.data.length - 10) })).toThrow(/cut short in record 49 of 50/);
  });
});
