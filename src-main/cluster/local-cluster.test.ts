import { Buffer } from 'node:buffer';
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import metadataApi from '../protocol/schema/03-metadata.js';
import produceApi from '../protocol/schema/00-produce.js';
import fetchApi from '../protocol/schema/01-fetch.js';
import listOffsetsApi from '../protocol/schema/02-list-offsets.js';
import { ConfigError } from '../broker/config/index.js';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import { tempDir } from '../broker/test-support/test-broker.js';
import { makeBatch } from '../storage/test-batches.js';
import { ClusterError, LocalCluster } from './index.js';
import { Broker } from '../broker/index.js';
import { join } from 'node:path';

const quiet = { info: () => {}, warn: () => {} };
const dirs: string[] = [];
const fresh = () => { const d = tempDir('tidepool-cluster-'); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('LocalCluster', () => {
  it('starts one broker on a free port, serves clients, and brings topics and data back after a restart', async () => {
    const dataDir = fresh();
    const c1 = await LocalCluster.start({ dataDir, port: 0, logger: quiet, config: new Map([['num.partitions', '3']]) });
    expect(c1.bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
    let client = await KafkaTestClient.connect(c1.brokers[0].port);
    const md = await client.send(metadataApi, 9, { topics: [{ name: 'kept' }], allowAutoTopicCreation: true, includeTopicAuthorizedOperations: false });
    expect(md.topics[0].partitions).toHaveLength(3); // num.partitions from --config
    const batch = makeBatch({ records: 10, seed: 3 });
    const pr = await client.send(produceApi, 9, { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: 'kept', partitionData: [{ index: 2, records: Buffer.from(batch) }] }] });
    expect(pr.responses[0].partitionResponses[0].errorCode).toBe(0);
    client.close();
    const topicId = c1.brokers[0].topics.get('kept')!.record.id;
    const clusterId = c1.brokers[0].clusterId;
    await c1.stop();

    const c2 = await LocalCluster.start({ dataDir, port: 0, logger: quiet });
    try {
      expect(c2.brokers[0].clusterId).toBe(clusterId);
      expect(c2.brokers[0].topics.get('kept')!.record.id).toBe(topicId);
      client = await KafkaTestClient.connect(c2.brokers[0].port);
      const f = await client.send(fetchApi, 11, {
        maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
        topics: [{ topic: 'kept', partitions: [{ partition: 2, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, logStartOffset: -1n }] }],
      });
      const p = f.responses[0].partitions[0];
      expect(p.highWatermark).toBe(10n);
      expect(Buffer.from(p.records!).subarray(16).equals(batch.subarray(16))).toBe(true);
      client.close();
    } finally {
      await c2.stop();
    }
  });

  it('refuses a broker count outside 1..9, saying why', async () => {
    await expect(LocalCluster.start({ dataDir: fresh(), brokers: 10, port: 0, logger: quiet }))
      .rejects.toThrow(/--brokers must be a whole number from 1 to 9, not 10/);
    await expect(LocalCluster.start({ dataDir: fresh(), brokers: 0, port: 0, logger: quiet }))
      .rejects.toMatchObject({ code: 'TOO_MANY_BROKERS' });
  });

  it('takes up a data dir from before the controller: broker 1\'s topics (ids, configs, records) and cluster id', async () => {
    const dataDir = fresh();
    const old = await Broker.start({ dataDir: join(dataDir, 'broker-1'), port: 0, logger: quiet });
    const t = old.topics.create('legacy', { partitions: 2, configs: { 'retention.ms': '86400000' } });
    t.partitions[1]!.append(Buffer.from(makeBatch({ records: 3, seed: 5 })));
    const { id } = t.record;
    const clusterId = old.clusterId;
    await old.stop();

    const c = await LocalCluster.start({ dataDir, brokers: 2, port: 0, logger: quiet });
    try {
      expect(c.status().clusterId).toBe(clusterId);
      for (const b of c.brokers) {
        expect(b.topics.get('legacy')!.record).toMatchObject({ id, partitions: 2, replicationFactor: 1, configs: { 'retention.ms': '86400000' } });
      }
      expect(c.broker(1)!.topics.partition('legacy', 1)!.log.logEndOffset).toBe(3n);
      expect(c.broker(2)!.topics.partition('legacy', 1)).toBeUndefined();
    } finally {
      await c.stop();
    }
    // Once only: the next start reads the metadata log, and the import is not repeated.
    const again = await LocalCluster.start({ dataDir, port: 0, logger: quiet });
    try {
      expect(again.controller.readAll().filter((r) => r.record.type === 'Topic')).toHaveLength(1);
      expect(again.broker(1)!.topics.get('legacy')!.record.id).toBe(id);
    } finally {
      await again.stop();
    }
  });

  it('an explicit taken port is PORT_IN_USE; with portFallback the next free port is used', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const err = await LocalCluster.start({ dataDir: fresh(), port: taken, logger: quiet }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClusterError);
      expect((err as ClusterError).code).toBe('PORT_IN_USE');
      expect((err as Error).message).toMatch(/already in use/);
      const c = await LocalCluster.start({ dataDir: fresh(), port: taken, portFallback: true, logger: quiet });
      expect(c.brokers[0].port).toBeGreaterThan(taken);
      await c.stop();
    } finally {
      blocker.close();
    }
  });

  it('one process per data dir: a second start is DATA_DIR_IN_USE until the first stops', async () => {
    const dataDir = fresh();
    const c1 = await LocalCluster.start({ dataDir, port: 0, logger: quiet });
    const err = await LocalCluster.start({ dataDir, port: 0, logger: quiet }).catch((e: unknown) => e);
    expect((err as ClusterError).code).toBe('DATA_DIR_IN_USE');
    await c1.stop();
    const c2 = await LocalCluster.start({ dataDir, port: 0, logger: quiet });
    await c2.stop();
  });

  it('rejects unknown or bad Kafka settings with a ConfigError before starting', async () => {
    await expect(LocalCluster.start({ dataDir: fresh(), port: 0, logger: quiet, config: new Map([['num.partitons', '3']]) }))
      .rejects.toBeInstanceOf(ConfigError);
    await expect(LocalCluster.start({ dataDir: fresh(), port: 0, logger: quiet, config: new Map([['num.partitions', 'many']]) }))
      .rejects.toBeInstanceOf(ConfigError);
  });

  it('advertises --advertised-host and honours listeners/advertised.listeners settings', async () => {
    const c = await LocalCluster.start({
      dataDir: fresh(), port: 0, logger: quiet, advertisedHost: 'kafka.local',
      config: new Map([['advertised.listeners', 'PLAINTEXT://ignored:19999']]),
    });
    try {
      expect(c.bootstrap).toBe('kafka.local:19999');
    } finally {
      await c.stop();
    }
  });
});

describe('LocalCluster with a damaged partition', () => {
  it('keeps serving the other partitions; the broken one is unavailable with a storage error', async () => {
    const { mkdirSync, readdirSync, rmSync: rm } = await import('node:fs');
    const { join } = await import('node:path');
    const dataDir = fresh();
    const c1 = await LocalCluster.start({ dataDir, port: 0, logger: quiet });
    c1.brokers[0].topics.create('half', { partitions: 2 });
    await c1.stop();
    const p0 = join(dataDir, 'broker-1', 'half-0');
    const log = readdirSync(p0).find((f) => f.endsWith('.log'))!;
    rm(join(p0, log));
    mkdirSync(join(p0, log)); // a directory where the segment file should be: the log cannot open
    const warnings: string[] = [];
    const c2 = await LocalCluster.start({ dataDir, port: 0, logger: { info: () => {}, warn: (m) => warnings.push(m) } });
    try {
      expect(warnings.some((w) => w.includes('half-0'))).toBe(true);
      const client = await KafkaTestClient.connect(c2.brokers[0].port);
      const md = await client.send(metadataApi, 9, { topics: [{ name: 'half' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      expect(md.topics[0].partitions.map((p) => [p.partitionIndex, p.errorCode, p.leaderId])).toEqual([[0, 5, -1], [1, 0, 1]]);
      const pr = await client.send(produceApi, 9, { transactionalId: null, acks: 1, timeoutMs: 1000, topicData: [{ name: 'half', partitionData: [
        { index: 0, records: makeBatch() }, { index: 1, records: makeBatch() },
      ] }] });
      expect(pr.responses[0].partitionResponses.map((p) => p.errorCode)).toEqual([56, 0]); // KAFKA_STORAGE_ERROR, NONE
      const lo = await client.send(listOffsetsApi, 4, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'half', partitions: [
        { partitionIndex: 0, timestamp: -1n }, { partitionIndex: 1, timestamp: -1n }] }] });
      expect(lo.topics[0].partitions.map((p) => [p.errorCode, p.offset])).toEqual([[56, -1n], [0, 1n]]);
      const f = await client.send(fetchApi, 11, {
        maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
        topics: [{ topic: 'half', partitions: [0, 1].map((partition) => ({ partition, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, logStartOffset: -1n })) }],
      });
      expect(f.responses[0].partitions.map((p) => p.errorCode)).toEqual([56, 0]);
      client.close();
    } finally {
      await c2.stop();
    }
  });
});

describe('data dir lock', () => {
  it('takes over a lock left by a process that is gone (kill -9)', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dataDir = fresh();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, '.lock'), '999999999'); // no such pid
    const c = await LocalCluster.start({ dataDir, port: 0, logger: quiet });
    await c.stop();
  });
});
