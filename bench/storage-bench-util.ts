// Shared helpers for the storage benchmarks (not a bench itself): batch generation, temp dirs, stats, tables.
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRecordBatch } from '../src-main/protocol/records/index.js';

/** `count` distinct, valid, uncompressed v2 batches of about `size` bytes each (100-byte values). */
export function makeBatches(size: number, count: number): Buffer[] {
  const perRecord = 100;
  // ~120 bytes per record: 100-byte value, ~12-byte key, varint framing.
  const n = Math.max(1, Math.floor((size - 61) / (perRecord + 20)));
  const out: Buffer[] = [];
  for (let b = 0; b < count; b++) {
    const records = Array.from({ length: n }, (_, i) => ({
      offsetDelta: i, timestampDelta: BigInt(i), key: Buffer.from(`key-${b}-${i}`),
      value: Buffer.alloc(perRecord, (b * 31 + i) & 0xff), headers: [],
    }));
    const u8 = encodeRecordBatch({ baseOffset: 0n, baseTimestamp: BigInt(Date.now()), records });
    out.push(Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength));
  }
  return out;
}

export function benchDir(name: string): string {
  return fs.mkdtempSync(join(tmpdir(), `tp-bench-${name}-`));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function writeResult(name: string, data: unknown): void {
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(`bench-results/${name}.json`, JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
}

export const mb = (bytes: number, secs: number) => bytes / secs / 1e6;
