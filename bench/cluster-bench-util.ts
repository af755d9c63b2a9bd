// Shared pieces of the cluster benches: start an N-broker local cluster (reporting a refusal instead of failing,
// so a tree without the multi-broker runtime still measures its single-broker reference), run the librdkafka
// (python3-confluent-kafka) flood producer, percentiles, the result table and bench-results/<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { confluent, createTopic } from '../test/cluster/drivers/drivers.js';
import { startCluster, type TestCluster } from '../test/cluster/harness.js';

export const ROOT = join(import.meta.dirname, '..');

export async function tryStartCluster(brokers: number, config: Record<string, string>): Promise<TestCluster | { refused: string }> {
  try {
    return await startCluster(brokers, config);
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

export const refused = (c: TestCluster | { refused: string }): c is { refused: string } => 'refused' in c;

/** Broker settings for a cluster of `brokers`: RF and min.insync.replicas follow (RF 3 / min ISR 2 when 3). */
export function benchConfig(brokers: number): Record<string, string> {
  const rf = String(Math.min(3, brokers));
  return {
    'default.replication.factor': rf, 'offsets.topic.replication.factor': rf, 'offsets.topic.num.partitions': '3',
    'min.insync.replicas': brokers >= 3 ? '2' : '1', 'group.initial.rebalance.delay.ms': '0',
    'broker.session.timeout.ms': '3000', 'broker.heartbeat.interval.ms': '500',
  };
}

export { createTopic };

/** Produces `count` records of `size` bytes to partition 0 with librdkafka; returns the seconds it reported. */
export async function flood(bootstrap: string, topic: string, count: number, size: number, conf: Record<string, string> = {}): Promise<number> {
  const d = confluent(null, bootstrap, 'flood', topic, String(count), String(size), ...Object.entries(conf).map(([k, v]) => `${k}=${v}`));
  await d.done(600_000);
  const e = d.event('flood');
  if (Number(e.errors) > 0 || Number(e.undelivered) > 0) throw new Error(`flood: ${e.errors} errors, ${e.undelivered} undelivered`);
  return Number(e.seconds);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: readonly number[]) => percentile(values, 50);

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  console.table(rows);
}

export function writeResult(name: string, result: unknown): void {
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', `${name}.json`), `${JSON.stringify(result, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
}

/** The 1/5/15-minute load averages: the machine is shared, so every result records how busy it was. */
export function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' ');
}
