// Broker-side load measured with the project's own codec client (no kcat in the way), the broker in a
// child process: (1) produce throughput with pre-encoded requests of 1,000 x 100-byte records, 8 requests
// in flight, acks=1; (2) end-to-end latency at 1,000 msg/s (one record per produce, a consumer long-polling
// with min_bytes=1), p50/p99 of produce-send to fetch-receipt; (3) the broker process's memory idle, after
// every million records of (1) (RSS and V8 heap in use), and after a forced full GC at the end: whether memory
// follows the data (a leak) or levels off (garbage awaiting collection). 1 partition throughout.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRequest } from '../src-main/protocol/index.js';
import { startBrokerChild } from './broker-child-process.js';
import produceApi from '../src-main/protocol/schema/00-produce.js';
import fetchApi from '../src-main/protocol/schema/01-fetch.js';
import metadataApi from '../src-main/protocol/schema/03-metadata.js';
import { KafkaTestClient } from '../src-main/broker/test-support/kafka-test-client.js';
import { makeBatch } from '../src-main/storage/test-batches.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 3_000_000);
const PER_REQUEST = 1000;

let memBuffer = '';
function startChild(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  return startBrokerChild(dataDir, {
    nodeArgs: ['--expose-gc', ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [])],
    onOutput: (chunk) => {
      memBuffer += chunk;
      let mem: RegExpExecArray | null;
      while ((mem = /MEM (\{[^\n]*\})\n/.exec(memBuffer))) {
        memBuffer = memBuffer.slice(mem.index + mem[0].length);
        memWaiters.shift()?.(JSON.parse(mem[1]) as Mem);
      }
    },
  });
}

interface Mem { rss: number; heapUsed: number; external: number; arrayBuffers: number }
const memWaiters: ((m: Mem) => void)[] = [];
/** The broker's own reading of its memory (after a full GC when `gc`). */
function memOf(child: ChildProcess, gc = false): Promise<Mem> {
  return new Promise((resolve) => { memWaiters.push(resolve); child.stdin!.write(gc ? 'gc\n' : 'mem\n'); });
}
const mb = (bytes: number) => bytes / 1024 / 1024;

const rssMb = (pid: number) => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024;
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tidepool-load-'));
  const { child, port } = await startChild(join(work, 'data'));
  try {
    await new Promise((r) => setTimeout(r, 500));
    const rssIdle = rssMb(child.pid!);
    const memIdle = await memOf(child);
    const steps: { records: number; mem: Mem }[] = [];
    const c = await KafkaTestClient.connect(port);
    await c.send(metadataApi, 4, { topics: [{ name: 'load' }, { name: 'lat' }], allowAutoTopicCreation: true });

    // (1) produce throughput, pre-encoded requests, 8 in flight.
    const batch = makeBatch({ records: PER_REQUEST, valueSize: 100 });
    const requests = RECORDS / PER_REQUEST;
    const t0 = performance.now();
    let inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < requests; i++) {
      const cid = c.nextCorrelationId();
      const frame = encodeRequest(produceApi, 9, { correlationId: cid, clientId: 'load' },
        { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'load', partitionData: [{ index: 0, records: Buffer.from(batch) }] }] });
      inFlight.push(c.sendFrame(frame, cid));
      if (inFlight.length >= 8) { await Promise.all(inFlight); inFlight = []; }
      // The broker's memory every million records (a stdin round trip: negligible next to a million records).
      if (((i + 1) * PER_REQUEST) % 1_000_000 === 0) {
        await Promise.all(inFlight);
        inFlight = [];
        steps.push({ records: (i + 1) * PER_REQUEST, mem: await memOf(child) });
      }
    }
    await Promise.all(inFlight);
    const produceMs = performance.now() - t0;
    const rssAfter = rssMb(child.pid!);

    // (2) latency at 1,000 msg/s.
    const consumer = await KafkaTestClient.connect(port);
    const sentAt = new Map<bigint, number>();
    const lat: number[] = [];
    let next = 0n;
    let stop = false;
    const fetching = (async () => {
      while (!stop) {
        const f = await consumer.send(fetchApi, 12, {
          maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
          topics: [{ topic: 'lat', partitions: [{ partition: 0, fetchOffset: next, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1, logStartOffset: -1n }] }],
        });
        const now = performance.now();
        const data = Buffer.from(f.responses[0].partitions[0].records!);
        for (let at = 0; at + 61 <= data.length; at += data.readInt32BE(at + 8) + 12) {
          const base = data.readBigInt64BE(at);
          const sent = sentAt.get(base);
          if (sent !== undefined && base >= next) lat.push(now - sent);
          next = base + BigInt(data.readInt32BE(at + 57));
        }
      }
    })();
    const one = makeBatch({ records: 1, valueSize: 100 });
    const producer = await KafkaTestClient.connect(port);
    const n = 5000;
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const due = start + i;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const sent = performance.now();
      const r = await producer.send(produceApi, 9, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'lat', partitionData: [{ index: 0, records: Buffer.from(one) }] }] });
      sentAt.set(r.responses[0].partitionResponses[0].baseOffset, sent);
    }
    await new Promise((r) => setTimeout(r, 600));
    stop = true;
    await fetching;
    lat.sort((a, b) => a - b);
    const memEnd = await memOf(child);
    const memGc = await memOf(child, true);

    const rows: [string, string][] = [
      [`produce, own client, ${PER_REQUEST} x 100 B per request, 8 in flight`, `${Math.round(RECORDS / (produceMs / 1000)).toLocaleString()} records/s (${((RECORDS * 100) / 1e6 / (produceMs / 1000)).toFixed(0)} MB/s of values)`],
      [`end-to-end latency at 1,000 msg/s (${lat.length} samples)`, `p50 ${pct(lat, 50).toFixed(2)} ms, p99 ${pct(lat, 99).toFixed(2)} ms`],
      ['broker RSS idle (ps)', `${rssIdle.toFixed(0)} MB`],
      [`broker RSS after ${RECORDS.toLocaleString()} records (ps)`, `${rssAfter.toFixed(0)} MB`],
      ['broker idle: RSS / V8 heap used / external', `${mb(memIdle.rss).toFixed(0)} / ${mb(memIdle.heapUsed).toFixed(1)} / ${mb(memIdle.external).toFixed(1)} MB`],
      ...steps.map((s): [string, string] => [`after ${s.records.toLocaleString()} records: RSS / heap used / external`, `${mb(s.mem.rss).toFixed(0)} / ${mb(s.mem.heapUsed).toFixed(1)} / ${mb(s.mem.external).toFixed(1)} MB`]),
      ['after the latency run too: RSS / heap used / external', `${mb(memEnd.rss).toFixed(0)} / ${mb(memEnd.heapUsed).toFixed(1)} / ${mb(memEnd.external).toFixed(1)} MB`],
      ['same, after a forced full GC', `${mb(memGc.rss).toFixed(0)} / ${mb(memGc.heapUsed).toFixed(1)} / ${mb(memGc.external).toFixed(1)} MB`],
    ];
    console.log('| measure | result |\n|---|---|');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/broker-load.json', JSON.stringify({
      records: RECORDS, produceRecordsPerSec: RECORDS / (produceMs / 1000),
      latencyMs: { p50: pct(lat, 50), p99: pct(lat, 99), samples: lat.length }, rssMb: { idle: rssIdle, afterRecords: rssAfter },
      memoryMb: {
        idle: memIdle, steps: steps.map((s) => ({ records: s.records, ...s.mem })), end: memEnd, afterGc: memGc,
      },
      loadAverage: loadavg(),
    }, null, 2));
    for (const x of [c, consumer, producer]) x.close();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
