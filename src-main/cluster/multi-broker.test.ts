import { Buffer } from 'node:buffer';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import metadataApi from '../protocol/schema/03-metadata.js';
import produceApi from '../protocol/schema/00-produce.js';
import fetchApi from '../protocol/schema/01-fetch.js';
import createTopicsApi from '../protocol/schema/19-create-topics.js';
import findCoordinatorApi from '../protocol/schema/10-find-coordinator.js';
import describeClusterApi from '../protocol/schema/60-describe-cluster.js';
import { KafkaError, ZERO_UUID } from '../protocol/index.js';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import { tempDir } from '../broker/test-support/test-broker.js';
import { makeBatch } from '../storage/test-batches.js';
import { LocalCluster } from './index.js';

const quiet = { info: () => {}, warn: () => {} };
const dirs: string[] = [];
const clusters: LocalCluster[] = [];
const clients: KafkaTestClient[] = [];
const fresh = () => { const d = tempDir('tidepool-cluster3-'); dirs.push(d); return d; };
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const c of clusters.splice(0)) await c.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Small session settings so fencing happens within a test; everything else is Kafka's default. */
const FAST = new Map([['broker.heartbeat.interval.ms', '50'], ['broker.session.timeout.ms', '400'], ['offsets.topic.num.partitions', '6']]);

async function start(dataDir = fresh(), brokers = 3): Promise<LocalCluster> {
  const c = await LocalCluster.start({ dataDir, brokers, port: 0, logger: quiet, config: FAST });
  clusters.push(c);
  return c;
}

async function client(c: LocalCluster, nodeId: number): Promise<KafkaTestClient> {
  const k = await KafkaTestClient.connect(c.broker(nodeId)!.port);
  clients.push(k);
  return k;
}

const metadata = (k: KafkaTestClient, topics: string[] | null = null) =>
  k.send(metadataApi, 12, { topics: topics?.map((name) => ({ name, topicId: ZERO_UUID })) ?? null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });

async function createTopic(k: KafkaTestClient, name: string, numPartitions: number, replicationFactor: number) {
  const r = await k.send(createTopicsApi, 7, {
    topics: [{ name, numPartitions, replicationFactor, assignments: [], configs: [] }], timeoutMs: 1000, validateOnly: false,
  });
  return r.topics[0];
}

async function until<T>(what: string, fn: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function produce(k: KafkaTestClient, topic: string, index: number, records = 5) {
  return k.send(produceApi, 9, {
    transactionalId: null, acks: 1, timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index, records: Buffer.from(makeBatch({ records, seed: index + 1 })) }] }],
  });
}

function fetchFrom(k: KafkaTestClient, topic: string, partition: number) {
  return k.send(fetchApi, 11, {
    maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
    topics: [{ topic, partitions: [{ partition, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, logStartOffset: -1n }] }],
  });
}

describe('a local cluster of 3 brokers', () => {
  it('every broker reports 3 brokers and the controller; RF3 replicas and leaders are spread like Kafka; produce/fetch on leaders', async () => {
    const c = await start();
    expect(c.bootstrap.split(',')).toHaveLength(3);
    const k1 = await client(c, 1);
    expect(await createTopic(k1, 'spread', 6, 3)).toMatchObject({ errorCode: 0, numPartitions: 6, replicationFactor: 3 });
    for (const id of [1, 2, 3]) {
      const md = await metadata(await client(c, id), ['spread']);
      expect(md.brokers.map((b) => [b.nodeId, b.port])).toEqual([1, 2, 3].map((n) => [n, c.broker(n)!.port]));
      expect(md.controllerId).toBe(1);
      const parts = md.topics[0].partitions;
      expect(parts).toHaveLength(6);
      for (const p of parts) {
        expect(new Set(p.replicaNodes).size).toBe(3);
        expect([...p.isrNodes].sort()).toEqual([1, 2, 3]);
        expect(p.leaderId).toBe(p.replicaNodes[0]);
        expect(p.errorCode).toBe(0);
      }
      // 6 partitions over 3 brokers: each leads 2, and the follower order varies (Kafka's shifted placement).
      const leads = [1, 2, 3].map((n) => parts.filter((p) => p.leaderId === n).length);
      expect(leads).toEqual([2, 2, 2]);
    }
    const dc = await k1.send(describeClusterApi, 1, { includeClusterAuthorizedOperations: false, endpointType: 1 });
    expect(dc).toMatchObject({ errorCode: 0, controllerId: 1 });
    expect(dc.brokers.map((b) => b.brokerId)).toEqual([1, 2, 3]);
    // Every replica has a log; a broker holds only its replicas.
    const md = await metadata(k1, ['spread']);
    for (const p of md.topics[0].partitions) {
      for (const n of [1, 2, 3]) expect(c.broker(n)!.topics.partition('spread', p.partitionIndex) !== undefined).toBe(p.replicaNodes.includes(n));
      const leader = await client(c, p.leaderId);
      const pr = await produce(leader, 'spread', p.partitionIndex);
      expect(pr.responses[0].partitionResponses[0].errorCode).toBe(0);
      const f = await fetchFrom(leader, 'spread', p.partitionIndex);
      expect(f.responses[0].partitions[0].highWatermark).toBe(5n);
    }
    const status = c.status();
    expect(status.controllerId).toBe(1);
    expect(status.brokers.map((b) => [b.state, b.fenced, b.leaders, b.replicas])).toEqual([1, 2, 3].map(() => ['running', false, 2, 6]));
  });

  it('refuses RF 4 on 3 brokers with INVALID_REPLICATION_FACTOR; a partition with no replica here is NOT_LEADER_OR_FOLLOWER', async () => {
    const c = await start();
    const k = await client(c, 2);
    const r = await createTopic(k, 'too-many', 1, 4);
    expect(r.errorCode).toBe(KafkaError.INVALID_REPLICATION_FACTOR.code);
    expect(r.errorMessage).toMatch(/only 3 broker/);
    expect(await createTopic(k, 'single', 3, 1)).toMatchObject({ errorCode: 0 });
    const md = await metadata(k, ['single']);
    const away = md.topics[0].partitions.find((p) => !p.replicaNodes.includes(2))!;
    const pr = await produce(k, 'single', away.partitionIndex);
    expect(pr.responses[0].partitionResponses[0].errorCode).toBe(KafkaError.NOT_LEADER_OR_FOLLOWER.code);
  });

  it('a killed broker is fenced within the session timeout, its leaderships move to ISR members; a restart unfences it', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    await createTopic(k1, 'ha', 6, 3);
    const before = (await metadata(k1, ['ha'])).topics[0].partitions;
    const led = before.filter((p) => p.leaderId === 3);
    expect(led.length).toBe(2);
    await c.killBroker(3);
    expect(c.status().brokers[2]).toMatchObject({ state: 'killed', fenced: false }); // the controller has not noticed yet
    const md = await until('broker 3 fenced', () => metadata(k1, ['ha']), (m) => m.brokers.length === 2);
    expect(md.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
    expect(c.status().brokers[2].fenced).toBe(true);
    for (const p of md.topics[0].partitions) {
      expect(p.leaderId).not.toBe(3);
      expect(p.isrNodes).not.toContain(3);
      expect(p.offlineReplicas).toEqual([3]);
      const was = before.find((b) => b.partitionIndex === p.partitionIndex)!;
      if (was.leaderId === 3) {
        expect(was.isrNodes).toContain(p.leaderId);
        expect(p.leaderEpoch).toBe(was.leaderEpoch! + 1);
      }
    }
    await c.startBroker(3);
    expect(c.broker(3)!.port).toBe(c.status().brokers[2].port);
    const back = await until('broker 3 back', () => metadata(k1, ['ha']), (m) => m.brokers.length === 3);
    expect(back.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
    expect(c.status().brokers[2]).toMatchObject({ state: 'running', fenced: false });
  });

  it('stopping a broker is a controlled shutdown: fenced and leaderships moved at once; the controller role moves', async () => {
    const c = await start();
    const k2 = await client(c, 2);
    await createTopic(k2, 'cs', 3, 3);
    await c.stopBroker(1);
    const md = await metadata(k2, ['cs']);
    expect(md.controllerId).toBe(2);
    expect(md.brokers.map((b) => b.nodeId)).toEqual([2, 3]);
    for (const p of md.topics[0].partitions) expect([2, 3]).toContain(p.leaderId);
    expect(c.status()).toMatchObject({ controllerId: 2 });
    expect(c.status().brokers[0]).toMatchObject({ state: 'stopped', fenced: true, controller: false });
    await c.stopBroker(2);
    const k3 = await client(c, 3);
    expect((await metadata(k3, ['cs'])).controllerId).toBe(3);
    await c.startBroker(1);
    expect((await metadata(k3, ['cs'])).controllerId).toBe(1); // the lowest live id holds the role
    await c.restartBroker(3);
    expect(c.status().brokers.map((b) => b.state)).toEqual(['running', 'stopped', 'running']);
  });

  it('a paused broker stops heartbeating and is fenced; on resume it is unfenced', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    c.pauseBroker(2);
    await until('broker 2 fenced', () => c.status().brokers[1].fenced, (f) => f);
    expect((await metadata(k1)).brokers.map((b) => b.nodeId)).toEqual([1, 3]);
    c.resumeBroker(2);
    await until('broker 2 unfenced', () => c.status().brokers[1].fenced, (f) => !f);
  });

  it('a whole-cluster restart on the same data dir brings back topics, placement, leaders and data', async () => {
    const dataDir = fresh();
    let c = await start(dataDir);
    let k = await client(c, 1);
    await createTopic(k, 'durable', 3, 2);
    const md1 = (await metadata(k, ['durable'])).topics[0];
    for (const p of md1.partitions) {
      const pr = await produce(await client(c, p.leaderId), 'durable', p.partitionIndex, 7);
      expect(pr.responses[0].partitionResponses[0].errorCode).toBe(0);
    }
    const clusterId = c.status().clusterId;
    await c.stop();
    clusters.splice(clusters.indexOf(c), 1);
    c = await start(dataDir);
    expect(c.status().clusterId).toBe(clusterId);
    k = await client(c, 1);
    const md2 = (await metadata(k, ['durable'])).topics[0];
    expect(md2.topicId).toBe(md1.topicId);
    expect(md2.partitions.map((p) => p.replicaNodes)).toEqual(md1.partitions.map((p) => p.replicaNodes));
    for (const p of md2.partitions) {
      expect(p.errorCode).toBe(0);
      const f = await fetchFrom(await client(c, p.leaderId), 'durable', p.partitionIndex);
      expect(f.responses[0].partitions[0].highWatermark).toBe(7n);
    }
  });

  it('FindCoordinator names the leader of the group\'s __consumer_offsets partition, and moves when that broker dies', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    const find = async (k: KafkaTestClient) => k.send(findCoordinatorApi, 3, { key: 'g1', keyType: 0 });
    const first = await find(k1);
    expect(first.errorCode).toBe(0);
    const offsets = (await metadata(k1, ['__consumer_offsets'])).topics[0];
    expect(offsets.isInternal).toBe(true);
    expect(offsets.partitions).toHaveLength(6);
    for (const p of offsets.partitions) expect(p.replicaNodes).toHaveLength(3); // min(offsets.topic.replication.factor 3, 3 live)
    // Every broker agrees.
    for (const id of [2, 3]) expect((await find(await client(c, id))).nodeId).toBe(first.nodeId);
    const victim = first.nodeId!;
    const survivor = [1, 2, 3].find((n) => n !== victim)!;
    await c.killBroker(victim);
    const ks = await client(c, survivor);
    const moved = await until('coordinator moved', () => find(ks), (r) => r.errorCode === 0 && r.nodeId !== victim);
    expect(moved.port).toBe(c.broker(moved.nodeId!)!.port);
  });
});
