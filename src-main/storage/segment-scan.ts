/**
 * Chunked scan of a segment file: reads the log in large sequential chunks and validates batch framing (and
 * optionally CRCs), handing each valid batch to a visitor. Shared by recovery and index rebuilds.
 */
import { BATCH_HEADER_SIZE, BatchField, LOG_OVERHEAD } from '../protocol/records/batch-header.js';
import { type BatchInfo, type ScanProblem, scanBatches } from './batch-scan.js';
import { readAt } from './fs-util.js';

const CHUNK = 8 * 1024 * 1024;

export interface FileScanResult {
  /** Position just past the last valid batch. */
  validEnd: number;
  problem?: { kind: ScanProblem; position: number };
}

export function scanFile(
  fd: number, path: string, from: number, size: number, opts: { checkCrc: boolean; minOffset?: bigint },
  onBatch: (b: BatchInfo) => void,
): FileScanResult {
  let pos = from;
  let next = opts.minOffset;
  let want = CHUNK;
  while (pos < size) {
    const chunk = readAt(fd, pos, Math.min(want, size - pos), path);
    want = CHUNK;
    const r = scanBatches(chunk, { checkCrc: opts.checkCrc, minOffset: next, basePosition: pos });
    for (const b of r.batches) onBatch(b);
    if (r.batches.length > 0) next = r.batches[r.batches.length - 1].lastOffset + 1n;
    const chunkEnd = pos + chunk.length;
    pos += r.validBytes;
    if (!r.problem) continue;
    const truncated = r.problem.kind === 'truncated-batch' || r.problem.kind === 'truncated-header';
    if (truncated && chunkEnd < size) {
      // The chunk ended inside a batch that may continue in the file: re-read from its start, large enough.
      const rest = chunk.subarray(r.validBytes);
      const need = rest.length >= LOG_OVERHEAD
        ? new DataView(rest.buffer, rest.byteOffset, rest.byteLength).getInt32(BatchField.batchLength) + LOG_OVERHEAD
        : BATCH_HEADER_SIZE;
      if (need < BATCH_HEADER_SIZE) return { validEnd: pos, problem: { kind: 'bad-length', position: pos } };
      if (pos + need <= size) { want = Math.max(CHUNK, need); continue; }
      return { validEnd: pos, problem: { kind: 'truncated-batch', position: pos } };
    }
    return { validEnd: pos, problem: r.problem };
  }
  return { validEnd: pos };
}
