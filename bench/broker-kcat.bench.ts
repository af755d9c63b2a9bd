// Broker throughput with kcat/librdkafka as the load: 100-byte records, 1 partition, acks=1.
// Produce: `kcat -P -l FILE` (one record per line) against a broker in its own process
// (bench/broker-child.ts); consume: `kcat -C -e`
// from the beginning. Wall time of each kcat run (spawn to exit, so it includes kcat's start and
// connection set-up: a slight understatement of the broker's rate). Also: broker start time on an empty
// data dir and on one holding the produced partition (clean shutdown), median of 5.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import listOffsetsApi from '../src-main/protocol/schema/02-list-offsets.js';
import createTopicsApi from '../src-main/protocol/schema/19-create-topics.js';
import { Broker } from '../src-main/broker/index.js';
import { KafkaTestClient } from '../src-main/broker/test-support/kafka-test-client.js';
import { startBrokerChild } from './broker-child-process.js';

function startChild(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_BROKER_NODE_ARGS: extra node flags for the broker process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
  return startBrokerChild(dataDir, { nodeArgs: (process.env.BENCH_BROKER_NODE_ARGS ?? '').split(' ').filter(Boolean) });
}

const KCAT = '/usr/bin/kcat';

/**
 * CPU time (user + system, ms) the broker process has used so far, from /proc (Linux). On a shared
 * machine this moves far less than wall time, so it is the before/after measure of the broker's own cost.
 */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}
const N = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RECORD = 100;
const quiet = { info: () => {}, warn: (m: string) => console.warn(m) };

function kcat(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(KCAT, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    p.once('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`kcat exited ${code}`))));
  });
}

async function startTimes(dataDir: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const b = await Broker.start({ dataDir, port: 0, logger: quiet });
    times.push(performance.now() - t0);
    await b.stop();
  }
  return times.sort((a, b) => a - b)[2];
}

/** A whole `tidepool cluster` process (the built CLI): spawn to the printed bootstrap line, median of 3. */
async function cliStartMs(work: string): Promise<number | null> {
  const cli = join(import.meta.dirname, '..', 'out', 'main', 'cli.js');
  if (!existsSync(cli)) return null;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    times.push(await new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const p = spawn(process.execPath, [cli, 'cluster', '--port', '0', '--data-dir', join(work, `cli-${i}`)]);
      let out = '';
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('bootstrap.servers=')) { const ms = performance.now() - t0; p.kill('SIGTERM'); p.once('exit', () => resolve(ms)); }
      });
      p.once('error', reject);
    }));
  }
  return times.sort((a, b) => a - b)[1];
}

async function main(): Promise<void> {
  if (!existsSync(KCAT)) { console.error(`${KCAT} is missing: install kcat to run this benchmark`); process.exit(1); }
  const work = mkdtempSync(join(tmpdir(), 'tidepool-bench-'));
  try {
    const file = join(work, 'records.txt');
    const line = `${'r'.repeat(RECORD)}\n`;
    writeFileSync(file, line.repeat(N));
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    const startEmpty = await startTimes(join(work, 'empty'));
    const cliStart = await cliStartMs(work);

    const { child, port } = await startChild(dataDir);
    const admin = await KafkaTestClient.connect(port);
    await admin.send(createTopicsApi, 4, { topics: [{ name: 'bench', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    const bs = `127.0.0.1:${port}`;
    const cpu0 = cpuMsOf(child.pid!);
    const produceMs = await kcat(['-b', bs, '-P', '-t', 'bench', '-p', '0', '-l', file, '-X', 'acks=1', '-X', 'linger.ms=5',
      '-X', 'batch.num.messages=10000', '-X', 'queue.buffering.max.messages=2000000', '-X', 'queue.buffering.max.kbytes=2097151']);
    const cpu1 = cpuMsOf(child.pid!);
    const lo = await admin.send(listOffsetsApi, 1, { replicaId: -1, topics: [{ name: 'bench', partitions: [{ partitionIndex: 0, timestamp: -1n }] }] });
    const end = lo.topics[0].partitions[0].offset;
    if (end !== BigInt(N)) throw new Error(`expected ${N} records in the log, found ${end}`);
    const cpu2 = cpuMsOf(child.pid!);
    const consumeMs = await kcat(['-b', bs, '-C', '-t', 'bench', '-p', '0', '-o', 'beginning', '-e', '-q', '-c', String(N),
      '-X', 'fetch.max.bytes=52428800', '-X', 'fetch.message.max.bytes=10485760']);
    const cpu3 = cpuMsOf(child.pid!);
    admin.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const startWithData = await startTimes(dataDir);

    const mb = (N * RECORD) / 1e6;
    const rows = [
      ['produce (kcat, acks=1)', N, produceMs, N / (produceMs / 1000), mb / (produceMs / 1000)],
      ['consume (kcat, from beginning)', N, consumeMs, N / (consumeMs / 1000), mb / (consumeMs / 1000)],
    ] as const;
    console.log(`broker + kcat, ${N.toLocaleString()} records of ${RECORD} bytes, 1 partition`);
    console.log('| run | records | ms | records/s | MB/s (values) |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [name, n, ms, rps, mbps] of rows) console.log(`| ${name} | ${n.toLocaleString()} | ${ms.toFixed(0)} | ${Math.round(rps).toLocaleString()} | ${mbps.toFixed(1)} |`);
    console.log(`broker process CPU (user+sys): produce ${(cpu1 - cpu0).toFixed(0)} ms (${((cpu1 - cpu0) * 1000 / N).toFixed(2)} µs/record), consume ${(cpu3 - cpu2).toFixed(0)} ms (${((cpu3 - cpu2) * 1000 / N).toFixed(2)} µs/record)`);
    console.log(`broker start (median of 5): empty data dir ${startEmpty.toFixed(1)} ms; with the ${N.toLocaleString()}-record partition ${startWithData.toFixed(1)} ms`);
    console.log(cliStart === null ? 'tidepool cluster process start: not measured (run `npm run build` first)'
      : `tidepool cluster process start (node out/main/cli.js, spawn to bootstrap line, median of 3): ${cliStart.toFixed(0)} ms`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/broker-kcat.json', JSON.stringify({
      records: N, recordBytes: RECORD,
      produce: { ms: produceMs, recordsPerSec: N / (produceMs / 1000), brokerCpuMs: cpu1 - cpu0 },
      consume: { ms: consumeMs, recordsPerSec: N / (consumeMs / 1000), brokerCpuMs: cpu3 - cpu2 },
      startMs: { emptyDataDir: startEmpty, withData: startWithData, cliProcess: cliStart },
    }, null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
