import { describe, expect, it } from 'vitest';
import * as records from './index.js';

describe('protocol/records public door', () => {
  it('exports the API other layers were promised (storage compaction, produce and fetch handlers)', () => {
    for (const name of [
      'Compression', 'compress', 'decompress', 'decodeRecordBatch', 'decodeRawRecords', 'encodeRecordBatch', 'iterateBatches',
      'RecordsError', 'RecordsErrorCode', 'decodeMessageSet', 'encodeMessageSet', 'upConvert', 'downConvert',
      'encodeTxnMarkerBatch', 'readTxnMarker', 'normalizeProducedRecords', 'recordsForFetchVersion',
      'readBatchHeader', 'updateBatchCrc', 'crc32c',
    ]) {
      expect(records, name).toHaveProperty(name);
    }
    expect(records.Compression).toEqual({ none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 });
    expect(records.RecordsErrorCode).toMatchObject({ CORRUPT_MESSAGE: 2, INVALID_RECORD: 87, UNSUPPORTED_COMPRESSION_TYPE: 76 });
  });
});
