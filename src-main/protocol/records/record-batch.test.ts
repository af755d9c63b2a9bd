import { describe, expect, it } from 'vitest';
import { BatchField, computeBatchCrc, readBatchHeader, setPartitionLeaderEpoch, updateBatchCrc } from './batch-header.js';
import { crc32c } from './crc32c.js';
import {
  checkProducedBatch, compressionOf, decodeRecordBatch, encodeRecordBatch, hasDeleteHorizon, isControl, isLogAppendTime,
  isTransactional, iterateBatches, type EncodeBatchOptions, type RawRecord,
} from './record-batch.js';
import { RecordsError, RecordsErrorCode as E } from './records-error.js';
import type { CompressionCodec } from './compression.js';
import { expectRecordsError, fromHex, jsonPayload, toHex, utf8 } from './test-helpers.js';

/** A batch assembled byte by byte from the NOTES.md §3 table, independent of our encoder. */
const HAND_RECORDS = '18' + '00' + '00' + '00' + '02' + '61' + '04' + '6869' + '02' + '02' + '68' + '01' // key "a", value "hi", header h=null
  + '0c' + '00' + '14' + '02' + '01' + '00' + '00'; // tsDelta 10, offsetDelta 1, null key, empty value, no headers
function handBatch(): Uint8Array {
  const afterCrc = '0010' + '00000001' + '00000000000003e8' + '00000000000003f2' + '000000000000002a' + '0001' + '00000007' + '00000002' + HAND_RECORDS;
  const crc = crc32c(fromHex(afterCrc)).toString(16).padStart(8, '0');
  return fromHex('0000000000000005' + '00000045' + '00000003' + '02' + crc + afterCrc);
}

function records(n: number, opts: { headers?: boolean; size?: number } = {}): RawRecord[] {
  const payload = jsonPayload(Math.max(n * (opts.size ?? 80), 1));
  return Array.from({ length: n }, (_, i) => ({
    offsetDelta: i,
    timestampDelta: BigInt(i * 3),
    key: i % 4 === 3 ? null : utf8(`key-${i % 10}`),
    value: i % 9 === 8 ? null : payload.subarray(i * (opts.size ?? 80), (i + 1) * (opts.size ?? 80)),
    headers: opts.headers ? [{ key: 'trace-id', value: utf8(`t${i}`) }, { key: 'ünïcode', value: null }] : [],
  }));
}

const eq = (a: Uint8Array | null, b: Uint8Array | null) => expect(toHex(a)).toBe(toHex(b));

describe('known-answer batch', () => {
  it('CRC-32C check value of "123456789" is 0xE3069283', () => {
    expect(crc32c(utf8('123456789'))).toBe(0xe3069283);
  });
  it('decodes a hand-assembled batch', () => {
    const buf = handBatch();
    const { header, records: recs } = decodeRecordBatch(buf);
    expect(header).toMatchObject({
      baseOffset: 5n, batchLength: 69, partitionLeaderEpoch: 3, magic: 2, attributes: 0x10, lastOffsetDelta: 1,
      baseTimestamp: 1000n, maxTimestamp: 1010n, producerId: 42n, producerEpoch: 1, baseSequence: 7, recordCount: 2,
    });
    expect(isTransactional(header)).toBe(true);
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({ offset: 5n, timestamp: 1000n, headers: [{ key: 'h', value: null }] });
    eq(recs[0].key, utf8('a'));
    eq(recs[0].value, utf8('hi'));
    expect(recs[1]).toMatchObject({ offset: 6n, timestamp: 1010n, key: null, headers: [] });
    expect(recs[1].value).toHaveLength(0);
  });
  it('our encoder produces exactly the hand-assembled bytes', () => {
    const out = encodeRecordBatch({
      baseOffset: 5n, partitionLeaderEpoch: 3, transactional: true, baseTimestamp: 1000n, producerId: 42n, producerEpoch: 1,
      baseSequence: 7, records: [
        { offsetDelta: 0, timestampDelta: 0n, key: utf8('a'), value: utf8('hi'), headers: [{ key: 'h', value: null }] },
        { offsetDelta: 1, timestampDelta: 10n, key: null, value: new Uint8Array(0) },
      ],
    });
    expect(toHex(out)).toBe(toHex(handBatch()));
  });
});

describe('round trips: every codec x attribute combination', () => {
  const codecs: CompressionCodec[] = [0, 1, 2, 3, 4];
  const variants: [string, Partial<EncodeBatchOptions>][] = [
    ['plain', {}],
    ['idempotent', { producerId: 9007199254740993n, producerEpoch: 32767, baseSequence: 2147483647 }],
    ['transactional', { transactional: true, producerId: 77n, producerEpoch: 3, baseSequence: 0 }],
    ['logAppendTime', { timestampType: 'logAppend', maxTimestamp: 1800000000000n }],
    ['control', { control: true, transactional: true, producerId: 5n, producerEpoch: 0 }],
    ['deleteHorizon', { deleteHorizonMs: 1750000000000n }],
    ['compacted gaps + lastOffsetDelta override', { lastOffsetDelta: 200, partitionLeaderEpoch: 12 }],
  ];
  for (const codec of codecs) {
    for (const [name, extra] of variants) {
      it(`codec ${codec}, ${name}`, () => {
        let recs = records(25, { headers: true });
        if (name.startsWith('compacted')) recs = recs.filter((_, i) => i % 3 === 0).map((r, i) => ({ ...r, offsetDelta: i * 7 }));
        const opts: EncodeBatchOptions = { baseOffset: 1n << 40n, compression: codec, baseTimestamp: 1700000000000n, ...extra, records: recs };
        const buf = encodeRecordBatch(opts);
        const d = decodeRecordBatch(buf);
        expect(compressionOf(d.header)).toBe(codec);
        expect(isTransactional(d.header)).toBe(!!extra.transactional);
        expect(isControl(d.header)).toBe(!!extra.control);
        expect(isLogAppendTime(d.header)).toBe(extra.timestampType === 'logAppend');
        expect(hasDeleteHorizon(d.header)).toBe(extra.deleteHorizonMs !== undefined);
        expect(d.header.recordCount).toBe(recs.length);
        expect(d.header.producerId).toBe(extra.producerId ?? -1n);
        expect(d.header.producerEpoch).toBe(extra.producerEpoch ?? -1);
        expect(d.header.baseSequence).toBe(extra.baseSequence ?? -1);
        expect(d.header.partitionLeaderEpoch).toBe(extra.partitionLeaderEpoch ?? -1);
        expect(d.header.lastOffsetDelta).toBe(extra.lastOffsetDelta ?? recs[recs.length - 1].offsetDelta);
        const base = extra.deleteHorizonMs ?? 1700000000000n;
        expect(d.header.baseTimestamp).toBe(base);
        recs.forEach((r, i) => {
          const got = d.records[i];
          expect(got.offset).toBe((1n << 40n) + BigInt(r.offsetDelta));
          expect(got.timestamp).toBe(extra.timestampType === 'logAppend' ? 1800000000000n : base + r.timestampDelta);
          eq(got.key, r.key);
          eq(got.value, r.value);
          expect(got.headers.map((h) => [h.key, toHex(h.value)])).toEqual((r.headers ?? []).map((h) => [h.key, toHex(h.value)]));
        });
        if (extra.timestampType !== 'logAppend') expect(d.header.maxTimestamp).toBe(base + recs[recs.length - 1].timestampDelta);
      });
    }
  }
  it('an empty batch (compaction keeps one for producer state) round-trips', () => {
    const buf = encodeRecordBatch({ baseOffset: 10n, lastOffsetDelta: 4, producerId: 3n, producerEpoch: 1, baseSequence: 5, records: [] });
    const d = decodeRecordBatch(buf);
    expect(d.records).toEqual([]);
    expect(d.header).toMatchObject({ recordCount: 0, lastOffsetDelta: 4, maxTimestamp: -1n, baseTimestamp: -1n });
  });
  it('timestamp deltas beyond 2^53 and negative deltas survive', () => {
    const recs: RawRecord[] = [
      { offsetDelta: 0, timestampDelta: -5n, key: null, value: null },
      { offsetDelta: 1, timestampDelta: (1n << 60n), key: null, value: null },
    ];
    const d = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, baseTimestamp: 100n, records: recs }));
    expect(d.records.map((r) => r.timestamp)).toEqual([95n, 100n + (1n << 60n)]);
  });
  it('decodes a batch in the middle of a buffer', () => {
    const a = encodeRecordBatch({ baseOffset: 0n, records: records(3) });
    const b = encodeRecordBatch({ baseOffset: 3n, compression: 1, records: records(4) });
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    expect(decodeRecordBatch(both, a.length).records.map((r) => r.offset)).toEqual([3n, 4n, 5n, 6n]);
  });
});

/** Re-seals a batch after a deliberate structural edit, so the CRC check passes and deeper checks run. */
function patched(buf: Uint8Array, edit: (v: DataView, b: Uint8Array) => void): Uint8Array {
  const copy = Uint8Array.from(buf);
  edit(new DataView(copy.buffer), copy);
  updateBatchCrc(copy, 0);
  return copy;
}

describe('corruption and validation errors', () => {
  const good = encodeRecordBatch({ baseOffset: 0n, baseTimestamp: 1n, records: records(5, { headers: true }) });
  it('any flipped bit in attributes..end is a CRC mismatch (CORRUPT_MESSAGE)', () => {
    for (const at of [BatchField.attributes, BatchField.lastOffsetDelta + 3, BatchField.recordCount, 61, good.length - 1]) {
      const bad = Uint8Array.from(good);
      bad[at] ^= 0x01;
      expectRecordsError(() => decodeRecordBatch(bad), E.CORRUPT_MESSAGE, 'CRC-32C mismatch');
    }
    const badCrc = Uint8Array.from(good);
    badCrc[BatchField.crc] ^= 0x80;
    expectRecordsError(() => decodeRecordBatch(badCrc), E.CORRUPT_MESSAGE, 'CRC-32C mismatch');
  });
  it('the partition leader epoch is outside the CRC', () => {
    const b = Uint8Array.from(good);
    setPartitionLeaderEpoch(b, 0, 99);
    expect(computeBatchCrc(b)).toBe(readBatchHeader(good).crc);
    expect(decodeRecordBatch(b).header.partitionLeaderEpoch).toBe(99);
  });
  it('truncated batches are CORRUPT_MESSAGE at every length', () => {
    for (let len = 0; len < good.length; len++) {
      expectRecordsError(() => decodeRecordBatch(good.subarray(0, len)), E.CORRUPT_MESSAGE);
    }
    expectRecordsError(() => decodeRecordBatch(good, 5000), E.CORRUPT_MESSAGE, 'fewer than');
  });
  it('wrong magic and impossible batchLength are CORRUPT_MESSAGE', () => {
    expectRecordsError(() => decodeRecordBatch(patched(good, (_, b) => { b[BatchField.magic] = 1; })), E.CORRUPT_MESSAGE, 'magic 1');
    expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt32(BatchField.batchLength, 10))), E.CORRUPT_MESSAGE, 'too small');
    expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt32(BatchField.batchLength, -1))), E.CORRUPT_MESSAGE, 'too small');
  });
  it('record count larger or smaller than the records present is INVALID_RECORD', () => {
    expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt32(BatchField.recordCount, 6))), E.INVALID_RECORD);
    expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt32(BatchField.recordCount, 4))), E.INVALID_RECORD, 'bytes left');
    expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt32(BatchField.recordCount, -1))), E.INVALID_RECORD, 'negative');
    // A huge count is rejected before an array of that size is allocated.
    expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt32(BatchField.recordCount, 0x7fffffff))), E.INVALID_RECORD, 'cannot fit');
    const gz = encodeRecordBatch({ baseOffset: 0n, compression: 1, records: records(5) });
    expectRecordsError(() => decodeRecordBatch(patched(gz, (v) => v.setInt32(BatchField.recordCount, 7))), E.INVALID_RECORD);
  });
  it('offset deltas past lastOffsetDelta or not increasing are INVALID_RECORD', () => {
    expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt32(BatchField.lastOffsetDelta, 3))), E.INVALID_RECORD, 'past lastOffsetDelta');
    // Record 1's offsetDelta byte (value 1 -> zigzag 0x02) set to 0: equal to record 0's.
    const hand = handBatch();
    const recordOneOffsetDelta = 61 + 13 + 3; // length, attributes, timestampDelta, then offsetDelta
    expect(hand[recordOneOffsetDelta]).toBe(0x02);
    expectRecordsError(() => decodeRecordBatch(patched(hand, (_, b) => { b[recordOneOffsetDelta] = 0x00; })), E.INVALID_RECORD, 'does not increase');
  });
  it('bad varints and lengths inside records are INVALID_RECORD', () => {
    const hand = handBatch();
    const r0 = 61; // record 0: 18 00 00 00 02 61 04 68 69 02 02 68 01
    const cases: [string, (b: Uint8Array) => void, RegExp | string][] = [
      ['record length beyond the batch', (b) => { b[r0] = 0x7e; }, 'needs'],
      ['negative record length', (b) => { b[r0] = 0x03; }, 'invalid length'],
      ['record length shorter than its fields', (b) => { b[r0] = 0x14; }, /cannot fit|unread|needs/],
      ['key length below -1', (b) => { b[r0 + 4] = 0x03; }, 'negative length -2'],
      ['key length past the record', (b) => { b[r0 + 4] = 0x40; }, 'needs'],
      ['negative header count', (b) => { b[r0 + 9] = 0x03; }, 'negative header count'],
      ['null header key', (b) => { b[r0 + 10] = 0x01; }, /null header key/],
      ['unterminated varint', (b) => { b.fill(0xff, r0 + 1, r0 + 13); }, /varlong|varint/],
    ];
    for (const [name, edit, msg] of cases) {
      const err = expectRecordsError(() => decodeRecordBatch(patched(hand, (_, b) => edit(b))), E.INVALID_RECORD, msg);
      expect(err.message, name).toBeTruthy();
    }
    const badUtf8 = patched(hand, (_, b) => { b[r0 + 11] = 0xff; });
    expectRecordsError(() => decodeRecordBatch(badUtf8), E.INVALID_RECORD, 'UTF-8');
  });
  it('an unknown codec in the attributes is UNSUPPORTED_COMPRESSION_TYPE', () => {
    expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt16(BatchField.attributes, 6))), E.UNSUPPORTED_COMPRESSION_TYPE, 'codec 6');
  });
  it('a compressed section that is not valid for its codec is CORRUPT_MESSAGE', () => {
    for (const codec of [1, 2, 3, 4]) {
      expectRecordsError(() => decodeRecordBatch(patched(good, (v) => v.setInt16(BatchField.attributes, codec))), E.CORRUPT_MESSAGE);
    }
  });
  it('a compressed batch over the decompression limit is MESSAGE_TOO_LARGE (zip bomb)', () => {
    const bomb = encodeRecordBatch({ baseOffset: 0n, compression: 4, records: [{ offsetDelta: 0, timestampDelta: 0n, key: null, value: new Uint8Array(16 << 20) }] });
    expect(bomb.length).toBeLessThan(4096);
    expectRecordsError(() => decodeRecordBatch(bomb, 0, { maxDecompressedBytes: 1 << 20 }), E.MESSAGE_TOO_LARGE);
    expect(decodeRecordBatch(bomb).records[0].value).toHaveLength(16 << 20);
  });
  it('random corruption never throws anything but RecordsError', () => {
    const samples = [good, handBatch(), encodeRecordBatch({ baseOffset: 0n, compression: 3, records: records(20, { headers: true }) })];
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      const base = samples[i % samples.length];
      // Half the time keep the CRC valid, so the record parser itself sees the garbage.
      const bad = Uint8Array.from(base);
      for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) bad[21 + Math.floor(rnd() * (bad.length - 21))] = Math.floor(rnd() * 256);
      if (i % 2 === 0) updateBatchCrc(bad, 0);
      try {
        decodeRecordBatch(bad, 0, { maxDecompressedBytes: 1 << 20 });
      } catch (e) {
        if (!(e instanceof RecordsError)) throw e;
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(1500);
  });
});

describe('encode input errors', () => {
  it('offset deltas must increase; lastOffsetDelta must cover them; int ranges are checked', () => {
    const r = (offsetDelta: number): RawRecord => ({ offsetDelta, timestampDelta: 0n, key: null, value: null });
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, records: [r(0), r(0)] }), E.INVALID_RECORD, 'greater than the previous');
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, records: [r(-1)] }), E.INVALID_RECORD);
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, records: [r(1.5)] }), E.INVALID_RECORD);
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, lastOffsetDelta: 2, records: [r(0), r(5)] }), E.INVALID_RECORD, 'before the last');
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, producerEpoch: 40000, records: [r(0)] }), E.INVALID_RECORD, 'int16');
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, compression: 9 as CompressionCodec, records: [r(0)] }), E.UNSUPPORTED_COMPRESSION_TYPE);
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 1n << 63n, records: [r(0)] }), E.INVALID_RECORD, 'baseOffset');
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, records: [{ ...r(0), timestampDelta: 1n << 63n }] }), E.INVALID_RECORD, 'timestampDelta');
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, producerId: -(1n << 64n), records: [r(0)] }), E.INVALID_RECORD, 'producerId');
    expectRecordsError(() => encodeRecordBatch({ baseOffset: 0n, baseTimestamp: 1n << 63n, records: [r(0)] }), E.INVALID_RECORD, 'baseTimestamp');
  });
});

describe('checkProducedBatch (produce-path rules)', () => {
  it('accepts 0..n-1 and rejects gaps, empty batches and a wrong lastOffsetDelta', () => {
    checkProducedBatch(decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, records: records(3) })));
    const gap = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, lastOffsetDelta: 2, records: records(3).filter((_, i) => i !== 1).map((x, i) => ({ ...x, offsetDelta: i * 2 })) }));
    expectRecordsError(() => checkProducedBatch(gap), E.INVALID_RECORD, 'inconsistent');
    const gap2 = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, lastOffsetDelta: 1, records: [records(1)[0], { ...records(3)[2], offsetDelta: 1 }] }));
    checkProducedBatch(gap2);
    const empty = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, records: [] }));
    expectRecordsError(() => checkProducedBatch(empty), E.INVALID_RECORD, 'record count 0');
    const skew = decodeRecordBatch(encodeRecordBatch({ baseOffset: 0n, lastOffsetDelta: 1, records: [{ ...records(1)[0], offsetDelta: 1 }, ] }));
    expectRecordsError(() => checkProducedBatch({ ...skew, header: { ...skew.header, recordCount: 2 } }), E.INVALID_RECORD, 'offset delta 1');
  });
});

describe('iterateBatches', () => {
  const batches = [0, 1, 2, 3].map((i) => encodeRecordBatch({ baseOffset: BigInt(i * 10), compression: (i % 5) as CompressionCodec, records: records(i + 1) }));
  const total = batches.reduce((n, b) => n + b.length, 0);
  const all = new Uint8Array(total);
  batches.reduce((at, b) => (all.set(b, at), at + b.length), 0);
  it('walks headers and stops at a partial trailing batch', () => {
    const walk = [...iterateBatches(all)];
    expect(walk.map((w) => w.header.baseOffset)).toEqual([0n, 10n, 20n, 30n]);
    expect(walk.map((w) => w.at)).toEqual([0, batches[0].length, batches[0].length + batches[1].length, total - batches[3].length]);
    for (const cut of [total - 1, total - batches[3].length + 61, total - batches[3].length + 30]) {
      expect([...iterateBatches(all.subarray(0, cut))]).toHaveLength(3);
    }
    expect([...iterateBatches(new Uint8Array(0))]).toEqual([]);
  });
  it('a header that cannot be a v2 batch is CORRUPT_MESSAGE', () => {
    const bad = Uint8Array.from(all);
    bad[batches[0].length + BatchField.magic] = 0;
    expectRecordsError(() => [...iterateBatches(bad)], E.CORRUPT_MESSAGE, 'magic 0');
    const short = Uint8Array.from(all);
    new DataView(short.buffer).setInt32(BatchField.batchLength, 3);
    expectRecordsError(() => [...iterateBatches(short)], E.CORRUPT_MESSAGE, 'too small');
  });
});
