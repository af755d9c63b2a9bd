// Recovery time of a 1 GB partition log (one active segment, since segment.bytes defaults to 1 GiB) opened
// with the clean-shutdown marker (index files trusted, only the tail after the last index entry walked) and
// without it (every batch's framing and CRC checked, indexes and producer state rebuilt). Built from 1 KiB and
// 64 KiB batches. The file was just written, so reads come from the page cache (warm); see BENCHMARKS.md.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { PartitionLog } from '../src-main/storage/index.js';
import { benchDir, makeBatches, median, writeResult } from './storage-bench-util.js';

const TOTAL = 1000 * 1000 * 1000;
const ROUNDS = 3;

const dir = benchDir('recovery');
const rows: Record<string, unknown>[] = [];
for (const size of [1024, 64 * 1024]) {
  const batches = makeBatches(size, 256);
  const count = Math.ceil(TOTAL / batches[0].length);
  const logDir = join(dir, `log-${size}`);
  let log = PartitionLog.open(logDir);
  for (let i = 0; i < count; i++) log.append(batches[i % batches.length], { leaderEpoch: 0 });
  const end = log.logEndOffset;
  log.close();
  const clean: number[] = [];
  const unclean: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    log = PartitionLog.open(logDir);
    clean.push(performance.now() - t0);
    if (!log.recovery.clean || log.logEndOffset !== end) throw new Error('expected a clean open');
    log.close();
    fs.rmSync(join(logDir, 'clean-shutdown'));
    t0 = performance.now();
    log = PartitionLog.open(logDir);
    unclean.push(performance.now() - t0);
    if (log.recovery.clean || log.logEndOffset !== end) throw new Error('expected a full recovery');
    log.close();
  }
  const bytes = fs.statSync(join(logDir, '00000000000000000000.log')).size;
  rows.push({
    batch: `${(batches[0].length / 1024).toFixed(1)} KiB`, batches: count, gb: +(bytes / 1e9).toFixed(2),
    withMarkerMs: +median(clean).toFixed(1), withoutMarkerMs: +median(unclean).toFixed(0),
    scanMBs: +(bytes / (median(unclean) / 1000) / 1e6).toFixed(0),
  });
  fs.rmSync(logDir, { recursive: true });
}
fs.rmSync(dir, { recursive: true, force: true });
console.table(rows);
writeResult('storage-recovery', { totalBytes: TOTAL, rounds: ROUNDS, rows });
