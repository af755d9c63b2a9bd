/**
 * Third-party golden bytes: record batches and message sets built by kafka-python's pure-Python builders.
 * The committed fixture covers every codec; the live run (python3-kafka, installed in CI) covers none and
 * gzip and fails loudly, never skips, when kafka-python is missing.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { decodeRecordBatch, isTransactional, type DecodedRecord } from './record-batch.js';
import { fixturePath, fromHex, readFixture, toHex } from './test-helpers.js';

export interface GoldenCase {
  name: string;
  format: 'v2' | 'legacy';
  magic: number;
  codec: number;
  hex: string;
  attrs: { transactional?: boolean; producerId?: number; producerEpoch?: number; baseSequence?: number };
  records: { offset: number; timestamp: number; key: string | null; value: string | null; headers: [string, string | null][] }[];
}

export function expectRecordsMatch(got: { offset: bigint; timestamp: bigint; key: Uint8Array | null; value: Uint8Array | null; headers?: DecodedRecord['headers'] }[], want: GoldenCase['records']): void {
  expect(got).toHaveLength(want.length);
  want.forEach((w, i) => {
    expect(got[i].offset, `record ${i} offset`).toBe(BigInt(w.offset));
    expect(got[i].timestamp, `record ${i} timestamp`).toBe(BigInt(w.timestamp));
    expect(toHex(got[i].key), `record ${i} key`).toBe(w.key);
    expect(toHex(got[i].value), `record ${i} value`).toBe(w.value);
    expect((got[i].headers ?? []).map((h) => [h.key, toHex(h.value)]), `record ${i} headers`).toEqual(w.headers);
  });
}

function checkV2(c: GoldenCase): void {
  const buf = fromHex(c.hex);
  const batch = decodeRecordBatch(buf);
  expect(batch.header.batchLength + 12).toBe(buf.length);
  expect(batch.header.attributes & 7).toBe(c.codec);
  expect(isTransactional(batch.header)).toBe(!!c.attrs.transactional);
  expect(batch.header.producerId).toBe(BigInt(c.attrs.producerId ?? -1));
  expect(batch.header.producerEpoch).toBe(c.attrs.producerEpoch ?? -1);
  expect(batch.header.baseSequence).toBe(c.attrs.baseSequence ?? -1);
  expectRecordsMatch(batch.records, c.records);
}

export function runKafkaPython(codecs: string): GoldenCase[] {
  const r = spawnSync('/usr/bin/python3', [fixturePath('kafka-python-golden.py'), codecs], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) {
    throw new Error(`kafka-python golden generator failed (is python3-kafka installed? apt-get install python3-kafka): ${r.error?.message ?? ''} ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as GoldenCase[];
}

const committed = readFixture<GoldenCase[]>('kafka-python-golden.json');

describe('kafka-python v2 batches (committed fixture, all codecs)', () => {
  it('covers every codec', () => {
    expect(new Set(committed.filter((c) => c.format === 'v2').map((c) => c.codec))).toEqual(new Set([0, 1, 2, 3, 4]));
  });
  for (const c of committed.filter((x) => x.format === 'v2')) it(c.name, () => checkV2(c));
});

describe('kafka-python v2 batches (live)', () => {
  it('decodes freshly built none and gzip batches', () => {
    const live = runKafkaPython('none,gzip').filter((c) => c.format === 'v2');
    expect(live.length).toBe(4);
    for (const c of live) checkV2(c);
  });
});
