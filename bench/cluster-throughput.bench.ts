// Replication cost: librdkafka (python3-confluent-kafka) produce throughput to one partition of an in-process
// local cluster, 100-byte records, linger.ms 5, in three set-ups measured in the same run: one broker acks=1, one
// broker acks=all, and three brokers with RF 3 / min.insync.replicas 2 / acks=all (issue 5 target: the RF 3 figure
// >= 0.5x the single-broker one). Each set-up gets a fresh cluster and topic; BENCH_ROUNDS rounds (default 3),
// interleaved so load drift hits all three alike; the median is reported. The clock runs inside the producer
// from its first produce() to the end of flush(), so Python start-up and connection set-up are excluded.
import { replicationWired } from '../test/cluster/harness.js';
import { createTopic, flood, loadAverage, median, printTable, refused, tryStartCluster, benchConfig, writeResult } from './cluster-bench-util.js';

const COUNT = Number(process.env.BENCH_RECORDS ?? 300_000);
const SIZE = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Setup { name: string; brokers: number; acks: string }
const SETUPS: Setup[] = [
  { name: '1 broker, acks=1', brokers: 1, acks: '1' },
  { name: '1 broker, acks=all', brokers: 1, acks: 'all' },
  { name: '3 brokers RF 3, acks=all', brokers: 3, acks: 'all' },
];

async function once(s: Setup, round: number): Promise<number | string> {
  const c = await tryStartCluster(s.brokers, benchConfig(s.brokers));
  if (refused(c)) return `not run: ${c.refused}`;
  try {
    const topic = `tp-${round}`;
    await createTopic(c.bootstrap, topic, 1, Math.min(3, s.brokers));
    if (s.brokers > 1 && !(await replicationWired(c.control, topic))) return 'not run: follower replication is not wired into LocalCluster in this tree';
    const seconds = await flood(c.bootstrap, topic, COUNT, SIZE, { acks: s.acks });
    return COUNT / seconds;
  } finally {
    await c.stop();
  }
}

async function main(): Promise<void> {
  const load = loadAverage();
  const rates = new Map<string, number[]>();
  const notes = new Map<string, string>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of SETUPS) {
      const v = await once(s, r);
      if (typeof v === 'string') notes.set(s.name, v);
      else rates.set(s.name, [...(rates.get(s.name) ?? []), v]);
    }
  }
  const m = (name: string) => (rates.has(name) ? median(rates.get(name)!) : Number.NaN);
  const single1 = m(SETUPS[0].name);
  const singleAll = m(SETUPS[1].name);
  const rf3 = m(SETUPS[2].name);
  const rows = SETUPS.map((s) => ({
    setup: s.name,
    'records/s (median)': rates.has(s.name) ? Math.round(m(s.name)) : '-',
    'MB/s': rates.has(s.name) ? +((m(s.name) * SIZE) / 1e6).toFixed(1) : '-',
    rounds: (rates.get(s.name) ?? []).map((x) => Math.round(x)).join(', ') || (notes.get(s.name) ?? ''),
  }));
  printTable(`cluster produce throughput, ${COUNT} x ${SIZE} B, 1 partition, librdkafka (load avg ${load})`, rows);
  const ratio1 = rf3 / single1;
  const ratioAll = rf3 / singleAll;
  if (Number.isFinite(rf3)) console.log(`RF 3 acks=all vs 1 broker acks=1: ${ratio1.toFixed(2)}x; vs 1 broker acks=all: ${ratioAll.toFixed(2)}x (target >= 0.5x)`);
  else console.log(`RF 3 not measured: ${notes.get(SETUPS[2].name)}`);
  writeResult('cluster-throughput', {
    records: COUNT, recordBytes: SIZE, rounds: ROUNDS, loadAverage: load,
    setups: SETUPS.map((s) => ({ ...s, recordsPerSec: rates.get(s.name) ?? [], median: rates.has(s.name) ? m(s.name) : null, note: notes.get(s.name) ?? null })),
    rf3VsSingleAcks1: Number.isFinite(ratio1) ? ratio1 : null,
    rf3VsSingleAcksAll: Number.isFinite(ratioAll) ? ratioAll : null,
  });
}

await main();
