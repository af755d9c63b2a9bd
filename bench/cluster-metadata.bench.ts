// Cluster metadata log: what the controller pays to open an empty log (cluster start), to append decisions
// (with and without an fsync per append), and to replay a large log into the image on restart.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MetadataLog, alterPartition, createTopic, fenceBroker, registerBroker, seededRandom, unfenceBroker,
} from '../src-main/cluster/controller/index.js';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const incarnation = (n: number) => Buffer.from(Array.from({ length: 16 }, (_, i) => (i === 15 ? n % 256 : 7))).toString('base64url');

function emptyOpen(rounds: number) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-meta-'));
    const t0 = process.hrtime.bigint();
    const log = MetadataLog.open({ dataDir: dir });
    times.push(ms(t0));
    log.close();
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { rounds, p50Ms: times[Math.floor(rounds / 2)], maxMs: times[rounds - 1] };
}

/** 3 brokers, `topics` x 6 partitions RF 3, `cycles` broker kill/restart cycles, `isrChanges` ISR shrink/expand pairs. */
function build(dir: string, sync: boolean, topics: number, cycles: number, isrChanges: number) {
  const log = MetadataLog.open({ dataDir: dir, syncEachAppend: sync });
  const random = seededRandom(1);
  let appends = 0;
  const t0 = process.hrtime.bigint();
  const add = (records: Parameters<MetadataLog['append']>[0]) => { if (log.append(records)) appends++; };
  let inc = 0;
  for (const id of [1, 2, 3]) {
    const reg = registerBroker(log.image, { brokerId: id, incarnationId: incarnation(++inc), host: '127.0.0.1', port: 9091 + id });
    add(reg.records);
    add(unfenceBroker(log.image, id, reg.brokerEpoch));
  }
  for (let t = 0; t < topics; t++) add(createTopic(log.image, { name: `t${t}`, partitions: 6, replicationFactor: 3 }, random).records);
  for (let c = 0; c < cycles; c++) {
    const id = 1 + (c % 3);
    add(fenceBroker(log.image, id, log.image.brokers.get(id)!.epoch, 'kill'));
    const reg = registerBroker(log.image, { brokerId: id, incarnationId: incarnation(++inc), host: '127.0.0.1', port: 9091 + id });
    add(reg.records);
    add(unfenceBroker(log.image, id, reg.brokerEpoch));
  }
  const ids = [...log.image.topicsById.values()];
  for (let i = 0; i < isrChanges; i++) {
    const topic = ids[i % ids.length];
    const pid = i % 6;
    for (const shrink of [true, false]) {
      const p = log.image.topicsById.get(topic.id)!.partitions.get(pid)!;
      const follower = p.replicas.find((r) => r !== p.leader)!;
      const newIsr = shrink ? p.isr.filter((r) => r !== follower) : [...new Set([...p.isr, ...p.replicas])];
      add(alterPartition(log.image, {
        brokerId: p.leader, brokerEpoch: log.image.brokers.get(p.leader)!.epoch, topicId: topic.id, partitionId: pid,
        leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr,
      }).records);
    }
  }
  const elapsed = ms(t0);
  const records = Number(log.endOffset);
  log.close();
  return { appends, records, elapsedMs: elapsed, appendsPerSec: appends / (elapsed / 1000), recordsPerSec: records / (elapsed / 1000) };
}

function replay(dir: string) {
  const t0 = process.hrtime.bigint();
  const log = MetadataLog.open({ dataDir: dir });
  const openMs = ms(t0);
  const records = Number(log.endOffset);
  log.close();
  return { records, openMs };
}

mkdirSync('bench-results', { recursive: true });
const empty = emptyOpen(20);
const bigDir = mkdtempSync(join(tmpdir(), 'bench-meta-'));
const big = build(bigDir, false, 200, 30, 2_000);
const rp = replay(bigDir);
rmSync(bigDir, { recursive: true, force: true });
const syncDir = mkdtempSync(join(tmpdir(), 'bench-meta-'));
const synced = build(syncDir, true, 20, 0, 200);
rmSync(syncDir, { recursive: true, force: true });

console.table({
  'open an empty metadata log (cluster start)': { value: `p50 ${empty.p50Ms.toFixed(2)} ms, max ${empty.maxMs.toFixed(2)} ms (${empty.rounds} runs)` },
  'decide + append, no fsync (1,200 partitions, 30 kill/restart cycles, 4,000 ISR changes)': { value: `${big.appendsPerSec.toFixed(0)} appends/s, ${big.recordsPerSec.toFixed(0)} records/s (${big.records} records)` },
  'decide + append, fsync per append (120 partitions, 400 ISR changes)': { value: `${synced.appendsPerSec.toFixed(0)} appends/s (${synced.appends} appends)` },
  [`replay ${rp.records} records on open`]: { value: `${rp.openMs.toFixed(1)} ms` },
});
writeFileSync('bench-results/cluster-metadata.json', JSON.stringify({ empty, big, replay: rp, synced }, null, 2));
