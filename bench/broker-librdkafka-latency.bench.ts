// End-to-end latency at 1,000 msg/s with librdkafka (python3-confluent-kafka) as producer and consumer, the
// broker in its own process (bench/broker-child.ts), 1 partition, acks=1, 100-byte-ish values. The Python side
// (bench/librdkafka-latency.py) stamps time.time_ns() into each value at produce() and the consumer process
// reads the clock when poll() returns the record: the figure includes librdkafka's queues and Python's
// overhead on both ends, so it is an upper bound on the broker's share. BENCH_LATENCY_SECONDS (default 10).
// bench/broker-load.bench.ts measures the same with the project's own client (no client library in the way).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import createTopicsApi from '../src-main/protocol/schema/19-create-topics.js';
import { KafkaTestClient } from '../src-main/broker/test-support/kafka-test-client.js';
import { startBrokerChild } from './broker-child-process.js';

const RATE = 1000;
const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);


const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tidepool-bench-lat-'));
  const { child, port } = await startBrokerChild(join(work, 'data'));
  try {
    const admin = await KafkaTestClient.connect(port);
    await admin.send(createTopicsApi, 4, { topics: [{ name: 'lat', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    admin.close();
    const load0 = loadavg()[0];
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile('/usr/bin/python3', [join(import.meta.dirname, 'librdkafka-latency.py'), `127.0.0.1:${port}`, 'lat', String(RATE), String(SECONDS)],
        { timeout: (SECONDS + 120) * 1000, maxBuffer: 64 << 20 }, (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)));
    });
    const { samples, latencies_us: lat } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { samples: number; latencies_us: number[] };
    const sorted = [...lat].sort((a, b) => a - b);
    const ms = (us: number) => (us / 1000).toFixed(2);
    console.log(`librdkafka end-to-end latency, ${RATE} msg/s for ${SECONDS} s (load average before ${load0.toFixed(1)}, after ${loadavg()[0].toFixed(1)})`);
    console.log('| samples | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |');
    console.log('|---:|---:|---:|---:|---:|---:|');
    console.log(`| ${samples} | ${ms(pct(sorted, 50))} | ${ms(pct(sorted, 90))} | ${ms(pct(sorted, 99))} | ${ms(pct(sorted, 99.9))} | ${ms(sorted.at(-1)!)} |`);
    if (samples < RATE * SECONDS) throw new Error(`only ${samples} of ${RATE * SECONDS} records arrived`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/broker-librdkafka-latency.json', JSON.stringify({
      rate: RATE, seconds: SECONDS, samples, p50Ms: pct(sorted, 50) / 1000, p99Ms: pct(sorted, 99) / 1000, maxMs: sorted.at(-1)! / 1000,
    }, null, 2));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
