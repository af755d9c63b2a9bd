// Sequential read throughput of PartitionLog (fetch-style: read(offset, 1 MiB) until the end) for logs of
// 1 KiB and 64 KiB batches, against plain 1 MiB readSync calls over the same file, in the same run (into one
// reused buffer, and into a fresh buffer per read as a fetch needs).
// The data was just written, so both read from the page cache.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { PartitionLog } from '../src-main/storage/index.js';
import { benchDir, makeBatches, mb, median, writeResult } from './storage-bench-util.js';

const TOTAL = 256 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const ROUNDS = 5;

const dir = benchDir('read');
const rows: Record<string, unknown>[] = [];
for (const size of [1024, 64 * 1024]) {
  const batches = makeBatches(size, 256);
  const count = Math.floor(TOTAL / batches[0].length);
  const logDir = join(dir, `log-${size}`);
  const log = PartitionLog.open(logDir);
  for (let i = 0; i < count; i++) log.append(batches[i % batches.length], { leaderEpoch: 0 });
  log.setHighWatermark(log.logEndOffset);
  const file = log.active.logPath;
  const bytes = log.active.size;
  const logT: number[] = [];
  const plainT: number[] = [];
  const freshT: number[] = [];
  let fetches = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let pos = 0; pos < bytes; pos += CHUNK) fs.readSync(fd, buf, 0, CHUNK, pos);
    fs.closeSync(fd);
    plainT.push((performance.now() - t0) / 1000);
    // A reader that hands its data on needs a new buffer per read, as the log does.
    t0 = performance.now();
    const fd2 = fs.openSync(file, 'r');
    for (let pos = 0; pos < bytes; pos += CHUNK) fs.readSync(fd2, Buffer.allocUnsafe(CHUNK), 0, CHUNK, pos);
    fs.closeSync(fd2);
    freshT.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    let next = 0n;
    let got = 0;
    fetches = 0;
    while (next < log.logEndOffset) {
      const res = log.read(next, CHUNK, { maxOffset: log.highWatermark });
      got += res.bytes.length;
      next = res.nextOffset;
      fetches++;
    }
    logT.push((performance.now() - t0) / 1000);
    if (got !== bytes) throw new Error(`read ${got} of ${bytes} bytes`);
  }
  log.close();
  rows.push({
    batch: `${(batches[0].length / 1024).toFixed(1)} KiB`, mib: +(bytes / 2 ** 20).toFixed(0), fetches,
    plainReadMBs: +mb(bytes, median(plainT)).toFixed(0), logReadMBs: +mb(bytes, median(logT)).toFixed(0),
    plainFreshBufMBs: +mb(bytes, median(freshT)).toFixed(0),
    ratio: +(median(plainT) / median(logT)).toFixed(2), ratioFresh: +(median(freshT) / median(logT)).toFixed(2), msPerFetch: +(median(logT) * 1000 / fetches).toFixed(3),
  });
}
fs.rmSync(dir, { recursive: true, force: true });
console.table(rows);
writeResult('storage-read', { chunkBytes: CHUNK, rounds: ROUNDS, rows });
