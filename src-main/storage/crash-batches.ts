/** Deterministic batches for the crash test: batch `seq` always has the same bytes, its seq in the first key. */
import { makeBatch } from './test-batches.js';

export const CRASH_LOG_CONFIG = { segmentBytes: 256 * 1024, indexIntervalBytes: 1024 };

export function crashBatch(seq: number): Buffer {
  const records = 1 + (seq % 5);
  const keys = Array.from({ length: records }, (_, i) => `s${seq}-${i}`);
  return makeBatch({ keys, valueSize: 50 + ((seq * 397) % 3000), seed: seq, timestamp: 1_700_000_000_000n + BigInt(seq) });
}

export function crashEpoch(seq: number): number {
  return 1 + Math.floor(seq / 200);
}
