import { describe, expect, it } from 'vitest';
import {
  ControlType, decodeControlKey, decodeTxnMarkerValue, encodeControlKey, encodeTxnMarkerBatch, encodeTxnMarkerValue, readTxnMarker,
} from './control-record.js';
import { decodeRecordBatch, encodeRecordBatch, isControl, isTransactional } from './record-batch.js';
import { RecordsErrorCode as E } from './records-error.js';
import { expectRecordsError, fromHex, toHex } from './test-helpers.js';

describe('control keys and marker values', () => {
  it('have the byte layout from NOTES §3', () => {
    expect(toHex(encodeControlKey(ControlType.commit))).toBe('00000001');
    expect(toHex(encodeControlKey(ControlType.abort))).toBe('00000000');
    expect(toHex(encodeTxnMarkerValue(0x01020304))).toBe('000001020304');
    expect(decodeControlKey(fromHex('00000001'))).toEqual({ version: 0, type: 1 });
    expect(decodeTxnMarkerValue(fromHex('0000ffffffff'))).toEqual({ version: 0, coordinatorEpoch: -1 });
  });
  it('newer key versions are still read (forward compatible), bad ones rejected as INVALID_RECORD', () => {
    expect(decodeControlKey(fromHex('000100010000'))).toEqual({ version: 1, type: 1 });
    expectRecordsError(() => decodeControlKey(null), E.INVALID_RECORD, 'needs 4 bytes');
    expectRecordsError(() => decodeControlKey(fromHex('0000')), E.INVALID_RECORD, 'needs 4 bytes');
    expectRecordsError(() => decodeControlKey(fromHex('ffff0001')), E.INVALID_RECORD, 'negative');
    expectRecordsError(() => decodeTxnMarkerValue(fromHex('00000000')), E.INVALID_RECORD, 'needs 6 bytes');
    expectRecordsError(() => decodeTxnMarkerValue(fromHex('800000000000')), E.INVALID_RECORD, 'negative');
  });
});

describe('transaction marker batches', () => {
  for (const commit of [true, false]) {
    it(`${commit ? 'COMMIT' : 'ABORT'} marker round-trips through a real batch`, () => {
      const buf = encodeTxnMarkerBatch({ baseOffset: 41n, producerId: 1234567890123n, producerEpoch: 4, timestamp: 1700000000123n, coordinatorEpoch: 17, commit, partitionLeaderEpoch: 2 });
      const batch = decodeRecordBatch(buf);
      expect(isControl(batch.header) && isTransactional(batch.header)).toBe(true);
      expect(batch.header).toMatchObject({ baseOffset: 41n, producerId: 1234567890123n, producerEpoch: 4, recordCount: 1, lastOffsetDelta: 0, partitionLeaderEpoch: 2 });
      expect(batch.records[0].timestamp).toBe(1700000000123n);
      expect(readTxnMarker(batch)).toEqual({ commit, coordinatorEpoch: 17 });
    });
  }
  it('other control types give null; non-control or malformed batches are INVALID_RECORD', () => {
    const leaderChange = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, control: true, records: [{ offsetDelta: 0, timestampDelta: 0n, key: encodeControlKey(ControlType.leaderChange), value: new Uint8Array(4) }] }));
    expect(readTxnMarker(leaderChange)).toBeNull();
    const data = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, records: [{ offsetDelta: 0, timestampDelta: 0n, key: null, value: null }] }));
    expectRecordsError(() => readTxnMarker(data), E.INVALID_RECORD, 'not a control batch');
    const two = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, control: true, transactional: true, records: [0, 1].map((i) => ({ offsetDelta: i, timestampDelta: 0n, key: encodeControlKey(1), value: encodeTxnMarkerValue(0) })) }));
    expectRecordsError(() => readTxnMarker(two), E.INVALID_RECORD, 'holds 2 records');
    const shortValue = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, control: true, transactional: true, records: [{ offsetDelta: 0, timestampDelta: 0n, key: encodeControlKey(0), value: new Uint8Array(2) }] }));
    expectRecordsError(() => readTxnMarker(shortValue), E.INVALID_RECORD, 'needs 6 bytes');
  });
});
