// Real clients against a 3-broker local cluster (in-process LocalCluster, ephemeral ports): kcat 1.7
// (librdkafka) lists 3 brokers and the controller; kafkajs describes the cluster, creates an RF3 topic
// through the controller, sees its replicas spread, and runs a consumer group whose coordinator is the
// leader of the group's __consumer_offsets partition (other brokers answer NOT_COORDINATOR).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { LocalCluster } from '../../src-main/cluster/index.js';
import { tempDir } from '../../src-main/broker/test-support/test-broker.js';
import { checkKcat, kcatOk } from './kcat/kcat.js';

describe('real clients see a 3-broker local cluster', () => {
  let cluster: LocalCluster;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('tidepool-cluster-clients-');
    cluster = await LocalCluster.start({
      dataDir: dir, brokers: 3, port: 0, logger: { info: () => {}, warn: () => {} },
      config: new Map([['offsets.topic.num.partitions', '10'], ['group.initial.rebalance.delay.ms', '0']]),
    });
  });
  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('kcat -L lists the 3 brokers at their advertised addresses, and the controller', async () => {
    checkKcat();
    const md = JSON.parse((await kcatOk(['-L', '-J', '-b', cluster.bootstrap])).stdout) as {
      controllerid: number; brokers: { id: number; name: string }[];
    };
    expect(md.brokers.map((b) => b.id).sort()).toEqual([1, 2, 3]);
    for (const b of md.brokers) expect(b.name).toBe(cluster.broker(b.id)!.bootstrap);
    expect(md.controllerid).toBe(1);
  });

  it('kafkajs: describeCluster, an RF3 topic placed over all brokers, and a consumer group served by its coordinator', async () => {
    const kafka = new Kafka({ clientId: 'cluster-test', brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const dc = await admin.describeCluster();
      expect(dc.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
      expect(dc.controller).toBe(1);
      expect(await admin.createTopics({ topics: [{ topic: 'rf3', numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true })).toBe(true);
      const md = await admin.fetchTopicMetadata({ topics: ['rf3'] });
      const parts = md.topics[0].partitions;
      expect(parts.map((p) => p.leader).sort()).toEqual([1, 2, 3]);
      for (const p of parts) expect([...p.replicas].sort()).toEqual([1, 2, 3]);
    } finally {
      await admin.disconnect();
    }

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'rf3', acks: 1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: 'cluster-group', sessionTimeout: 10_000, heartbeatInterval: 500 });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'rf3', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => { seen.push(String(message.value)); } });
      const end = Date.now() + 30_000;
      while (seen.length < 30 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `v${i}`).sort());
    } finally {
      await consumer.disconnect();
    }
    const admin2 = kafka.admin();
    await admin2.connect();
    try {
      const offsets = await admin2.fetchOffsets({ groupId: 'cluster-group', topics: ['rf3'] });
      const committed = offsets[0].partitions.reduce((n, p) => n + Number(p.offset), 0);
      expect(committed).toBe(30);
    } finally {
      await admin2.disconnect();
    }
  }, 60_000);
});
