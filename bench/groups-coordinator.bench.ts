// Group coordinator: OffsetCommit throughput into __consumer_offsets on disk, the replay time a broker pays
// at start for that log, and the JoinGroup(x2, KIP-394)+SyncGroup round trip of a one-member group over TCP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Broker } from '../src-main/broker/broker.js';
import { GroupCoordinator, ManualClock, OffsetsTopicLog } from '../src-main/broker/group-coordinator/index.js';
import { subscription } from '../src-main/broker/group-coordinator/test-helpers.js';
import { makeSettings } from '../src-main/broker/settings.js';
import { KafkaTestClient } from '../src-main/broker/test-support/kafka-test-client.js';
import { TopicManager } from '../src-main/broker/topics/index.js';
import joinGroupApi from '../src-main/protocol/schema/11-join-group.js';
import syncGroupApi from '../src-main/protocol/schema/14-sync-group.js';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function commits(dir: string, n: number, partitionsPerCommit: number) {
  const topics = new TopicManager({ settings: makeSettings({ dataDir: dir }) });
  topics.create('t', { partitions: partitionsPerCommit });
  const clock = new ManualClock();
  const gc = new GroupCoordinator({ clock, log: new OffsetsTopicLog(topics, 50, () => clock.now()) });
  const parts = Array.from({ length: partitionsPerCommit }, (_, p) => p);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    await gc.commitOffsets({ groupId: `g${i % 100}`, generationId: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1n,
      topics: [{ name: 't', partitions: parts.map((p) => ({ partitionIndex: p, committedOffset: BigInt(i), committedLeaderEpoch: -1, committedMetadata: null, commitTimestamp: -1n })) }] });
  }
  const elapsed = ms(t0);
  await topics.close();
  return { commitsPerSec: n / (elapsed / 1000), offsetsPerSec: (n * partitionsPerCommit) / (elapsed / 1000) };
}

async function replay(dir: string) {
  const t0 = process.hrtime.bigint();
  const topics = new TopicManager({ settings: makeSettings({ dataDir: dir }) });
  const opened = ms(t0);
  const t1 = process.hrtime.bigint();
  const log = new OffsetsTopicLog(topics, 50, () => Date.now());
  const { records } = log.replay();
  const gc = new GroupCoordinator({ clock: new ManualClock() });
  gc.load(records);
  const loaded = ms(t1);
  await topics.close();
  return { records: records.length, openMs: opened, replayAndLoadMs: loaded };
}

async function joinSync(rounds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-groups-'));
  const broker = await Broker.start({ dataDir: dir, host: '127.0.0.1', port: 0, raw: { 'group.initial.rebalance.delay.ms': '0' }, logger: { info() {}, warn() {} } });
  const c = await KafkaTestClient.connect(broker.port);
  const body = { sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, groupInstanceId: null, protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription(['t']) }], reason: null };
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    const first = await c.send(joinGroupApi, 5, { ...body, groupId: `j${i}`, memberId: '' });
    const j = await c.send(joinGroupApi, 5, { ...body, groupId: `j${i}`, memberId: first.memberId });
    await c.send(syncGroupApi, 3, { groupId: `j${i}`, generationId: j.generationId, memberId: j.memberId, groupInstanceId: null,
      assignments: [{ memberId: j.memberId, assignment: new Uint8Array(16) }] });
    times.push(ms(t0));
  }
  c.close();
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
  const slowest = [...times].sort((a, b) => b - a).slice(0, 5).map((t) => Number(t.toFixed(1)));
  return { rounds, p50Ms: pct(times, 0.5), p99Ms: pct(times, 0.99), slowestMs: slowest, firstMs: times[0] };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-offsets-'));
const single = await commits(dir, 20_000, 1);
const rp = await replay(dir);
rmSync(dir, { recursive: true, force: true });
const dir2 = mkdtempSync(join(tmpdir(), 'bench-offsets-'));
const batched = await commits(dir2, 5_000, 10);
rmSync(dir2, { recursive: true, force: true });
const js = await joinSync(300);

console.table({
  'OffsetCommit, 1 partition (sequential)': { value: `${single.commitsPerSec.toFixed(0)} commits/s` },
  'OffsetCommit, 10 partitions (sequential)': { value: `${batched.commitsPerSec.toFixed(0)} commits/s = ${batched.offsetsPerSec.toFixed(0)} offsets/s` },
  [`replay + load ${rp.records} records (50 partitions)`]: { value: `${rp.replayAndLoadMs.toFixed(1)} ms (opening the logs: ${rp.openMs.toFixed(1)} ms)` },
  [`JoinGroup x2 + SyncGroup over TCP (${js.rounds} groups)`]: { value: `p50 ${js.p50Ms.toFixed(2)} ms, p99 ${js.p99Ms.toFixed(2)} ms, first ${js.firstMs.toFixed(1)} ms, slowest ${js.slowestMs.join('/')} ms` },
});
writeFileSync('bench-results/groups-coordinator.json', JSON.stringify({ single, batched, replay: rp, joinSync: js }, null, 2));
