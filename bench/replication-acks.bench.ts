// Replication's data path, in one process (as the embedded cluster runs): produce throughput with the
// project's own codec client (1,000 x 100-byte records per request, 8 requests in flight) to (a) a
// standalone broker with acks=all, (b) the leader of an RF=3 partition on three brokers with acks=1 and
// (c) with acks=all (min.insync.replicas 2), followers fetching over loopback TCP; then acks=all latency,
// one record per request sent one after another, standalone vs RF=3 (p50/p99). The three brokers are driven
// by hand-made partition states with the controller's real decisions (broker/replication/test-helpers.ts),
// not by the cluster runtime.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { encodeRequest } from '../src-main/protocol/index.js';
import produceApi from '../src-main/protocol/schema/00-produce.js';
import { Broker } from '../src-main/broker/broker.js';
import { KafkaTestClient } from '../src-main/broker/test-support/kafka-test-client.js';
import { tempDir } from '../src-main/broker/test-support/test-broker.js';
import { TestReplicationCluster } from '../src-main/broker/replication/test-helpers.js';
import { makeBatch } from '../src-main/storage/test-batches.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const PER_REQUEST = 1000;
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 2000);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function throughput(port: number, topic: string, acks: number): Promise<number> {
  const c = await KafkaTestClient.connect(port);
  const batch = makeBatch({ records: PER_REQUEST, valueSize: 100 });
  const t0 = performance.now();
  let inFlight: Promise<Buffer>[] = [];
  const check = async (all: Promise<Buffer>[]) => {
    for (const f of await Promise.all(all)) if (f.length < 8) throw new Error('short answer');
  };
  for (let i = 0; i < RECORDS / PER_REQUEST; i++) {
    const cid = c.nextCorrelationId();
    const frame = encodeRequest(produceApi, 9, { correlationId: cid, clientId: 'bench' },
      { transactionalId: null, acks, timeoutMs: 30_000, topicData: [{ name: topic, partitionData: [{ index: 0, records: Buffer.from(batch) }] }] });
    inFlight.push(c.sendFrame(frame, cid));
    if (inFlight.length >= 8) { await check(inFlight); inFlight = []; }
  }
  await check(inFlight);
  const ms = performance.now() - t0;
  c.close();
  return RECORDS / (ms / 1000);
}

async function latency(port: number, topic: string): Promise<number[]> {
  const c = await KafkaTestClient.connect(port);
  const one = makeBatch({ records: 1, valueSize: 100 });
  const out: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const t = performance.now();
    const r = await c.send(produceApi, 9, { transactionalId: null, acks: -1, timeoutMs: 30_000, topicData: [{ name: topic, partitionData: [{ index: 0, records: Buffer.from(one) }] }] });
    if (r.responses[0].partitionResponses[0].errorCode !== 0) throw new Error(`produce failed: ${r.responses[0].partitionResponses[0].errorCode}`);
    out.push(performance.now() - t);
  }
  c.close();
  return out.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const dir = tempDir('tidepool-bench-single-');
  const single = await Broker.start({ dataDir: dir, port: 0, logger: { info: () => {}, warn: () => {} } });
  single.topics.create('t');
  single.topics.create('lat');
  const singleAll = await throughput(single.port, 't', -1);
  const singleLat = await latency(single.port, 'lat');
  await single.stop();
  rmSync(dir, { recursive: true, force: true });

  const c = await TestReplicationCluster.start();
  c.createTopic('a1', [[1, 2, 3]], { 'min.insync.replicas': '2' });
  c.createTopic('aall', [[1, 2, 3]], { 'min.insync.replicas': '2' });
  c.createTopic('lat', [[1, 2, 3]], { 'min.insync.replicas': '2' });
  const rf3One = await throughput(c.broker(1).port, 'a1', 1);
  await c.waitInSync('a1', 0, 120_000);
  const rf3All = await throughput(c.broker(1).port, 'aall', -1);
  const rf3Lat = await latency(c.broker(1).port, 'lat');
  await c.close();

  const fmt = (n: number) => `${Math.round(n).toLocaleString()} records/s`;
  const rows: [string, string][] = [
    ['standalone broker, acks=all', fmt(singleAll)],
    ['RF=3 leader, acks=1', fmt(rf3One)],
    ['RF=3 leader, acks=all (min.insync 2)', `${fmt(rf3All)} (${(rf3All / singleAll).toFixed(2)}x standalone)`],
    [`acks=all latency, standalone (${LATENCY_SAMPLES} sequential)`, `p50 ${pct(singleLat, 50).toFixed(2)} ms, p99 ${pct(singleLat, 99).toFixed(2)} ms`],
    [`acks=all latency, RF=3 (${LATENCY_SAMPLES} sequential)`, `p50 ${pct(rf3Lat, 50).toFixed(2)} ms, p99 ${pct(rf3Lat, 99).toFixed(2)} ms`],
  ];
  console.log(`${RECORDS.toLocaleString()} records of 100 B, ${PER_REQUEST} per request, 8 in flight; one process\n`);
  console.log('| measure | result |\n|---|---|');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/replication-acks.json', JSON.stringify({
    records: RECORDS, perRequest: PER_REQUEST,
    recordsPerSec: { standaloneAcksAll: singleAll, rf3Acks1: rf3One, rf3AcksAll: rf3All }, ratioRf3AllToStandalone: rf3All / singleAll,
    latencyMs: { standalone: { p50: pct(singleLat, 50), p99: pct(singleLat, 99) }, rf3: { p50: pct(rf3Lat, 50), p99: pct(rf3Lat, 99) } },
  }, null, 2));
}

await main();
