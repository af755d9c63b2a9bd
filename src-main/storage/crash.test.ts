/**
 * Crash test: a child process appends continuously and is SIGKILLed at random moments, 50+ times. After
 * each kill the log is reopened (unclean recovery) and must hold every acknowledged append byte for byte,
 * with dense monotonic offsets and nothing past a torn batch. Every few cycles a torn partial batch is
 * also planted at the tail, as a kill in the middle of a write would leave it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanBatches } from './batch-scan.js';
import { CRASH_LOG_CONFIG, crashBatch, crashEpoch } from './crash-batches.js';
import { PartitionLog } from './partition-log.js';
import { expectedStored } from './test-batches.js';
import { tempDir } from './test-dirs.js';

const CYCLES = 50;
const childSource = resolve(import.meta.dirname, 'crash-child.ts');
const nodeModules = resolve(import.meta.dirname, '../../node_modules');

let dir: string;
let cleanup: () => void;
let child: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('tp-crash-'));
  // Bundle the child once to plain JS (native-addon packages stay external, found via NODE_PATH): spawning it
  // 50 times through a TS loader would dominate the run.
  child = join(dir, '..', `${dir.split('/').pop()}-child.cjs`);
  buildSync({ entryPoints: [childSource], bundle: true, platform: 'node', format: 'cjs', outfile: child, logLevel: 'error',
    external: ['@node-rs/*', 'snappy', 'lz4-napi', 'zstd-napi'],
    // CJS has no import.meta; modules that createRequire(import.meta.url) get this file's URL instead.
    define: { 'import.meta.url': '__tidepoolImportMetaUrl' },
    banner: { js: "const __tidepoolImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" } });
});
afterAll(() => { cleanup(); fs.rmSync(child, { force: true }); });

/** Runs the child until it has appended for `ms` after READY, SIGKILLs it, returns the acknowledged lines. */
function runAndKill(firstSeq: number, ms: number): Promise<{ acked: [number, bigint, bigint][]; stderr: string }> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [child, dir, String(firstSeq)],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: nodeModules } });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('READY')) timer = setTimeout(() => p.kill('SIGKILL'), ms);
    });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', fail);
    p.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') { fail(new Error(`child exited ${code}/${signal}: ${err}`)); return; }
      // Only complete lines count: a line cut by the kill was not (known to be) acknowledged.
      const lines = out.split('\n').slice(0, -1).filter((l) => l.startsWith('A '));
      done({ acked: lines.map((l) => { const [, s, b, e] = l.split(' '); return [Number(s), BigInt(b), BigInt(e)]; }), stderr: err });
    });
  });
}

describe('crash safety under SIGKILL', () => {
  it(`keeps every acknowledged append across ${CYCLES} kill -9 cycles`, async () => {
    let rng = 12345;
    const random = () => ((rng = (rng * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const ackedOffsets = new Map<number, [bigint, bigint]>();
    let nextSeq = 0;
    let tornPlanted = 0;
    let tornCut = 0;
    const expectedCache = new Map<number, Buffer>();
    const t0 = performance.now();
    let verifyMs = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { acked } = await runAndKill(nextSeq, Math.floor(random() * 120));
      for (const [s, b, e] of acked) ackedOffsets.set(s, [b, e]);
      const maxAcked = acked.length ? acked[acked.length - 1][0] : nextSeq - 1;

      let planted = 0;
      if (cycle % 4 === 3) {
        // A torn write: a prefix of the next batch lands in the active segment.
        const active = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort().at(-1) as string;
        const partial = expectedStored(crashBatch(999_999), 0n).subarray(0, 20 + Math.floor(random() * 200));
        fs.appendFileSync(join(dir, active), partial);
        planted = partial.length;
        tornPlanted++;
      }

      const tv = performance.now();
      const log = PartitionLog.open(dir, CRASH_LOG_CONFIG);
      expect(log.recovery.clean).toBe(false);
      if (planted) { expect(log.recovery.truncatedBytes).toBeGreaterThanOrEqual(planted); tornCut++; }
      // Read the whole log back and check it batch by batch.
      let next = 0n;
      let seq = 0;
      while (next < log.logEndOffset) {
        const r = log.read(next, 4 << 20);
        const scan = scanBatches(r.bytes, { checkCrc: true, minOffset: next });
        expect(scan.problem).toBeUndefined();
        for (const b of scan.batches) {
          expect(b.baseOffset).toBe(next); // dense and monotonic
          // Batch number `seq` must be exactly crashBatch(seq) (its keys carry `seq`), as stored at its offset.
          let expected = expectedCache.get(seq);
          if (!expected || expected.readBigInt64BE(0) !== b.baseOffset) {
            expected = expectedStored(crashBatch(seq), b.baseOffset, crashEpoch(seq));
            expectedCache.set(seq, expected);
          }
          expect(Buffer.compare(r.bytes.subarray(b.position, b.position + b.size), expected)).toBe(0);
          const ack = ackedOffsets.get(seq);
          if (ack) expect([b.baseOffset, b.lastOffset]).toEqual(ack);
          next = b.lastOffset + 1n;
          seq++;
        }
      }
      expect(next).toBe(log.logEndOffset); // nothing past the last valid batch
      expect(seq - 1).toBeGreaterThanOrEqual(maxAcked); // every acknowledged append survived
      nextSeq = seq;
      verifyMs += performance.now() - tv;
      // Close cleanly every other cycle, so the child exercises both the fast path and a recovered log.
      if (cycle % 2 === 0) log.close();
      else { for (const s of log.segments) s.close(); fs.rmSync(join(dir, 'clean-shutdown'), { force: true }); }
    }
    console.log(`crash test: ${CYCLES} cycles, ${nextSeq} batches, ${tornPlanted} torn tails planted, total ${Math.round(performance.now() - t0)} ms, verify ${Math.round(verifyMs)} ms`);
    expect(nextSeq).toBeGreaterThan(CYCLES);
    expect(tornCut).toBe(tornPlanted);
    const segs = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).length;
    expect(segs).toBeGreaterThan(1); // kills also landed around rolls
  }, 90_000);
});
