// CreateTopics (19), DeleteTopics (20) and CreatePartitions (37) over TCP, including validateOnly.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError, ZERO_UUID } from '../../protocol/index.js';
import createTopicsApi from '../../protocol/schema/19-create-topics.js';
import deleteTopicsApi from '../../protocol/schema/20-delete-topics.js';
import createPartitionsApi from '../../protocol/schema/37-create-partitions.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

type Creatable = { name: string; numPartitions?: number; replicationFactor?: number; assignments?: { partitionIndex: number; brokerIds: number[] }[]; configs?: { name: string; value: string | null }[] };

describe('topic administration over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  const create = async (v: number, topics: Creatable[], validateOnly = false) => (await c.send(createTopicsApi, v, {
    topics: topics.map((t) => ({ numPartitions: -1, replicationFactor: -1, assignments: [], configs: [], ...t })),
    timeoutMs: 1000, validateOnly,
  })).topics;
  beforeAll(async () => {
    tb = await startTestBroker({ numPartitions: 3 });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([0, 1, 4, 5, 7])('CreateTopics v%i creates with explicit or default counts', async (v) => {
    const [r] = await create(v, [{ name: `ct-${v}`, numPartitions: v === 0 ? 2 : -1, replicationFactor: v === 0 ? 1 : -1 }]);
    expect(r.errorCode).toBe(0);
    expect(tb.broker.topics.get(`ct-${v}`)!.partitions).toHaveLength(v === 0 ? 2 : 3);
    if (v >= 5) {
      expect(r).toMatchObject({ numPartitions: 3, replicationFactor: 1 });
      expect(r.configs!.find((x) => x.name === 'max.message.bytes')).toMatchObject({ value: '1048588', configSource: 5 });
    }
    if (v >= 7) expect(r.topicId).toBe(tb.broker.topics.get(`ct-${v}`)!.record.id);
  });

  it('validateOnly checks but creates nothing', async () => {
    const [r] = await create(5, [{ name: 'dry', numPartitions: 4 }], true);
    expect(r).toMatchObject({ errorCode: 0, numPartitions: 4 });
    expect(tb.broker.topics.get('dry')).toBeUndefined();
    const [bad] = await create(5, [{ name: 'dry', numPartitions: 0 }], true);
    expect(bad.errorCode).toBe(KafkaError.INVALID_PARTITIONS.code);
  });

  it('keeps topic configs and reports them with their source', async () => {
    const [r] = await create(5, [{ name: 'cfg', configs: [{ name: 'cleanup.policy', value: 'compact' }] }]);
    expect(r.configs!.find((x) => x.name === 'cleanup.policy')).toMatchObject({ value: 'compact', configSource: 1 });
    expect(tb.broker.topics.get('cfg')!.record.configs).toEqual({ 'cleanup.policy': 'compact' });
  });

  it('errors: exists, bad name, bad counts, too many replicas, bad config, duplicates, bad assignment', async () => {
    await create(4, [{ name: 'dup-me' }]);
    const rs = await create(4, [
      { name: 'dup-me' },
      { name: 'bad/name' },
      { name: 'zero', numPartitions: 0 },
      { name: 'rf3', replicationFactor: 3 },
      { name: 'badcfg', configs: [{ name: 'no.such.config', value: '1' }] },
      { name: 'badval', configs: [{ name: 'retention.ms', value: 'soon' }] },
      { name: 'twice' }, { name: 'twice' },
      { name: 'assign-bad', assignments: [{ partitionIndex: 0, brokerIds: [42] }] },
      { name: 'assign-and-count', numPartitions: 2, assignments: [{ partitionIndex: 0, brokerIds: [1] }] },
      { name: 'assign-ok', assignments: [{ partitionIndex: 0, brokerIds: [1] }, { partitionIndex: 1, brokerIds: [1] }] },
      { name: 'dup.me' }, // '-' is not folded, so no collision with dup-me
    ]);
    expect(rs.map((r) => [r.name, r.errorCode])).toEqual([
      ['dup-me', KafkaError.TOPIC_ALREADY_EXISTS.code],
      ['bad/name', KafkaError.INVALID_TOPIC_EXCEPTION.code],
      ['zero', KafkaError.INVALID_PARTITIONS.code],
      ['rf3', KafkaError.INVALID_REPLICATION_FACTOR.code],
      ['badcfg', KafkaError.INVALID_CONFIG.code],
      ['badval', KafkaError.INVALID_CONFIG.code],
      ['twice', KafkaError.INVALID_REQUEST.code], ['twice', KafkaError.INVALID_REQUEST.code],
      ['assign-bad', KafkaError.INVALID_REPLICA_ASSIGNMENT.code],
      ['assign-and-count', KafkaError.INVALID_REQUEST.code],
      ['assign-ok', 0],
      ['dup.me', 0],
    ]);
    const [collide] = await create(4, [{ name: 'dup_me' }]);
    expect(collide.errorCode).toBe(KafkaError.INVALID_TOPIC_EXCEPTION.code);
    expect(collide.errorMessage).toMatch(/collides with existing topic: dup.me/);
    expect(rs[0].errorMessage).toMatch(/already exists/);
    expect(tb.broker.topics.get('assign-ok')!.partitions).toHaveLength(2);
  });

  it('DeleteTopics by name (v0-5) and by id (v6) removes the topic and its data', async () => {
    await create(4, [{ name: 'del-a' }, { name: 'del-b' }]);
    const dir = join(tb.dir, 'del-a-0');
    expect(existsSync(dir)).toBe(true);
    const r1 = await c.send(deleteTopicsApi, 4, { topicNames: ['del-a', 'never-was'], timeoutMs: 1000 });
    expect(r1.responses.map((r) => [r.name, r.errorCode])).toEqual([['del-a', 0], ['never-was', KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code]]);
    expect(existsSync(dir)).toBe(false);
    expect(tb.broker.topics.get('del-a')).toBeUndefined();
    const id = tb.broker.topics.get('del-b')!.record.id;
    const r2 = await c.send(deleteTopicsApi, 6, { topics: [{ name: null, topicId: id }, { name: null, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' }, { name: 'x', topicId: id }], timeoutMs: 1000 });
    expect(r2.responses.map((r) => r.errorCode)).toEqual([0, KafkaError.UNKNOWN_TOPIC_ID.code, KafkaError.INVALID_REQUEST.code]);
    expect(r2.responses[0].name).toBe('del-b');
    expect(tb.broker.topics.get('del-b')).toBeUndefined();
    // The name is free again.
    expect((await create(4, [{ name: 'del-a' }]))[0].errorCode).toBe(0);
    expect(r2.responses[1].topicId).not.toBe(ZERO_UUID);
  });

  it('DeleteTopics answers TOPIC_DELETION_DISABLED when delete.topic.enable=false', async () => {
    const locked = await startTestBroker({ deleteTopicEnable: false });
    try {
      locked.broker.topics.create('keep');
      const lc = await KafkaTestClient.connect(locked.broker.port);
      const r = await lc.send(deleteTopicsApi, 5, { topicNames: ['keep'], timeoutMs: 1000 });
      expect(r.responses[0].errorCode).toBe(KafkaError.TOPIC_DELETION_DISABLED.code);
      lc.close();
    } finally {
      await locked.cleanup();
    }
  });

  it.each([0, 3])('CreatePartitions v%i grows a topic; validateOnly changes nothing', async (v) => {
    const name = `grow-${v}`;
    await create(4, [{ name, numPartitions: 1 }]);
    const dry = await c.send(createPartitionsApi, v, { topics: [{ name, count: 4, assignments: null }], timeoutMs: 1000, validateOnly: true });
    expect(dry.results[0].errorCode).toBe(0);
    expect(tb.broker.topics.get(name)!.partitions).toHaveLength(1);
    const r = await c.send(createPartitionsApi, v, { topics: [{ name, count: 4, assignments: null }], timeoutMs: 1000, validateOnly: false });
    expect(r.results[0].errorCode).toBe(0);
    expect(tb.broker.topics.get(name)!.partitions).toHaveLength(4);
    expect(tb.broker.topics.get(name)!.record.partitions).toBe(4);
  });

  it('CreatePartitions errors: shrink, same count, unknown topic, duplicates, bad assignments', async () => {
    await create(4, [{ name: 'cp', numPartitions: 2 }]);
    const r = await c.send(createPartitionsApi, 1, {
      topics: [
        { name: 'cp', count: 1, assignments: null },
        { name: 'missing', count: 3, assignments: null },
        { name: 'twice', count: 3, assignments: null }, { name: 'twice', count: 3, assignments: null },
      ], timeoutMs: 1000, validateOnly: false,
    });
    expect(r.results.map((x) => x.errorCode)).toEqual([
      KafkaError.INVALID_PARTITIONS.code, KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, KafkaError.INVALID_REQUEST.code, KafkaError.INVALID_REQUEST.code,
    ]);
    const same = await c.send(createPartitionsApi, 1, { topics: [{ name: 'cp', count: 2, assignments: null }], timeoutMs: 1000, validateOnly: false });
    expect(same.results[0].errorCode).toBe(KafkaError.INVALID_PARTITIONS.code);
    const wrongCount = await c.send(createPartitionsApi, 1, { topics: [{ name: 'cp', count: 4, assignments: [{ brokerIds: [1] }] }], timeoutMs: 1000, validateOnly: false });
    expect(wrongCount.results[0].errorCode).toBe(KafkaError.INVALID_REPLICA_ASSIGNMENT.code);
    const deadBroker = await c.send(createPartitionsApi, 1, { topics: [{ name: 'cp', count: 3, assignments: [{ brokerIds: [9] }] }], timeoutMs: 1000, validateOnly: false });
    expect(deadBroker.results[0].errorCode).toBe(KafkaError.INVALID_REPLICA_ASSIGNMENT.code);
    expect(tb.broker.topics.get('cp')!.partitions).toHaveLength(2);
  });
});
