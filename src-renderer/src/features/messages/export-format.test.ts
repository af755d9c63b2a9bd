import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../src-main/contract/index.js';
import { CSV_HEADER, ExportWriter, exportFileName } from './export-format.js';

const enc = (s: string) => new TextEncoder().encode(s);
const rec = (over: Partial<MessageRecord>): MessageRecord => ({
  partition: 0, offset: 0n, timestamp: 1_700_000_000_000n, key: null, value: null, headers: [], ...over,
});

describe('export files', () => {
  const records = [
    rec({ partition: 2, offset: 9223372036854775806n, key: enc('k,1'), value: enc('{"n":9007199254740993}'), headers: [{ key: 'h', value: enc('v"q') }] }),
    rec({ offset: 1n, timestamp: -1n, key: new Uint8Array([0xff, 0x00]), value: enc('line1\nline2') }),
  ];

  it('JSON: a parseable array, exact offsets, UTF-8 text or base64 with its encoding named', () => {
    const w = new ExportWriter('json', 'orders');
    w.add(records.slice(0, 1));
    w.add([]);
    w.add(records.slice(1));
    const out = JSON.parse(w.finish().join(''));
    expect(w.records).toBe(2);
    expect(out[0]).toEqual({
      topic: 'orders', partition: 2, offset: '9223372036854775806', timestamp: '1700000000000', time: '2023-11-14T22:13:20.000Z',
      key: 'k,1', value: '{"n":9007199254740993}', headers: [{ key: 'h', value: 'v"q' }],
    });
    expect(out[1]).toMatchObject({ key: '/wA=', keyEncoding: 'base64', value: 'line1\nline2', time: '', timestamp: '-1' });
  });

  it('JSON with no records is an empty array', () => {
    expect(JSON.parse(new ExportWriter('json', 't').finish().join(''))).toEqual([]);
  });

  it('CSV: header row, quoted cells with commas, quotes and newlines, base64 marked', () => {
    const w = new ExportWriter('csv', 'orders');
    w.add(records);
    const text = w.finish().join('');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines[1]).toBe('orders,2,9223372036854775806,1700000000000,2023-11-14T22:13:20.000Z,"k,1","{""n"":9007199254740993}","[{""key"":""h"",""value"":""v\\""q""}]"');
    expect(lines[2]).toBe('orders,0,1,-1,,base64:/wA=,"line1\nline2",');
  });

  it('names the file after the topic and time', () => {
    expect(exportFileName('orders', 'csv', new Date('2026-11-21T13:30:00.123Z'))).toBe('orders-2026-11-21T13-30-00.csv');
  });
});
