// Append throughput of PartitionLog for 1 KiB and 64 KiB batches against a plain sequential fs write of the
// same bytes (one writeSync per batch, same file system, same run): the limit on this machine, target >= 70%.
// "noCrc" is the same append with verifyCrc: false (the broker validated the batch upstream).
// Also measures the asynchronous alternative (awaited FileHandle.write per batch) that the log chose not to use,
// and per-append latency, to show how long one synchronous append holds the event loop.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { PartitionLog } from '../src-main/storage/index.js';
import { benchDir, makeBatches, mb, median, percentile, writeResult } from './storage-bench-util.js';

const TOTAL = 256 * 1024 * 1024;
const ROUNDS = 5;

function plainSync(dir: string, batches: Buffer[], count: number): number {
  const fd = fs.openSync(join(dir, 'plain.bin'), 'w');
  let pos = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const b = batches[i % batches.length];
    pos += fs.writeSync(fd, b, 0, b.length, pos);
  }
  const secs = (performance.now() - t0) / 1000;
  fs.closeSync(fd);
  fs.rmSync(join(dir, 'plain.bin'));
  return secs;
}

async function plainAsync(dir: string, batches: Buffer[], count: number): Promise<number> {
  const fh = await fs.promises.open(join(dir, 'async.bin'), 'w');
  let pos = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const b = batches[i % batches.length];
    pos += (await fh.write(b, 0, b.length, pos)).bytesWritten;
  }
  const secs = (performance.now() - t0) / 1000;
  await fh.close();
  fs.rmSync(join(dir, 'async.bin'));
  return secs;
}

function logAppend(dir: string, batches: Buffer[], count: number, lat?: number[], verifyCrc = true): number {
  const logDir = join(dir, 'log-0');
  const log = PartitionLog.open(logDir);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const b = batches[i % batches.length];
    if (lat) { const s = performance.now(); log.append(b, { leaderEpoch: 0, verifyCrc }); lat.push(performance.now() - s); } else log.append(b, { leaderEpoch: 0, verifyCrc });
  }
  const secs = (performance.now() - t0) / 1000;
  log.close();
  fs.rmSync(logDir, { recursive: true });
  return secs;
}

const dir = benchDir('append');
const rows: Record<string, unknown>[] = [];
for (const size of [1024, 64 * 1024]) {
  const batches = makeBatches(size, 256);
  const actual = batches[0].length;
  const count = Math.floor(TOTAL / actual);
  const bytes = count * actual;
  const sync: number[] = [];
  const asyncT: number[] = [];
  const log: number[] = [];
  const logNoCrc: number[] = [];
  const lat: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Interleave so that background load on the shared machine hits both sides alike.
    sync.push(plainSync(dir, batches, count));
    log.push(logAppend(dir, batches, count, r === ROUNDS - 1 ? lat : undefined));
    logNoCrc.push(logAppend(dir, batches, count, undefined, false));
    asyncT.push(await plainAsync(dir, batches, Math.floor(count / 4)) * 4);
  }
  const row = {
    batch: `${(actual / 1024).toFixed(1)} KiB`, batches: count, mib: +(bytes / 2 ** 20).toFixed(0),
    plainSyncMBs: +mb(bytes, median(sync)).toFixed(0), logMBs: +mb(bytes, median(log)).toFixed(0),
    logBatchesPerSec: Math.round(count / median(log)), ratio: +(median(sync) / median(log)).toFixed(2),
    bestRatio: +(Math.min(...sync) / Math.min(...log)).toFixed(2),
    noCrcMBs: +mb(bytes, median(logNoCrc)).toFixed(0), noCrcRatio: +(median(sync) / median(logNoCrc)).toFixed(2),
    plainAsyncMBs: +mb(bytes, median(asyncT)).toFixed(0),
    appendP50us: +(percentile(lat, 50) * 1000).toFixed(1), appendP99us: +(percentile(lat, 99) * 1000).toFixed(1),
    appendMaxMs: +lat.reduce((a, b) => Math.max(a, b), 0).toFixed(2),
  };
  rows.push(row);
}
fs.rmSync(dir, { recursive: true, force: true });
console.table(rows);
writeResult('storage-append', { totalBytesPerRun: TOTAL, rounds: ROUNDS, rows });
