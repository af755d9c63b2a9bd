import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import deleteTopicsApi from '../protocol/schema/20-delete-topics.js';
import createPartitionsApi from '../protocol/schema/37-create-partitions.js';
import incrementalApi from '../protocol/schema/44-incremental-alter-configs.js';
import describeConfigsApi from '../protocol/schema/32-describe-configs.js';
import joinGroupApi from '../protocol/schema/11-join-group.js';
import findCoordinatorApi from '../protocol/schema/10-find-coordinator.js';
import { KafkaError } from '../protocol/index.js';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import { CLEAN_SHUTDOWN_FILE } from '../storage/log-files.js';
import { client, createTopic, fetchFrom, metadata, produce, start, until } from './test-cluster.js';

const partitionDirs = (dataDir: string, id: number, topic: string) =>
  existsSync(join(dataDir, `broker-${id}`)) ? readdirSync(join(dataDir, `broker-${id}`)).filter((d) => d.startsWith(`${topic}-`)).sort() : [];

describe('topic administration through the controller', () => {
  it('DeleteTopics on one broker removes the topic and its replica logs on every broker', async () => {
    const c = await start();
    const k2 = await client(c, 2);
    await createTopic(k2, 'doomed', 3, 2);
    const held = [1, 2, 3].map((id) => partitionDirs(c.dataDir, id, 'doomed').length);
    expect(held.reduce((a, b) => a + b)).toBe(6); // 3 partitions x RF 2
    const r = await k2.send(deleteTopicsApi, 4, { topicNames: ['doomed'], topics: [], timeoutMs: 1000 });
    expect(r.responses[0].errorCode).toBe(0);
    for (const id of [1, 2, 3]) {
      expect(c.broker(id)!.topics.get('doomed')).toBeUndefined();
      expect(partitionDirs(c.dataDir, id, 'doomed')).toEqual([]);
    }
    expect((await metadata(await client(c, 3), ['doomed'])).topics[0].errorCode).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
  });

  it('CreatePartitions places new partitions as asked; every broker sees the new count', async () => {
    const c = await start();
    const k3 = await client(c, 3);
    await createTopic(k3, 'grow', 1, 1);
    const r = await k3.send(createPartitionsApi, 3, {
      topics: [{ name: 'grow', count: 3, assignments: [{ brokerIds: [2] }, { brokerIds: [1] }] }], timeoutMs: 1000, validateOnly: false,
    });
    expect(r.results[0]).toMatchObject({ errorCode: 0 });
    const md = await metadata(await client(c, 1), ['grow']);
    expect(md.topics[0].partitions.slice(1).map((p) => p.replicaNodes)).toEqual([[2], [1]]);
    for (const id of [1, 2, 3]) expect(c.broker(id)!.topics.get('grow')!.record.partitions).toBe(3);
    expect(c.broker(2)!.topics.partition('grow', 1)).toBeDefined();
    expect(c.broker(1)!.topics.partition('grow', 1)).toBeUndefined();
  });

  it('a topic config altered through one broker is what every broker describes', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    await createTopic(k1, 'cfg', 1, 3);
    const alter = await k1.send(incrementalApi, 1, {
      resources: [{ resourceType: 2, resourceName: 'cfg', configs: [{ name: 'retention.ms', configOperation: 0, value: '12345' }] }], validateOnly: false,
    });
    expect(alter.responses[0].errorCode).toBe(0);
    for (const id of [2, 3]) {
      const k = await client(c, id);
      const d = await k.send(describeConfigsApi, 4, {
        resources: [{ resourceType: 2, resourceName: 'cfg', configurationKeys: ['retention.ms'] }], includeSynonyms: false, includeDocumentation: false,
      });
      expect(d.results[0].configs[0]).toMatchObject({ name: 'retention.ms', value: '12345' });
    }
    expect(c.controller.image.configs.get('2:cfg')?.get('retention.ms')).toBe('12345');
  });

  it('a broker cut off from the cluster cannot change topics (REQUEST_TIMED_OUT) and lags; healed, it catches up', async () => {
    const c = await start();
    const k3 = await client(c, 3);
    c.isolateBroker(3, 'brokers');
    const refused = await createTopic(k3, 'from-3', 1, 1);
    expect(refused.errorCode).toBe(KafkaError.REQUEST_TIMED_OUT.code);
    expect(refused.errorMessage).toMatch(/cannot reach the controller/);
    await createTopic(await client(c, 1), 'while-away', 1, 3);
    expect(c.broker(3)!.topics.get('while-away')).toBeUndefined();
    c.healBroker(3);
    expect(c.broker(3)!.topics.get('while-away')).toBeDefined();
    expect(c.status().brokers[2].isolation).toBe('none');
  });

  it('group requests to a broker that does not lead the group\'s offsets partition answer NOT_COORDINATOR', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    const found = await k1.send(findCoordinatorApi, 3, { key: 'grp', keyType: 0 });
    const other = [1, 2, 3].find((n) => n !== found.nodeId)!;
    const join = (k: KafkaTestClient) => k.send(joinGroupApi, 5, {
      groupId: 'grp', sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId: '', groupInstanceId: null,
      protocolType: 'consumer', protocols: [{ name: 'range', metadata: new Uint8Array(0) }], reason: null,
    });
    expect((await join(await client(c, other))).errorCode).toBe(KafkaError.NOT_COORDINATOR.code);
    expect((await join(await client(c, found.nodeId!))).errorCode).toBe(KafkaError.MEMBER_ID_REQUIRED.code);
  });
});

describe('broker life-cycle storage', () => {
  it('kill leaves no clean-shutdown marker and the restart recovers the data; stop writes the markers', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    await createTopic(k1, 'crash', 3, 1);
    const md = await metadata(k1, ['crash']);
    const p3 = md.topics[0].partitions.find((p) => p.leaderId === 3)!;
    const k3 = await client(c, 3);
    expect((await produce(k3, 'crash', p3.partitionIndex, 9)).responses[0].partitionResponses[0].errorCode).toBe(0);
    k3.close();
    await c.killBroker(3);
    const dir3 = join(c.dataDir, 'broker-3', `crash-${p3.partitionIndex}`);
    expect(existsSync(join(dir3, CLEAN_SHUTDOWN_FILE))).toBe(false);
    await c.startBroker(3);
    await until('broker 3 unfenced', () => c.status().brokers[2].fenced, (f) => !f);
    // The records survived the crash (recovered from the segment); the HW after recovery is replication's to move.
    expect(c.broker(3)!.topics.partition('crash', p3.partitionIndex)!.log.logEndOffset).toBe(9n);
    const f = await fetchFrom(await client(c, 3), 'crash', p3.partitionIndex);
    expect(f.responses[0].partitions[0].errorCode).toBe(0);
    await c.stopBroker(3);
    expect(existsSync(join(dir3, CLEAN_SHUTDOWN_FILE))).toBe(true);
    await expect(c.startBroker(42)).rejects.toMatchObject({ code: 'NO_SUCH_BROKER' });
  });

  it('a broker whose registration fails does not keep running', async () => {
    const c = await start();
    const port = c.broker(2)!.port;
    await c.stopBroker(2);
    c.controller.close(); // the metadata log refuses every append from now on
    await expect(c.startBroker(2)).rejects.toThrow(/closed/);
    expect(c.status().brokers[1].state).toBe('stopped');
    expect(c.broker(2)).toBeNull();
    await expect(KafkaTestClient.connect(port)).rejects.toThrow(/ECONNREFUSED/); // its listener was closed again
  });

  it('a topic deleted while a broker is down has its logs removed when that broker comes back', async () => {
    const c = await start();
    const k1 = await client(c, 1);
    await createTopic(k1, 'gone-while-down', 3, 3);
    expect(partitionDirs(c.dataDir, 3, 'gone-while-down')).toHaveLength(3);
    await c.stopBroker(3);
    const del = await k1.send(deleteTopicsApi, 4, { topicNames: ['gone-while-down'], topics: [], timeoutMs: 1000 });
    expect(del.responses[0].errorCode).toBe(0);
    expect(partitionDirs(c.dataDir, 3, 'gone-while-down')).toHaveLength(3); // broker 3 was not there to hear it
    await c.startBroker(3);
    expect(partitionDirs(c.dataDir, 3, 'gone-while-down')).toEqual([]);
  });
});
