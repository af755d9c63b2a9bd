import { describe, expect, it } from 'vitest';
import { crc32, gzipSync } from 'node:zlib';
import { decodeMessageSet, encodeMessageSet, isLegacyFormat, type LegacyCodec, type LegacyMagic, type LegacyRecordInput } from './message-set.js';
import { decompress } from './compression.js';
import { RecordsError, RecordsErrorCode as E } from './records-error.js';
import { expectRecordsError, fromHex, jsonPayload, toHex, utf8 } from './test-helpers.js';

/** Seals a hand-written message body (magic..value) with its offset, size and CRC-32. */
function entry(offset: bigint, body: string): string {
  const b = fromHex(body);
  const crc = (crc32(b) >>> 0).toString(16).padStart(8, '0');
  return offset.toString(16).padStart(16, '0') + (b.length + 4).toString(16).padStart(8, '0') + crc + body;
}
const V0 = entry(7n, '00' + '00' + '00000001' + '6b' + '00000005' + '68656c6c6f'); // key "k", value "hello"
const V1 = entry(8n, '01' + '00' + '000001748' + '76e8000' + 'ffffffff' + '00000002' + '6869'); // ts 1600000000000, null key

function recs(n: number, withTs = true): LegacyRecordInput[] {
  const p = jsonPayload(n * 60);
  return Array.from({ length: n }, (_, i) => ({
    offset: 1000n + BigInt(i * 2), timestamp: withTs ? 1600000000000n + BigInt(i) : undefined,
    key: i % 3 === 2 ? null : utf8(`k${i}`), value: i % 5 === 4 ? null : p.subarray(i * 60, i * 60 + 60),
  }));
}

describe('known-answer messages', () => {
  it('CRC-32 (IEEE) check value of "123456789" is 0xCBF43926', () => {
    expect(crc32('123456789') >>> 0).toBe(0xcbf43926);
  });
  it('decodes hand-assembled v0 and v1 messages', () => {
    const { records, partialBytes } = decodeMessageSet(fromHex(V0 + V1));
    expect(partialBytes).toBe(0);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ offset: 7n, timestamp: -1n, magic: 0, codec: 0, timestampType: 'create' });
    expect(toHex(records[0].key)).toBe('6b');
    expect(toHex(records[0].value)).toBe('68656c6c6f');
    expect(records[1]).toMatchObject({ offset: 8n, timestamp: 1600000000000n, magic: 1, key: null });
    expect(toHex(records[1].value)).toBe('6869');
  });
  it('our encoder produces exactly the hand-assembled bytes', () => {
    expect(toHex(encodeMessageSet({ magic: 0, records: [{ offset: 7n, key: utf8('k'), value: utf8('hello') }] }))).toBe(V0);
    expect(toHex(encodeMessageSet({ magic: 1, records: [{ offset: 8n, timestamp: 1600000000000n, key: null, value: utf8('hi') }] }))).toBe(V1);
  });
  it('tells legacy messages from v2 batches by the magic byte', () => {
    expect(isLegacyFormat(fromHex(V0))).toBe(true);
    expect(isLegacyFormat(fromHex(V1))).toBe(true);
    expect(isLegacyFormat(fromHex(V0).subarray(0, 10))).toBe(false);
  });
});

describe('round trips: magic x codec x timestamp type', () => {
  for (const magic of [0, 1] as LegacyMagic[]) {
    for (const codec of [0, 1, 2, 3] as LegacyCodec[]) {
      for (const logAppendTime of magic === 1 ? [undefined, 1700000000999n] : [undefined]) {
        it(`magic ${magic}, codec ${codec}${logAppendTime ? ', LogAppendTime' : ''}`, () => {
          const input = recs(12);
          const buf = encodeMessageSet({ magic, compression: codec, logAppendTime, records: input });
          const { records } = decodeMessageSet(buf);
          expect(records).toHaveLength(12);
          input.forEach((r, i) => {
            expect(records[i].offset).toBe(r.offset);
            expect(records[i].magic).toBe(magic);
            expect(records[i].codec).toBe(codec);
            expect(records[i].timestamp).toBe(magic === 0 ? -1n : logAppendTime ?? r.timestamp);
            expect(records[i].timestampType).toBe(logAppendTime ? 'logAppend' : 'create');
            expect(toHex(records[i].key)).toBe(toHex(r.key));
            expect(toHex(records[i].value)).toBe(toHex(r.value));
          });
        });
      }
    }
  }
  it('an empty record list encodes to an empty set', () => {
    expect(encodeMessageSet({ magic: 1, compression: 1, records: [] })).toHaveLength(0);
    expect(decodeMessageSet(new Uint8Array(0)).records).toEqual([]);
  });
});

describe('compressed wrappers', () => {
  const input = recs(5);
  const innerOffsets = (buf: Uint8Array, codec: LegacyCodec) => {
    const v = new DataView(buf.buffer, buf.byteOffset);
    const magic = buf[16];
    const valueAt = 12 + 4 + 2 + (magic === 1 ? 8 : 0) + 4 + 4; // null key
    const inner = decompress(codec, buf.subarray(valueAt, 12 + v.getInt32(8)));
    const iv = new DataView(inner.buffer, inner.byteOffset, inner.byteLength);
    const out: bigint[] = [];
    for (let at = 0; at < inner.length; at += 12 + iv.getInt32(at + 8)) out.push(iv.getBigInt64(at));
    return { wrapperOffset: v.getBigInt64(0), wrapperTs: magic === 1 ? v.getBigInt64(18) : null, out };
  };
  it('magic 1: relative inner offsets, wrapper holds the last offset and the max timestamp', () => {
    const buf = encodeMessageSet({ magic: 1, compression: 1, records: input });
    expect(innerOffsets(buf, 1)).toEqual({ wrapperOffset: 1008n, wrapperTs: 1600000000004n, out: [0n, 2n, 4n, 6n, 8n] });
  });
  it('magic 1 wrapper from a producer (offset 0, not yet assigned) keeps the relative offsets, as Java does', () => {
    const buf = encodeMessageSet({ magic: 1, compression: 2, records: input });
    new DataView(buf.buffer, buf.byteOffset).setBigInt64(0, 0n); // the offset is outside the CRC
    expect(decodeMessageSet(buf).records.map((r) => r.offset)).toEqual([0n, 2n, 4n, 6n, 8n]);
  });
  it('magic 0: absolute inner offsets; LZ4 wrappers carry the legacy frame checksum', () => {
    const buf = encodeMessageSet({ magic: 0, compression: 1, records: input });
    expect(innerOffsets(buf, 1)).toEqual({ wrapperOffset: 1008n, wrapperTs: null, out: [1000n, 1002n, 1004n, 1006n, 1008n] });
    const lz = encodeMessageSet({ magic: 0, compression: 3, records: input });
    const frame = lz.subarray(12 + 4 + 2 + 8);
    expect(toHex(frame.subarray(0, 4))).toBe('04224d18');
    const lz1 = encodeMessageSet({ magic: 1, compression: 3, records: input });
    expect(lz1[12 + 4 + 2 + 8 + 8 + 6]).not.toBe(frame[6]); // same descriptor, different header checksum
  });
  it('rejects nested compression, a null or empty wrapper, mismatched inner magic, and zstd below magic 2', () => {
    const inner1 = encodeMessageSet({ magic: 1, compression: 1, records: input });
    const wrap = (magic: LegacyMagic, codec: number, value: Uint8Array | null) => {
      const body = Uint8Array.from([magic, codec, ...(magic === 1 ? new Uint8Array(8) : []), 0xff, 0xff, 0xff, 0xff,
        ...(value === null ? [0xff, 0xff, 0xff, 0xff] : [0, 0, (value.length >> 8) & 0xff, value.length & 0xff]), ...(value ?? [])]);
      return fromHex(entry(0n, toHex(body)!));
    };
    expectRecordsError(() => decodeMessageSet(wrap(1, 1, Uint8Array.from(gzipSync(inner1)))), E.CORRUPT_MESSAGE, 'nested');
    expectRecordsError(() => decodeMessageSet(wrap(1, 1, null)), E.CORRUPT_MESSAGE, 'null value');
    expectRecordsError(() => decodeMessageSet(wrap(1, 1, Uint8Array.from(gzipSync(new Uint8Array(0))))), E.CORRUPT_MESSAGE, 'no messages');
    const plain0 = encodeMessageSet({ magic: 0, records: input });
    expectRecordsError(() => decodeMessageSet(wrap(1, 1, Uint8Array.from(gzipSync(plain0)))), E.CORRUPT_MESSAGE, 'differs');
    expectRecordsError(() => decodeMessageSet(wrap(1, 4, utf8('x'))), E.UNSUPPORTED_COMPRESSION_TYPE, 'codec 4');
    expectRecordsError(() => decodeMessageSet(wrap(0, 2, utf8('not snappy'))), E.CORRUPT_MESSAGE, 'snappy');
    // A partial message inside a compressed wrapper is corruption, not a fetch cut-off.
    const cut = plain0.subarray(0, plain0.length - 3);
    expectRecordsError(() => decodeMessageSet(wrap(0, 1, Uint8Array.from(gzipSync(cut)))), E.CORRUPT_MESSAGE, 'partial');
    expectRecordsError(() => decodeMessageSet(encodeMessageSet({ magic: 1, compression: 2, records: recs(50) }), { maxDecompressedBytes: 500 }), E.MESSAGE_TOO_LARGE);
  });
});

describe('structure errors', () => {
  const good = fromHex(V0 + V1);
  it('a partial trailing message is tolerated (fetch) or rejected (produce)', () => {
    for (let cut = good.length - 1; cut > V0.length / 2; cut--) {
      const r = decodeMessageSet(good.subarray(0, cut));
      expect(r.records).toHaveLength(1);
      expect(r.partialBytes).toBe(cut - V0.length / 2);
      expectRecordsError(() => decodeMessageSet(good.subarray(0, cut), { allowPartial: false }), E.CORRUPT_MESSAGE, 'partial');
    }
  });
  it('CRC mismatch, bad magic, bad sizes and lengths are CORRUPT_MESSAGE', () => {
    const flip = (at: number, x = 0x01) => { const b = Uint8Array.from(good); b[at] ^= x; return b; };
    expectRecordsError(() => decodeMessageSet(flip(12)), E.CORRUPT_MESSAGE, 'CRC-32 mismatch');
    expectRecordsError(() => decodeMessageSet(flip(30)), E.CORRUPT_MESSAGE, 'CRC-32 mismatch');
    expectRecordsError(() => decodeMessageSet(fromHex(entry(0n, '02' + '00' + '00000001' + '6b' + '00000005' + '68656c6c6f'))), E.CORRUPT_MESSAGE, 'magic 2');
    expectRecordsError(() => decodeMessageSet(fromHex(entry(0n, '00' + '00' + '0000000b' + '6b' + '00000005' + '68656c6c6f'))), E.CORRUPT_MESSAGE, 'key length 11');
    expectRecordsError(() => decodeMessageSet(fromHex(entry(0n, '00' + '00' + 'fffffffe' + '6b' + '00000005' + '68656c6c6f'))), E.CORRUPT_MESSAGE, 'key length -2');
    expectRecordsError(() => decodeMessageSet(fromHex(entry(0n, '00' + '00' + '00000001' + '6b' + '00000004' + '68656c6c6f'))), E.CORRUPT_MESSAGE, 'after the value');
    expectRecordsError(() => decodeMessageSet(fromHex(entry(0n, '01' + '00' + '00000001' + '6b' + '00000005' + '68'))), E.CORRUPT_MESSAGE, 'too small for magic 1');
    expectRecordsError(() => decodeMessageSet(fromHex(entry(0n, '00' + '00' + '00000001' + '6b' + '0000'))), E.CORRUPT_MESSAGE, 'smaller than any');
    expectRecordsError(() => decodeMessageSet(fromHex(entry(0n, '00' + '00' + '00000001' + '6b' + '000000'))), E.CORRUPT_MESSAGE, 'truncated value length');
  });
  it('encoding rejects non-increasing offsets, zstd and bad magic', () => {
    const r = (offset: bigint): LegacyRecordInput => ({ offset, key: null, value: null });
    expectRecordsError(() => encodeMessageSet({ magic: 0, records: [r(1n), r(1n)] }), E.INVALID_RECORD, 'must increase');
    expectRecordsError(() => encodeMessageSet({ magic: 1, compression: 4 as LegacyCodec, records: [r(1n)] }), E.UNSUPPORTED_COMPRESSION_TYPE);
    expectRecordsError(() => encodeMessageSet({ magic: 2 as LegacyMagic, records: [r(1n)] }), E.CORRUPT_MESSAGE, 'magic 2');
  });
  it('random corruption never throws anything but RecordsError', () => {
    const samples = [good, encodeMessageSet({ magic: 1, compression: 1, records: recs(8) }), encodeMessageSet({ magic: 0, compression: 3, records: recs(8) })];
    let seed = 99;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      const bad = Uint8Array.from(samples[i % 3]);
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) bad[Math.floor(rnd() * bad.length)] = Math.floor(rnd() * 256);
      try {
        decodeMessageSet(bad, { maxDecompressedBytes: 1 << 20 });
      } catch (e) {
        if (!(e instanceof RecordsError)) throw e;
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(1000);
  });
});
