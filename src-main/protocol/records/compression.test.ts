import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { compressSync as snappyRawCompress } from 'snappy';
import { decompressFrameSync } from 'lz4-napi';
import { xxh32 } from '@node-rs/xxhash';
import { compress, Compression, decompress, type CompressionCodec } from './compression.js';
import { isXerialFramed, snappyCompressRaw } from './compression-snappy.js';
import { RecordsError, RecordsErrorCode as E } from './records-error.js';
import { expectRecordsError, fromHex, jsonPayload, readFixture, utf8 } from './test-helpers.js';

const CODECS: CompressionCodec[] = [0, 1, 2, 3, 4];
const goldenPayload = utf8(Array.from({ length: 2500 }, (_, i) => `line ${i} of the golden payload\n`).join(''));
const golden = readFixture<Record<string, { codec: CompressionCodec; hex: string }>>('codec-golden.json');

describe('round trips', () => {
  const inputs: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)], ['one byte', Uint8Array.of(42)], ['random 100 KiB', randomBytes(100 * 1024)],
    ['json 1 MiB', jsonPayload(1 << 20)], ['zeros 5 MiB (multi-block)', new Uint8Array(5 << 20)],
  ];
  for (const codec of CODECS) {
    for (const [name, data] of inputs) {
      it(`codec ${codec}: ${name}`, () => {
        const packed = compress(codec, data);
        if (codec !== 0 && data.length > 1000 && name !== 'random 100 KiB') expect(packed.length).toBeLessThan(data.length / 2);
        expect(Buffer.from(decompress(codec, packed)).equals(Buffer.from(data))).toBe(true);
      });
    }
  }
});

describe('golden bytes from third-party encoders', () => {
  for (const [name, { codec, hex }] of Object.entries(golden)) {
    it(name, () => {
      expect(Buffer.from(decompress(codec, fromHex(hex))).equals(Buffer.from(goldenPayload))).toBe(true);
    });
  }
  it('the fixtures cover both snappy forms and the legacy LZ4 checksum', () => {
    expect(isXerialFramed(fromHex(golden['snappy-xerial'].hex))).toBe(true);
    expect(isXerialFramed(fromHex(golden['snappy-raw'].hex))).toBe(false);
    // lz4 FLG 0x60, BD 0x40: the correct HC byte would be 0x82 (xxh32 of 60 40), kafka-python wrote 0x1a.
    expect(golden['lz4-legacy-checksum'].hex.slice(0, 14)).toBe('04224d1860401a');
  });
});

describe('snappy', () => {
  const data = jsonPayload(100_000);
  it('writes xerial framing (what the Java client writes) and reads raw too', () => {
    const framed = compress(Compression.snappy, data);
    expect(isXerialFramed(framed)).toBe(true);
    expect(Buffer.from(framed.subarray(8, 16)).toString('hex')).toBe('0000000100000001');
    expect(Buffer.from(decompress(2, snappyCompressRaw(data))).equals(Buffer.from(data))).toBe(true);
  });
  it('rejects garbage, truncated chunks and overrunning chunk lengths', () => {
    expectRecordsError(() => decompress(2, Uint8Array.of(0x05, 0xff, 0xff, 0xff)), E.CORRUPT_MESSAGE, 'snappy');
    const framed = compress(2, data);
    expectRecordsError(() => decompress(2, framed.subarray(0, framed.length - 3)), E.CORRUPT_MESSAGE, /overruns|snappy/);
    expectRecordsError(() => decompress(2, framed.subarray(0, 18)), E.CORRUPT_MESSAGE, 'truncated xerial chunk length');
    const bad = Uint8Array.from(framed);
    new DataView(bad.buffer).setInt32(16, -5);
    expectRecordsError(() => decompress(2, bad), E.CORRUPT_MESSAGE, 'overruns');
    expectRecordsError(() => decompress(2, new Uint8Array(0)), E.CORRUPT_MESSAGE, 'truncated length preamble');
    expectRecordsError(() => decompress(2, Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x01)), E.CORRUPT_MESSAGE, 'longer than 5');
  });
  it('refuses a block whose declared size is over the limit before decoding it', () => {
    // A raw block declaring 4 GiB - 1 of output followed by junk: rejected from the preamble alone.
    expectRecordsError(() => decompress(2, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0)), E.MESSAGE_TOO_LARGE, 'limit');
    const zeros = snappyRawCompress(Buffer.alloc(1 << 20));
    expectRecordsError(() => decompress(2, zeros, 1000), E.MESSAGE_TOO_LARGE);
    expectRecordsError(() => decompress(2, compress(2, new Uint8Array(1 << 20)), 100_000), E.MESSAGE_TOO_LARGE);
  });
});

describe('lz4', () => {
  const data = jsonPayload(300_000);
  it('writes one frame with independent blocks and no checksums; legacy checksum on request', () => {
    const f = compress(3, data);
    expect(Buffer.from(f.subarray(0, 5)).toString('hex')).toBe('04224d1860');
    const legacy = compress(3, data, { lz4LegacyChecksum: true });
    expect(legacy[6]).not.toBe(f[6]);
    expect(Buffer.from(legacy.subarray(7)).equals(Buffer.from(f.subarray(7)))).toBe(true);
    const before = Buffer.from(legacy);
    expect(Buffer.from(decompress(3, legacy)).equals(Buffer.from(data))).toBe(true);
    expect(Buffer.from(legacy).equals(before)).toBe(true); // the caller's bytes were not patched
  });
  it('our frames (stored and compressed blocks) are read by lz4_flex\'s own frame decoder', () => {
    const mixed = Buffer.concat([Buffer.from(data), randomBytes(150_000), Buffer.from(data.subarray(0, 1000))]);
    const f = compress(3, mixed);
    expect(Buffer.from(decompressFrameSync(Buffer.from(f))).equals(mixed)).toBe(true);
    expect(Buffer.from(decompress(3, f)).equals(mixed)).toBe(true);
  });
  it('checks block and content checksums when a frame has them', () => {
    const g = fromHex(golden['lz4-independent-checksums'].hex);
    expect(g[4]).toBe(0x74); // independent blocks, block checksums, content checksum, no content size
    const flipLast = Uint8Array.from(g);
    flipLast[flipLast.length - 1] ^= 1; // content checksum
    expectRecordsError(() => decompress(3, flipLast), E.CORRUPT_MESSAGE, 'content checksum mismatch');
    const flipBlockSum = Uint8Array.from(g);
    const firstBlockSize = new DataView(g.buffer, g.byteOffset).getUint32(7, true) & 0x7fffffff;
    flipBlockSum[7 + 4 + firstBlockSize] ^= 1; // first block's checksum
    expectRecordsError(() => decompress(3, flipBlockSum), E.CORRUPT_MESSAGE, 'block checksum mismatch');
    // The linked-block fixture with checksums goes through lz4_flex, which checks them too.
    const linked = Uint8Array.from(fromHex(golden['lz4-checksums-and-size'].hex));
    linked[linked.length - 1] ^= 1;
    expectRecordsError(() => decompress(3, linked), E.CORRUPT_MESSAGE, /checksum/i);
  });
  it('linked-block frames go to the library decoder, legacy checksum patched, corruption reported', () => {
    const linked = Uint8Array.from(fromHex(golden['lz4-linked-blocks'].hex));
    expect(linked[4] & 0x20).toBe(0);
    const hcAt = linked[4] & 0x08 ? 14 : 6; // after the optional 8-byte content size
    linked[hcAt] = (xxh32(Buffer.from(linked.subarray(0, hcAt)), 0) >>> 8) & 0xff; // legacy header checksum
    expect(Buffer.from(decompress(3, linked)).equals(Buffer.from(goldenPayload))).toBe(true);
    const junk = Uint8Array.from(linked);
    for (let i = 20; i < 200; i++) junk[i] = 0xff;
    expectRecordsError(() => decompress(3, junk), E.CORRUPT_MESSAGE, 'lz4');
  });
  it('rejects a header checksum that is neither the correct nor the legacy one', () => {
    const f = Uint8Array.from(compress(3, data));
    f[6] ^= 0x5a;
    expectRecordsError(() => decompress(3, f), E.CORRUPT_MESSAGE, 'header checksum');
  });
  it('rejects bad magic, version, reserved bits, block size, truncation and corrupt blocks', () => {
    const f = compress(3, data);
    const mutate = (at: number, v: number) => { const c = Uint8Array.from(f); c[at] = v; return c; };
    expectRecordsError(() => decompress(3, mutate(0, 0x05)), E.CORRUPT_MESSAGE, 'magic');
    expectRecordsError(() => decompress(3, mutate(4, 0xa0)), E.CORRUPT_MESSAGE, 'version');
    expectRecordsError(() => decompress(3, mutate(4, 0x62)), E.CORRUPT_MESSAGE, 'reserved');
    expectRecordsError(() => decompress(3, mutate(4, 0x61)), E.CORRUPT_MESSAGE, 'dictionary');
    expectRecordsError(() => decompress(3, mutate(5, 0x30)), E.CORRUPT_MESSAGE, 'block size id');
    expectRecordsError(() => decompress(3, f.subarray(0, 5)), E.CORRUPT_MESSAGE, 'truncated');
    expectRecordsError(() => decompress(3, f.subarray(0, f.length - 1)), E.CORRUPT_MESSAGE, 'truncated');
    expectRecordsError(() => decompress(3, f.subarray(0, 9)), E.CORRUPT_MESSAGE, 'truncated block size');
    const big = Uint8Array.from(f);
    new DataView(big.buffer).setUint32(7, 0x7fffffff, true);
    expectRecordsError(() => decompress(3, big), E.CORRUPT_MESSAGE, 'exceeds the frame');
    const junk = Uint8Array.from(f);
    for (let i = 11; i < 60; i++) junk[i] = 0xff;
    expectRecordsError(() => decompress(3, junk), E.CORRUPT_MESSAGE, 'lz4');
  });
  it('bounds the output from block sizes before decompressing (zip bomb)', () => {
    const bomb = compress(3, new Uint8Array(64 << 20));
    expect(bomb.length).toBeLessThan(400_000);
    expectRecordsError(() => decompress(3, bomb, 1 << 20), E.MESSAGE_TOO_LARGE, 'limit');
    expect(decompress(3, bomb).length).toBe(64 << 20);
  });
});

describe('zstd', () => {
  const data = jsonPayload(200_000);
  it('rejects garbage and truncated frames', () => {
    expectRecordsError(() => decompress(4, utf8('definitely not zstd')), E.CORRUPT_MESSAGE, 'zstd');
    expectRecordsError(() => decompress(4, new Uint8Array(0)), E.CORRUPT_MESSAGE, 'zstd');
    const f = compress(4, data);
    expectRecordsError(() => decompress(4, f.subarray(0, f.length - 5)), E.CORRUPT_MESSAGE, 'truncated');
    const junk = Uint8Array.from(f);
    for (let i = 20; i < 80; i++) junk[i] ^= 0x55;
    expectRecordsError(() => decompress(4, junk), E.CORRUPT_MESSAGE, 'zstd');
  });
  it('caps output whether or not the frame declares its size', () => {
    const withSize = compress(4, new Uint8Array(32 << 20));
    expectRecordsError(() => decompress(4, withSize, 1 << 20), E.MESSAGE_TOO_LARGE, 'limit');
    const noSize = fromHex(golden['zstd-without-size'].hex);
    expectRecordsError(() => decompress(4, noSize, 10_000), E.MESSAGE_TOO_LARGE, 'limit');
    expect(decompress(4, noSize, goldenPayload.length).length).toBe(goldenPayload.length);
    // After a failure mid-stream the shared context still works.
    expect(Buffer.from(decompress(4, compress(4, data))).equals(Buffer.from(data))).toBe(true);
  });
});

describe('gzip', () => {
  it('rejects garbage and truncation; caps output', () => {
    expectRecordsError(() => decompress(1, utf8('not gzip at all')), E.CORRUPT_MESSAGE, 'gzip');
    const g = gzipSync(Buffer.from(jsonPayload(50_000)));
    expectRecordsError(() => decompress(1, g.subarray(0, g.length - 20)), E.CORRUPT_MESSAGE, 'gzip');
    expectRecordsError(() => decompress(1, gzipSync(Buffer.alloc(8 << 20)), 1 << 20), E.MESSAGE_TOO_LARGE, 'limit');
  });
});

describe('codec ids', () => {
  it('an unknown codec is UNSUPPORTED_COMPRESSION_TYPE', () => {
    expectRecordsError(() => compress(5 as CompressionCodec, new Uint8Array(1)), E.UNSUPPORTED_COMPRESSION_TYPE, 'codec 5');
    expectRecordsError(() => decompress(7 as CompressionCodec, new Uint8Array(1)), E.UNSUPPORTED_COMPRESSION_TYPE, 'codec 7');
  });
  it('none passes data through, but still honours the limit', () => {
    const d = utf8('abc');
    expect(decompress(0, d)).toBe(d);
    expectRecordsError(() => decompress(0, d, 2), E.MESSAGE_TOO_LARGE);
  });
});

describe('fuzz', () => {
  it('mutated or truncated compressed data never throws anything but RecordsError, nor exceeds the limit', () => {
    const data = jsonPayload(40_000);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (const codec of [1, 2, 3, 4] as CompressionCodec[]) {
      const packed = [compress(codec, data), ...Object.values(golden).filter((g) => g.codec === codec).map((g) => fromHex(g.hex))];
      for (let i = 0; i < 400; i++) {
        const src = packed[i % packed.length];
        let bad = Uint8Array.from(src);
        if (i % 3 === 0) bad = bad.subarray(0, Math.floor(rnd() * bad.length));
        else for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) bad[Math.floor(rnd() * bad.length)] = Math.floor(rnd() * 256);
        try {
          expect(decompress(codec, bad, 200_000).length).toBeLessThanOrEqual(200_000);
        } catch (e) {
          if (!(e instanceof RecordsError)) throw e;
        }
      }
    }
  });
});
