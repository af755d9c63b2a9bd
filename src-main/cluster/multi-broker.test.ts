import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import produceApi from '../protocol/schema/00-produce.js';
import { makeBatch } from '../storage/test-batches.js';
import findCoordinatorApi from '../protocol/schema/10-find-coordinator.js';
import describeClusterApi from '../protocol/schema/60-describe-cluster.js';
import { KafkaError } from '../protocol/index.js';
import type { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import { client, clusters, createTopic, fetchFrom, fresh, metadata, produce, start, until } from './test-cluster.js';

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
      // The HW moves once both followers have fetched the records (replication over the real Fetch protocol).
      await until('HW 5 on the leader', () => fetchFrom(leader, 'spread', p.partitionIndex), (f) => f.responses[0].partitions[0].highWatermark === 5n);
      for (const n of p.replicaNodes) expect(c.broker(n)!.topics.partition('spread', p.partitionIndex)!.log.logEndOffset).toBe(5n);
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
      const k = await client(c, p.leaderId);
      await until('HW 7 after the restart', () => fetchFrom(k, 'durable', p.partitionIndex), (f) => f.responses[0].partitions[0].highWatermark === 7n);
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

describe('replication in the local cluster', () => {
  it('acks=all on RF3: followers catch up, the readout shows the ISR; a killed leader\'s records are on the new leader', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    await createTopic(k1, 'repl', 1, 3);
    const p = (await metadata(k1, ['repl'])).topics[0].partitions[0];
    const leader = await client(c, p.leaderId);
    const r = await leader.send(produceApi, 9, {
      transactionalId: null, acks: -1, timeoutMs: 5000,
      topicData: [{ name: 'repl', partitionData: [{ index: 0, records: Buffer.from(makeBatch({ records: 4, seed: 9 })) }] }],
    });
    expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
    const [readout] = c.replication('repl');
    expect(readout).toMatchObject({ topic: 'repl', partition: 0, leader: p.leaderId, highWatermark: 4n });
    expect(readout.replicas.map((x) => x.nodeId).sort()).toEqual([1, 2, 3]);
    expect(readout.replicas.every((x) => x.inIsr)).toBe(true);
    await c.killBroker(p.leaderId);
    const survivor = [1, 2, 3].find((n) => n !== p.leaderId)!;
    const ks = await client(c, survivor);
    const moved = await until('a new leader', () => metadata(ks, ['repl']), (m) => ![-1, p.leaderId].includes(m.topics[0].partitions[0].leaderId));
    const next = moved.topics[0].partitions[0].leaderId;
    expect(c.broker(next)!.topics.partition('repl', 0)!.log.logEndOffset).toBe(4n);
  });
});
