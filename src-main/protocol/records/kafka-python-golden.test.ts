/**
 * Third-party golden bytes: record batches and message sets built by kafka-python's pure-Python builders.
 * The committed fixture covers every codec; the live run (python3-kafka, installed in CI) covers none and
 * gzip and fails loudly, never skips, when kafka-python is missing.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { decodeRecordBatch, encodeRecordBatch, isTransactional, type DecodedRecord, type RawRecord } from './record-batch.js';
import { decodeMessageSet, encodeMessageSet, type LegacyCodec, type LegacyMagic } from './message-set.js';
import { downConvert, upConvert } from './convert.js';
import type { CompressionCodec } from './compression.js';
import { fixturePath, fromHex, jsonPayload, readFixture, toHex, utf8 } from './test-helpers.js';

interface GoldenCase {
  name: string;
  format: 'v2' | 'legacy';
  magic: number;
  codec: number;
  hex: string;
  attrs: { transactional?: boolean; producerId?: number; producerEpoch?: number; baseSequence?: number };
  records: { offset: number; timestamp: number; key: string | null; value: string | null; headers: [string, string | null][] }[];
}

function expectRecordsMatch(got: { offset: bigint; timestamp: bigint; key: Uint8Array | null; value: Uint8Array | null; headers?: DecodedRecord['headers'] }[], want: GoldenCase['records']): void {
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

function runKafkaPython(codecs: string): GoldenCase[] {
  const r = spawnSync('/usr/bin/python3', [fixturePath('kafka-python-golden.py'), codecs], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) {
    throw new Error(`kafka-python golden generator failed (is python3-kafka installed? apt-get install python3-kafka): ${r.error?.message ?? ''} ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as GoldenCase[];
}

const CODEC_IDS: Record<string, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

/** Codecs kafka-python can use on this machine: always none and gzip; snappy, lz4, zstd if their modules are installed. */
function kafkaPythonCodecs(): string[] {
  const r = spawnSync('/usr/bin/python3', [fixturePath('kafka-python-golden.py'), '--available'], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`kafka-python is missing (apt-get install python3-kafka): ${r.error?.message ?? ''} ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}
const liveCodecs = kafkaPythonCodecs();

const committed = readFixture<GoldenCase[]>('kafka-python-golden.json');

describe('kafka-python v2 batches (committed fixture, all codecs)', () => {
  it('covers every codec', () => {
    expect(new Set(committed.filter((c) => c.format === 'v2').map((c) => c.codec))).toEqual(new Set([0, 1, 2, 3, 4]));
  });
  for (const c of committed.filter((x) => x.format === 'v2')) it(c.name, () => checkV2(c));
});

describe('kafka-python v2 batches (live)', () => {
  it(`decodes freshly built batches (${liveCodecs.join(', ')})`, () => {
    expect(liveCodecs).toEqual(expect.arrayContaining(['none', 'gzip']));
    const live = runKafkaPython(liveCodecs.join(',')).filter((c) => c.format === 'v2');
    expect(live.length).toBe(2 * liveCodecs.length);
    for (const c of live) checkV2(c);
  });
});

function checkLegacy(c: GoldenCase): void {
  const buf = fromHex(c.hex);
  const { records, partialBytes } = decodeMessageSet(buf, { allowPartial: false });
  expect(partialBytes).toBe(0);
  expect(new Set(records.map((r) => r.magic))).toEqual(new Set([c.magic]));
  expect(new Set(records.map((r) => r.codec))).toEqual(new Set([c.codec]));
  expectRecordsMatch(records, c.records);
  // Up-converting keeps offsets, keys, values, timestamps (-1 for magic 0) and the producer's codec.
  const batch = decodeRecordBatch(upConvert(buf));
  expect(batch.header.attributes & 7).toBe(c.codec);
  expectRecordsMatch(batch.records, c.records);
}

describe('kafka-python legacy message sets (committed fixture, codecs 0-3)', () => {
  it('covers magic 0 and 1 with every legacy codec', () => {
    const legacy = committed.filter((c) => c.format === 'legacy');
    expect(new Set(legacy.map((c) => `${c.magic}/${c.codec}`))).toEqual(new Set(['0/0', '0/1', '0/2', '0/3', '1/0', '1/1', '1/2', '1/3']));
  });
  for (const c of committed.filter((x) => x.format === 'legacy')) it(c.name, () => checkLegacy(c));
});

describe('kafka-python legacy message sets (live)', () => {
  it(`decodes and up-converts freshly built sets (${liveCodecs.filter((c) => c !== 'zstd').join(', ')})`, () => {
    const live = runKafkaPython(liveCodecs.join(',')).filter((c) => c.format === 'legacy');
    expect(live.length).toBe(2 * liveCodecs.filter((c) => c !== 'zstd').length);
    for (const c of live) checkLegacy(c);
  });
});

interface PyRead { crcOk: boolean; batches: { magic: number; codec: number; records: GoldenCase['records'] }[] }

function readWithKafkaPython(inputs: Uint8Array[]): PyRead[] {
  const r = spawnSync('/usr/bin/python3', [fixturePath('kafka-python-read.py')], { input: JSON.stringify(inputs.map(toHex)), encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`kafka-python reader failed (is python3-kafka installed?): ${r.error?.message ?? ''} ${r.stderr}`);
  return JSON.parse(r.stdout) as PyRead[];
}

describe(`kafka-python reads what we encode (live: ${liveCodecs.join(', ')})`, () => {
  const p = jsonPayload(4000);
  const raw: RawRecord[] = Array.from({ length: 20 }, (_, i) => ({
    offsetDelta: i * 2, timestampDelta: BigInt(i * 5), key: i % 4 ? utf8(`k${i}`) : null, value: i % 6 === 5 ? null : p.subarray(i * 100, i * 100 + 100),
    headers: i % 3 ? [{ key: 'h', value: utf8(`v${i}`) }, { key: 'n', value: null }] : [],
  }));
  const want = (magic: number, withHeaders: boolean) => raw.map((r) => ({
    offset: 500 + r.offsetDelta, timestamp: magic === 0 ? -1 : 1700000000000 + Number(r.timestampDelta), key: toHex(r.key), value: toHex(r.value),
    headers: withHeaders ? (r.headers ?? []).map((h) => [h.key, toHex(h.value)] as [string, string | null]) : [],
  }));
  it('v2 batches, message sets and down-converted batches, with CRCs kafka-python accepts', () => {
    const inputs: { bytes: Uint8Array; magic: number; codec: number; headers: boolean }[] = [];
    for (const codec of liveCodecs.map((c) => CODEC_IDS[c])) {
      const v2 = encodeRecordBatch({ baseOffset: 500n, compression: codec as CompressionCodec, baseTimestamp: 1700000000000n, records: raw });
      inputs.push({ bytes: v2, magic: 2, codec, headers: true });
      if (codec === 4) continue; // no zstd below magic 2
      for (const magic of [0, 1] as LegacyMagic[]) {
        inputs.push({ bytes: downConvert(v2, magic), magic, codec, headers: false });
        const legacy = encodeMessageSet({ magic, compression: codec as LegacyCodec, records: raw.map((r) => ({ offset: 500n + BigInt(r.offsetDelta), timestamp: 1700000000000n + r.timestampDelta, key: r.key, value: r.value })) });
        inputs.push({ bytes: legacy, magic, codec, headers: false });
      }
    }
    const read = readWithKafkaPython(inputs.map((i) => i.bytes));
    read.forEach((res, n) => {
      const inp = inputs[n];
      expect(res.crcOk, `input ${n}`).toBe(true);
      expect(new Set(res.batches.map((b) => b.magic))).toEqual(new Set([inp.magic]));
      expect(new Set(res.batches.map((b) => b.codec))).toEqual(new Set([inp.codec]));
      expect(res.batches.flatMap((b) => b.records), `input ${n}`).toEqual(want(inp.magic, inp.headers));
    });
  });
});
