import { describe, expect, it } from 'vitest';
import { normalizeProducedRecords } from './produce-records.js';
import { compressionOf, encodeRecordBatch, type RawRecord } from './record-batch.js';
import { encodeMessageSet } from './message-set.js';
import { concatBytes } from './bytes.js';
import { RecordsErrorCode as E } from './records-error.js';
import { expectRecordsError, utf8 } from './test-helpers.js';

const recs: RawRecord[] = [0, 1, 2].map((i) => ({ offsetDelta: i, timestampDelta: BigInt(i), key: utf8(`k${i}`), value: utf8(`v${i}`) }));
const v2 = (compression: 0 | 1 | 4 = 0) => encodeRecordBatch({ baseOffset: 0n, compression, baseTimestamp: 1000n, records: recs });

describe('normalizeProducedRecords', () => {
  it('passes a single v2 batch through unchanged (Produce v3+)', () => {
    const b = v2(1);
    const r = normalizeProducedRecords(b, 9);
    expect(r.batch).toBe(b);
    expect(r.sourceMagic).toBe(2);
    expect(r.decoded.records.map((x) => x.offset)).toEqual([0n, 1n, 2n]);
  });
  it('up-converts a legacy set for Produce v0-2, renumbering offsets from 0 and keeping the codec', () => {
    const set = encodeMessageSet({ magic: 1, compression: 1, records: [5n, 6n].map((o) => ({ offset: o, timestamp: 7n, key: null, value: utf8('x') })) });
    const r = normalizeProducedRecords(set, 2);
    expect(r.sourceMagic).toBe(1);
    expect(compressionOf(r.decoded.header)).toBe(1);
    expect(r.decoded.records.map((x) => [x.offset, x.timestamp])).toEqual([[0n, 7n], [1n, 7n]]);
    const v0 = encodeMessageSet({ magic: 0, records: [{ offset: 0n, key: null, value: utf8('y') }] });
    expect(normalizeProducedRecords(v0, 0).decoded.records[0].timestamp).toBe(-1n);
  });
  it('rejects legacy data on v3+, several batches, trailing bytes, empty records and zstd before v7', () => {
    const set = encodeMessageSet({ magic: 1, records: [{ offset: 0n, key: null, value: null }] });
    expectRecordsError(() => normalizeProducedRecords(set, 3), E.INVALID_RECORD, 'magic-2');
    expectRecordsError(() => normalizeProducedRecords(concatBytes([v2(), v2()]), 3), E.INVALID_RECORD, 'more than one');
    expectRecordsError(() => normalizeProducedRecords(concatBytes([v2(), new Uint8Array(5)]), 3), E.INVALID_RECORD, '5 trailing bytes');
    expectRecordsError(() => normalizeProducedRecords(null, 3), E.INVALID_RECORD, 'no records');
    expectRecordsError(() => normalizeProducedRecords(new Uint8Array(0), 3), E.INVALID_RECORD, 'no records');
    expectRecordsError(() => normalizeProducedRecords(new Uint8Array(10), 3), E.CORRUPT_MESSAGE, 'too short');
    expectRecordsError(() => normalizeProducedRecords(v2(4), 6), E.UNSUPPORTED_COMPRESSION_TYPE, 'v7');
    expect(normalizeProducedRecords(v2(4), 7).sourceMagic).toBe(2);
  });
  it('applies the produce-path batch rules and reports corruption', () => {
    const gap = encodeRecordBatch({ baseOffset: 0n, records: [recs[0], { ...recs[1], offsetDelta: 2 }] });
    expectRecordsError(() => normalizeProducedRecords(gap, 9), E.INVALID_RECORD, 'inconsistent');
    const bad = Uint8Array.from(v2());
    bad[bad.length - 1] ^= 1;
    expectRecordsError(() => normalizeProducedRecords(bad, 9), E.CORRUPT_MESSAGE, 'CRC');
    expectRecordsError(() => normalizeProducedRecords(v2().subarray(0, 70), 9), E.CORRUPT_MESSAGE, 'truncated');
    const cutSet = encodeMessageSet({ magic: 0, records: [{ offset: 0n, key: null, value: utf8('abc') }] });
    expectRecordsError(() => normalizeProducedRecords(cutSet.subarray(0, cutSet.length - 1), 1), E.CORRUPT_MESSAGE, 'partial');
  });
});
