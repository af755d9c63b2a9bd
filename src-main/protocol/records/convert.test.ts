import { describe, expect, it } from 'vitest';
import { downConvert, magicForFetchVersion, magicForProduceVersion, upConvert } from './convert.js';
import { decodeMessageSet, encodeMessageSet, type LegacyCodec, type LegacyMagic, type LegacyRecordInput } from './message-set.js';
import { compressionOf, decodeRecordBatch, encodeRecordBatch, isLogAppendTime, type RawRecord } from './record-batch.js';
import { encodeTxnMarkerBatch } from './control-record.js';
import { concatBytes } from './bytes.js';
import { RecordsErrorCode as E } from './records-error.js';
import type { CompressionCodec } from './compression.js';
import { expectRecordsError, jsonPayload, toHex, utf8 } from './test-helpers.js';

const payload = jsonPayload(20_000);
function raw(n: number, step = 1): RawRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    offsetDelta: i * step, timestampDelta: BigInt(i * 10), key: i % 4 === 1 ? null : utf8(`key-${i}`),
    value: i % 5 === 3 ? null : payload.subarray(i * 90, i * 90 + 90), headers: [{ key: 'dropped-below-v2', value: utf8('x') }],
  }));
}
function legacy(n: number, start = 100n): LegacyRecordInput[] {
  return Array.from({ length: n }, (_, i) => ({ offset: start + BigInt(i), timestamp: 1600000000000n + BigInt(i * 7), key: utf8(`k${i}`), value: i === 2 ? null : payload.subarray(i * 50, i * 50 + 50) }));
}

describe('version mapping', () => {
  it('Fetch v0-1 read magic 0, v2-3 magic 1, v4+ magic 2; Produce v0-1 / v2 / v3+', () => {
    expect([0, 1, 2, 3, 4, 17].map(magicForFetchVersion)).toEqual([0, 0, 1, 1, 2, 2]);
    expect([0, 1, 2, 3, 11].map(magicForProduceVersion)).toEqual([0, 0, 1, 2, 2]);
  });
});

describe('up-conversion (produce v0-2 -> stored v2)', () => {
  for (const magic of [0, 1] as LegacyMagic[]) {
    for (const codec of [0, 1, 2, 3] as LegacyCodec[]) {
      it(`magic ${magic}, codec ${codec}: one v2 batch, same codec, offsets/keys/values/timestamps kept`, () => {
        const input = legacy(8);
        const batch = decodeRecordBatch(upConvert(encodeMessageSet({ magic, compression: codec, records: input })));
        expect(compressionOf(batch.header)).toBe(codec);
        expect(batch.header).toMatchObject({ baseOffset: 100n, lastOffsetDelta: 7, recordCount: 8, producerId: -1n, baseSequence: -1 });
        expect(batch.header.maxTimestamp).toBe(magic === 0 ? -1n : 1600000000049n);
        input.forEach((r, i) => {
          expect(batch.records[i].offset).toBe(r.offset);
          expect(batch.records[i].timestamp).toBe(magic === 0 ? -1n : r.timestamp);
          expect(toHex(batch.records[i].key)).toBe(toHex(r.key));
          expect(toHex(batch.records[i].value)).toBe(toHex(r.value));
          expect(batch.records[i].headers).toEqual([]);
        });
      });
    }
  }
  it('several wrappers and plain messages become one batch; assignOffsets renumbers from a base', () => {
    const set = concatBytes([
      encodeMessageSet({ magic: 1, records: legacy(2, 0n) }),
      encodeMessageSet({ magic: 1, compression: 3, records: legacy(3, 2n) }),
      encodeMessageSet({ magic: 1, compression: 3, records: legacy(2, 5n) }),
    ]);
    const kept = decodeRecordBatch(upConvert(set));
    expect(compressionOf(kept.header)).toBe(3);
    expect(kept.records.map((r) => r.offset)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
    const assigned = decodeRecordBatch(upConvert(set, { assignOffsets: 0n, compression: 4 }));
    expect(compressionOf(assigned.header)).toBe(4);
    expect(assigned.records.map((r) => r.offset)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
  });
  it('magic-0 producers that send offset 0 everywhere need assignOffsets', () => {
    const set = concatBytes([0, 1, 2].map(() => encodeMessageSet({ magic: 0, records: [{ offset: 0n, key: null, value: utf8('v') }] })));
    expectRecordsError(() => upConvert(set), E.INVALID_RECORD, 'greater than the previous');
    expect(decodeRecordBatch(upConvert(set, { assignOffsets: 0n })).records.map((r) => r.offset)).toEqual([0n, 1n, 2n]);
  });
  it('keeps LogAppendTime when every wrapper says so', () => {
    const set = encodeMessageSet({ magic: 1, compression: 1, logAppendTime: 1234n, records: legacy(3) });
    const b = decodeRecordBatch(upConvert(set));
    expect(isLogAppendTime(b.header)).toBe(true);
    expect(b.records.map((r) => r.timestamp)).toEqual([1234n, 1234n, 1234n]);
  });
  it('rejects partial, empty and over-wide sets', () => {
    const set = encodeMessageSet({ magic: 1, records: legacy(3) });
    expectRecordsError(() => upConvert(set.subarray(0, set.length - 1)), E.CORRUPT_MESSAGE, 'partial');
    expectRecordsError(() => upConvert(new Uint8Array(0)), E.INVALID_RECORD, 'no messages');
    const wide = encodeMessageSet({ magic: 0, records: [{ offset: 0n, key: null, value: null }, { offset: 1n << 33n, key: null, value: null }] });
    expectRecordsError(() => upConvert(wide), E.INVALID_RECORD, 'too far');
  });
});

describe('down-conversion (stored v2 -> fetch v0-3)', () => {
  const batches = [
    encodeRecordBatch({ baseOffset: 0n, baseTimestamp: 1700000000000n, records: raw(5) }),
    encodeRecordBatch({ baseOffset: 5n, compression: 1, baseTimestamp: 1700000001000n, records: raw(6, 2), lastOffsetDelta: 12 }),
    encodeTxnMarkerBatch({ baseOffset: 18n, producerId: 1n, producerEpoch: 0, timestamp: 5n, coordinatorEpoch: 0, commit: true }),
    encodeRecordBatch({ baseOffset: 19n, compression: 2, baseTimestamp: 1700000002000n, records: raw(4) }),
    encodeRecordBatch({ baseOffset: 23n, compression: 3, timestampType: 'logAppend', maxTimestamp: 1800000000000n, baseTimestamp: 1700000003000n, records: raw(3) }),
    encodeRecordBatch({ baseOffset: 26n, lastOffsetDelta: 3, records: [] }),
  ];
  const stored = concatBytes(batches);
  const expected = batches.flatMap((b) => decodeRecordBatch(b)).filter((b) => (b.header.attributes & 0x20) === 0).flatMap((b) => b.records);
  for (const magic of [0, 1] as LegacyMagic[]) {
    it(`to magic ${magic}: offsets, keys, values${magic ? ', timestamps' : ''} kept; control and empty batches dropped; codecs kept`, () => {
      const set = decodeMessageSet(downConvert(stored, magic), { allowPartial: false });
      expect(set.records.map((r) => r.offset)).toEqual(expected.map((r) => r.offset));
      set.records.forEach((r, i) => {
        expect(r.magic).toBe(magic);
        expect(r.timestamp).toBe(magic === 0 ? -1n : expected[i].timestamp);
        expect(toHex(r.key)).toBe(toHex(expected[i].key));
        expect(toHex(r.value)).toBe(toHex(expected[i].value));
      });
      expect([...new Set(set.records.map((r) => r.codec))]).toEqual([0, 1, 2, 3]);
      if (magic === 1) expect(set.records.filter((r) => r.timestampType === 'logAppend').map((r) => r.timestamp)).toEqual([1800000000000n, 1800000000000n, 1800000000000n]);
    });
  }
  it('round trip v2 -> magic 1 -> v2 preserves everything but headers', () => {
    const again = decodeRecordBatch(upConvert(downConvert(batches[1], 1)));
    const orig = decodeRecordBatch(batches[1]);
    expect(again.records.map((r) => [r.offset, r.timestamp, toHex(r.key), toHex(r.value)])).toEqual(orig.records.map((r) => [r.offset, r.timestamp, toHex(r.key), toHex(r.value)]));
    expect(compressionOf(again.header)).toBe(1);
  });
  it('firstOffset drops records below the fetch position; a partial trailing batch is ignored', () => {
    const set = decodeMessageSet(downConvert(stored, 1, { firstOffset: 9n }));
    expect(set.records[0].offset).toBe(9n);
    const cut = decodeMessageSet(downConvert(stored.subarray(0, stored.length - batches[5].length - 10), 1));
    expect(cut.records.at(-1)!.offset).toBe(18n + 1n + 3n);
  });
  it('zstd batches cannot go below magic 2 (UNSUPPORTED_COMPRESSION_TYPE); corrupt input is reported', () => {
    const z = encodeRecordBatch({ baseOffset: 0n, compression: 4 as CompressionCodec, records: raw(2) });
    expectRecordsError(() => downConvert(z, 1), E.UNSUPPORTED_COMPRESSION_TYPE, 'zstd');
    expectRecordsError(() => downConvert(z, 0), E.UNSUPPORTED_COMPRESSION_TYPE, 'zstd');
    const bad = Uint8Array.from(batches[0]);
    bad[bad.length - 1] ^= 1;
    expectRecordsError(() => downConvert(bad, 0), E.CORRUPT_MESSAGE, 'CRC');
  });
});
