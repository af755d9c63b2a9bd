// Cluster start time (issue 5 targets: 3 brokers <= 150 ms empty, <= 1 s with 1 GB on disk): LocalCluster.start()
// in this process to resolved (every broker listening), then stop(). Empty: 10 starts, each on a fresh data dir.
// With data: a cluster is filled through librdkafka with BENCH_FILL_MB (default 1024) of data on disk in all
// (1 KB records, one partition; with replication every byte is stored three times, so a third of it is produced;
// without it in the tree the leader gets it all), stopped cleanly, and started 3 times on that dir (median). When this tree refuses 3 brokers, the 1-broker figures are measured as the
// reference and the refusal is printed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster } from '../src-main/cluster/index.js';
import { replicationWired, startCluster } from '../test/cluster/harness.js';
import { benchConfig, createTopic, flood, loadAverage, median, printTable, writeResult } from './cluster-bench-util.js';

const FILL_MB = Number(process.env.BENCH_FILL_MB ?? 1024);
const config = (n: number) => new Map(Object.entries(benchConfig(n)));

async function timedStart(dataDir: string, brokers: number): Promise<number> {
  const t0 = performance.now();
  const c = await LocalCluster.start({ dataDir, brokers, port: 0, config: config(brokers), logger: { info: () => {}, warn: () => {} } });
  const ms = performance.now() - t0;
  await c.stop();
  return ms;
}

async function brokersThatStart(): Promise<{ brokers: number; note: string | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'tidepool-bench-start-'));
  try {
    await timedStart(dir, 3);
    return { brokers: 3, note: null };
  } catch (err) {
    return { brokers: 1, note: `3 brokers refused (${(err as Error).message}); measured 1 broker as the reference` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const load = loadAverage();
  const { brokers, note } = await brokersThatStart();
  if (note) console.log(note);
  const empty: number[] = [];
  for (let i = 0; i < 10; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-bench-start-'));
    empty.push(await timedStart(dir, brokers));
    rmSync(dir, { recursive: true, force: true });
  }

  const withData: number[] = [];
  let diskMb = 0;
  let copies = 1;
  const rf = Math.min(3, brokers);
  const c = await startCluster(brokers, benchConfig(brokers));
  try {
    try {
      await createTopic(c.bootstrap, 'fill', 1, rf);
      // Without follower replication in the tree only the leader stores the data: produce it all there.
      copies = rf > 1 && (await replicationWired(c.control, 'fill')) ? rf : 1;
      const records = Math.round((FILL_MB * 1024 * 1024) / copies / 1024);
      const seconds = await flood(c.bootstrap, 'fill', records, 1000, { acks: copies > 1 ? 'all' : '1', 'compression.type': 'none' });
      console.log(`filled ${records} x 1 KB records (${copies} cop${copies > 1 ? 'ies' : 'y'} on disk) in ${seconds.toFixed(1)} s`);
    } finally {
      await c.cluster.stop();
    }
    diskMb = Number(execFileSync('du', ['-sm', c.dataDir], { encoding: 'utf8' }).split('\t')[0]);
    for (let i = 0; i < 3; i++) withData.push(await timedStart(c.dataDir, brokers));
  } finally {
    rmSync(c.dataDir, { recursive: true, force: true });
  }
  const rows = [
    { case: `${brokers} broker(s), empty`, 'median ms': +median(empty).toFixed(1), 'max ms': +Math.max(...empty).toFixed(1), runs: empty.length, target: brokers === 3 ? '<= 150 ms' : '(reference)' },
    { case: `${brokers} broker(s), ${diskMb} MB on disk`, 'median ms': +median(withData).toFixed(1), 'max ms': +Math.max(...withData).toFixed(1), runs: withData.length, target: brokers === 3 ? '<= 1000 ms' : '(reference)' },
  ];
  printTable(`LocalCluster.start() (load avg ${load})`, rows);
  writeResult('cluster-start', { brokers, note, loadAverage: load, emptyMs: empty, withDataMs: withData, diskMb, copiesOnDisk: copies });
}

await main();
