/**
 * Test support for multi-broker tests: start clusters in temp dirs with fast heartbeats and sessions, talk to
 * one broker over TCP, and poll for a condition with a generous timeout (never assert on elapsed time).
 */
import { Buffer } from 'node:buffer';
import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import metadataApi from '../protocol/schema/03-metadata.js';
import produceApi from '../protocol/schema/00-produce.js';
import fetchApi from '../protocol/schema/01-fetch.js';
import createTopicsApi from '../protocol/schema/19-create-topics.js';
import { ZERO_UUID } from '../protocol/index.js';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import { tempDir } from '../broker/test-support/test-broker.js';
import { makeBatch } from '../storage/test-batches.js';
import { LocalCluster } from './index.js';

export const quiet = { info: () => {}, warn: () => {} };
const dirs: string[] = [];
export const clusters: LocalCluster[] = [];
const clients: KafkaTestClient[] = [];
export const fresh = () => { const d = tempDir('tidepool-cluster3-'); dirs.push(d); return d; };
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const c of clusters.splice(0)) await c.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Small session settings so fencing happens within a test; everything else is Kafka's default. */
export const FAST = new Map([['broker.heartbeat.interval.ms', '50'], ['broker.session.timeout.ms', '400'], ['offsets.topic.num.partitions', '6']]);

export async function start(dataDir = fresh(), brokers = 3): Promise<LocalCluster> {
  const c = await LocalCluster.start({ dataDir, brokers, port: 0, logger: quiet, config: FAST });
  clusters.push(c);
  return c;
}

export async function client(c: LocalCluster, nodeId: number): Promise<KafkaTestClient> {
  const k = await KafkaTestClient.connect(c.broker(nodeId)!.port);
  clients.push(k);
  return k;
}

export const metadata = (k: KafkaTestClient, topics: string[] | null = null) =>
  k.send(metadataApi, 12, { topics: topics?.map((name) => ({ name, topicId: ZERO_UUID })) ?? null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });

export async function createTopic(k: KafkaTestClient, name: string, numPartitions: number, replicationFactor: number) {
  const r = await k.send(createTopicsApi, 7, {
    topics: [{ name, numPartitions, replicationFactor, assignments: [], configs: [] }], timeoutMs: 1000, validateOnly: false,
  });
  return r.topics[0];
}

export async function until<T>(what: string, fn: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function produce(k: KafkaTestClient, topic: string, index: number, records = 5) {
  return k.send(produceApi, 9, {
    transactionalId: null, acks: 1, timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index, records: Buffer.from(makeBatch({ records, seed: index + 1 })) }] }],
  });
}

export function fetchFrom(k: KafkaTestClient, topic: string, partition: number) {
  return k.send(fetchApi, 11, {
    maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
    topics: [{ topic, partitions: [{ partition, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, logStartOffset: -1n }] }],
  });
}

