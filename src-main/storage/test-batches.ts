/**
 * Test helper: assembles valid v2 batches (via the records module) (as a client would send them: base offset 0, leader
 * epoch -1) with deterministic contents, so tests can regenerate the exact bytes they expect to read back.
 */
import { encodeRecordBatch } from './records-adapter.js';

export interface TestBatchSpec {
  records?: number;
  valueSize?: number;
  /** Seed for the value bytes, so two specs with different seeds differ. */
  seed?: number;
  timestamp?: bigint;
  /** Per-record keys (null for keyless); defaults to `k<i>`. */
  keys?: (string | null)[];
  /** Per-record values (null = tombstone); overrides valueSize/seed. */
  values?: (string | null)[];
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  /** Compression codec id (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd). */
  compression?: 0 | 1 | 2 | 3 | 4;
}

export function makeBatch(spec: TestBatchSpec = {}): Buffer {
  const n = spec.keys?.length ?? spec.values?.length ?? spec.records ?? 1;
  const ts = spec.timestamp ?? 1_700_000_000_000n;
  const size = spec.valueSize ?? 16;
  const seed = spec.seed ?? 0;
  const records = Array.from({ length: n }, (_, i) => {
    const key = spec.keys ? spec.keys[i] : `k${i}`;
    const v = spec.values ? spec.values[i] : undefined;
    const value = v === null ? null : v !== undefined ? Buffer.from(v)
      : Buffer.from(Array.from({ length: size }, (_, j) => (seed * 31 + i * 7 + j) & 0xff));
    return { offsetDelta: i, timestampDelta: BigInt(i), key: key === null ? null : Buffer.from(key), value, headers: [] };
  });
  const u8 = encodeRecordBatch({
    baseOffset: 0n, lastOffsetDelta: n - 1, baseTimestamp: ts, maxTimestamp: ts + BigInt(n - 1), compression: spec.compression,
    producerId: spec.producerId, producerEpoch: spec.producerEpoch, baseSequence: spec.baseSequence, records,
  });
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** What the log stores for `batch` appended at `baseOffset` with leader epoch `epoch`. */
export function expectedStored(batch: Buffer, baseOffset: bigint, epoch = -1): Buffer {
  const b = Buffer.from(batch);
  b.writeBigInt64BE(baseOffset, 0);
  b.writeInt32BE(epoch, 12);
  return b;
}
