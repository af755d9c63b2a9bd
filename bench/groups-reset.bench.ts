// Group offset reset through the service (groups.resetOffsets: describe, plan, one simple-consumer
// OffsetCommit with generation -1) against kafkajs's admin.setOffsets (joins the group with a throw-away
// consumer, waits for a fetch, commits, leaves), which the reset used before. Embedded local cluster in this
// process, an Empty group over 1 topic and over 10 topics of 3 partitions each. Writes bench-results/groups-reset.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { LocalCluster } from '../src-main/cluster/index.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from '../src-main/services/cluster-registry.js';
import { createGroupsService } from '../src-main/services/groups-service.js';
import { LagSampler } from '../src-main/services/lag-sampler.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), 'tidepool-bench-reset-'));
const cluster = await LocalCluster.start({ dataDir: dir, port: 0, config: new Map([['group.initial.rebalance.delay.ms', '0']]) });
const registry = new ClusterRegistry({ backend: { connectTimeoutMs: 3000, requestTimeoutMs: 30_000 } });
await registry.registerLocal(cluster.bootstrap);
const sampler = new LagSampler(registry, { intervalMs: 3_600_000 });
const svc = createGroupsService(registry, sampler);
const ctx = { transport: 'in-process' as const };
const kafka = new Kafka({ clientId: 'bench-reset', brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING });
const admin = kafka.admin();
try {
  await admin.connect();
  const topics = Array.from({ length: 10 }, (_, i) => `reset-${i}`);
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  const p = kafka.producer();
  await p.connect();
  for (const topic of topics) await p.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, partition: i % 3 })) });
  await p.disconnect();
  // Empty groups that committed once (as a stopped consumer leaves them).
  for (const [g, ts] of [['g1', topics.slice(0, 1)], ['g10', topics]] as const) {
    await admin.setOffsets({ groupId: g, topic: ts[0]!, partitions: [0, 1, 2].map((partition) => ({ partition, offset: '10' })) });
    for (const t of ts.slice(1)) await admin.setOffsets({ groupId: g, topic: t, partitions: [0, 1, 2].map((partition) => ({ partition, offset: '10' })) });
  }

  const rows: { case: string; runs: number; medianMs: number; maxMs: number }[] = [];
  for (const [g, n] of [['g1', 1], ['g10', 10]] as const) {
    const xs: number[] = [];
    for (let r = 0; r < 8; r++) {
      const t0 = performance.now();
      await svc['groups.resetOffsets']({ clusterId: LOCAL_CLUSTER_ID, groupId: g, mode: r % 2 === 0 ? 'earliest' : 'latest' }, ctx);
      xs.push(performance.now() - t0);
    }
    rows.push({ case: `groups.resetOffsets (simple commit), ${n} topic${n === 1 ? '' : 's'} x 3 partitions`, runs: xs.length, medianMs: median(xs), maxMs: Math.max(...xs) });
  }
  const old: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    await admin.setOffsets({ groupId: 'g1', topic: topics[0]!, partitions: [0, 1, 2].map((partition) => ({ partition, offset: String(r) })) });
    old.push(performance.now() - t0);
  }
  rows.push({ case: 'kafkajs admin.setOffsets (joins the group), 1 topic x 3 partitions', runs: old.length, medianMs: median(old), maxMs: Math.max(...old) });
  const out = rows.map((r) => ({ ...r, medianMs: Math.round(r.medianMs * 10) / 10, maxMs: Math.round(r.maxMs * 10) / 10 }));
  console.table(out);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/groups-reset.json', JSON.stringify({ rows: out }, null, 2));
} finally {
  await admin.disconnect().catch(() => undefined);
  await sampler.stop();
  await registry.close();
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
