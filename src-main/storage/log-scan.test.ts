import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../protocol/records/index.js';
import { PartitionLog } from './partition-log.js';
import { scanLogBatches } from './log-scan.js';
import { tempDir } from './test-dirs.js';

const cleanups: (() => void)[] = [];
afterEach(() => { for (const c of cleanups.splice(0).reverse()) c(); }); // close logs before removing their dirs

function batch(values: string[]): Uint8Array {
  return encodeRecordBatch({
    baseOffset: 0n,
    records: values.map((v, i) => ({ offsetDelta: i, timestampDelta: 0n, key: new TextEncoder().encode(`k${i}`), value: new TextEncoder().encode(v) })),
  });
}

describe('scanLogBatches', () => {
  it('yields every record in order across many read chunks, and nothing for an empty log', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const log = PartitionLog.open(dir, {});
    cleanups.push(() => log.close());
    expect([...scanLogBatches(log)]).toEqual([]);
    for (let i = 0; i < 50; i++) log.append(batch([`a${i}`, `b${i}`]));
    // A tiny chunk size forces many reads, each of which may begin inside a batch.
    const values = [...scanLogBatches(log, 100)].flatMap((b) => b.records ?? []).map((r) => new TextDecoder().decode(r.value!));
    expect(values).toHaveLength(100);
    expect(values.slice(0, 4)).toEqual(['a0', 'b0', 'a1', 'b1']);
    const offsets = [...scanLogBatches(log, 100)].flatMap((b) => b.records ?? []).map((r) => r.offset);
    expect(offsets).toEqual(Array.from({ length: 100 }, (_, i) => BigInt(i)));
  });
});
