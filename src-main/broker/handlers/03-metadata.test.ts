import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError, ZERO_UUID } from '../../protocol/index.js';
import metadataApi from '../../protocol/schema/03-metadata.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

describe('03-metadata over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker({ advertisedHost: 'kafka.example', advertisedPort: 19092, numPartitions: 2 });
    tb.broker.topics.create('existing', { partitions: 3 });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([0, 1, 4, 7, 9, 10, 12])('v%i returns the advertised address and the topic', async (v) => {
    const res = await c.send(metadataApi, v, v >= 4 ? { topics: [{ name: 'existing' }], allowAutoTopicCreation: false } : { topics: [{ name: 'existing' }] });
    expect(res.brokers).toEqual([expect.objectContaining({ nodeId: 1, host: 'kafka.example', port: 19092 })]);
    const t = res.topics[0];
    expect(t.errorCode).toBe(0);
    expect(t.name).toBe('existing');
    expect(t.partitions.map((p) => p.partitionIndex)).toEqual([0, 1, 2]);
    expect(t.partitions[0]).toMatchObject({ leaderId: 1, replicaNodes: [1], isrNodes: [1] });
    if (v >= 2) expect(res.clusterId).toBe(tb.broker.clusterId);
    if (v >= 10) expect(t.topicId).not.toBe(ZERO_UUID);
  });

  it('v0 with an empty list means all topics; v1+ empty means none, null means all', async () => {
    expect((await c.send(metadataApi, 0, { topics: [] })).topics.map((t) => t.name)).toContain('existing');
    expect((await c.send(metadataApi, 1, { topics: [] })).topics).toEqual([]);
    expect((await c.send(metadataApi, 1, { topics: null })).topics.map((t) => t.name)).toContain('existing');
  });

  it('auto-creates a requested topic with num.partitions', async () => {
    const res = await c.send(metadataApi, 4, { topics: [{ name: 'auto-1' }], allowAutoTopicCreation: true });
    expect(res.topics[0]).toMatchObject({ errorCode: 0, name: 'auto-1' });
    expect(res.topics[0].partitions).toHaveLength(2);
    expect(tb.broker.topics.get('auto-1')).toBeDefined();
  });

  it('does not auto-create when the v4+ request forbids it', async () => {
    const res = await c.send(metadataApi, 4, { topics: [{ name: 'nope' }], allowAutoTopicCreation: false });
    expect(res.topics[0].errorCode).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
    expect(tb.broker.topics.get('nope')).toBeUndefined();
  });

  it('answers an illegal topic name with INVALID_TOPIC_EXCEPTION', async () => {
    const res = await c.send(metadataApi, 1, { topics: [{ name: 'bad name!' }] });
    expect(res.topics[0].errorCode).toBe(KafkaError.INVALID_TOPIC_EXCEPTION.code);
  });

  it('v12 looks topics up by id; an unknown id gets UNKNOWN_TOPIC_ID', async () => {
    const id = tb.broker.topics.get('existing')!.record.id;
    const res = await c.send(metadataApi, 12, { topics: [{ name: null, topicId: id }, { name: null, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' }] });
    expect(res.topics[0]).toMatchObject({ errorCode: 0, name: 'existing', topicId: id });
    expect(res.topics[1]).toMatchObject({ errorCode: KafkaError.UNKNOWN_TOPIC_ID.code, name: null });
  });

  it('reports authorized operations only when asked (v8+)', async () => {
    const asked = await c.send(metadataApi, 8, { topics: [{ name: 'existing' }], includeTopicAuthorizedOperations: true, includeClusterAuthorizedOperations: true });
    expect(asked.topics[0].topicAuthorizedOperations).toBeGreaterThan(0);
    expect(asked.clusterAuthorizedOperations).toBeGreaterThan(0);
    const notAsked = await c.send(metadataApi, 8, { topics: [{ name: 'existing' }] });
    expect(notAsked.topics[0].topicAuthorizedOperations).toBe(-2147483648);
  });
});
