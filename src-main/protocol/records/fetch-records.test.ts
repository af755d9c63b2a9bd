import { describe, expect, it } from 'vitest';
import { recordsForFetchVersion } from './fetch-records.js';
import { encodeRecordBatch, type RawRecord } from './record-batch.js';
import { decodeMessageSet } from './message-set.js';
import { concatBytes } from './bytes.js';
import { RecordsErrorCode as E } from './records-error.js';
import { expectRecordsError, utf8 } from './test-helpers.js';

const recs: RawRecord[] = [0, 1, 2].map((i) => ({ offsetDelta: i, timestampDelta: BigInt(i), key: null, value: utf8(`v${i}`) }));
const plain = encodeRecordBatch({ baseOffset: 10n, baseTimestamp: 500n, records: recs });
const zstd = encodeRecordBatch({ baseOffset: 13n, compression: 4, baseTimestamp: 500n, records: recs });

describe('recordsForFetchVersion', () => {
  it('returns v2 data untouched for Fetch v4+ (a partial trailing batch stays for the client to ignore)', () => {
    const data = concatBytes([plain, zstd.subarray(0, 30)]);
    expect(recordsForFetchVersion(data, 4)).toBe(data);
    const withZstd = concatBytes([plain, zstd]);
    expect(recordsForFetchVersion(withZstd, 10)).toBe(withZstd);
  });
  it('refuses zstd batches below Fetch v10', () => {
    expectRecordsError(() => recordsForFetchVersion(concatBytes([plain, zstd]), 9), E.UNSUPPORTED_COMPRESSION_TYPE, 'v9');
    expectRecordsError(() => recordsForFetchVersion(zstd, 2), E.UNSUPPORTED_COMPRESSION_TYPE, 'zstd');
  });
  it('down-converts for Fetch v0-3: magic 0 for v0-1, magic 1 for v2-3, from the fetch position', () => {
    for (const [version, magic] of [[0, 0], [1, 0], [2, 1], [3, 1]] as const) {
      const set = decodeMessageSet(recordsForFetchVersion(plain, version, { firstOffset: 11n }));
      expect(set.records.map((r) => [r.offset, r.magic, r.timestamp])).toEqual([[11n, magic, magic ? 501n : -1n], [12n, magic, magic ? 502n : -1n]]);
    }
  });
});
