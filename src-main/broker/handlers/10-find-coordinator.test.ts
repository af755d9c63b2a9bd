import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import findCoordinatorApi from '../../protocol/schema/10-find-coordinator.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

describe('10-find-coordinator over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker({ raw: { 'offsets.topic.num.partitions': '3' } });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it('v0-3 answer this node for a group, and the first lookup creates __consumer_offsets', async () => {
    expect(tb.broker.topics.get('__consumer_offsets')).toBeUndefined();
    const { host, port } = tb.broker.advertised;
    for (const v of [0, 1, 2, 3]) {
      const r = await c.send(findCoordinatorApi, v, { key: 'grp', keyType: 0 });
      expect(r).toMatchObject({ errorCode: 0, nodeId: tb.broker.nodeId, host, port });
      if (v >= 1) expect(r.errorMessage).toBeNull();
    }
    expect(tb.broker.topics.get('__consumer_offsets')?.partitions).toHaveLength(3);
  });

  it('v4+ answer a batch of keys, each with its own answer', async () => {
    const { host, port } = tb.broker.advertised;
    for (const v of [4, 5, 6]) {
      const r = await c.send(findCoordinatorApi, v, { keyType: 0, coordinatorKeys: ['a', 'b', 'c'] });
      expect(r.coordinators).toEqual(['a', 'b', 'c'].map((key) => ({ key, nodeId: tb.broker.nodeId, host, port, errorCode: 0, errorMessage: null })));
    }
  });

  it('answers this node for transactional ids, COORDINATOR_NOT_AVAILABLE for other key types', async () => {
    expect(await c.send(findCoordinatorApi, 1, { key: 'txn', keyType: 1 })).toMatchObject({ errorCode: 0, nodeId: tb.broker.nodeId });
    const share = await c.send(findCoordinatorApi, 3, { key: 'sg', keyType: 2 });
    expect(share).toMatchObject({ errorCode: KafkaError.COORDINATOR_NOT_AVAILABLE.code, nodeId: -1, host: '', port: -1 });
    expect(share.errorMessage).toMatch(/key type 2/);
    const batch = await c.send(findCoordinatorApi, 6, { keyType: 7, coordinatorKeys: ['x'] });
    expect(batch.coordinators![0]).toMatchObject({ key: 'x', errorCode: KafkaError.COORDINATOR_NOT_AVAILABLE.code, nodeId: -1 });
  });
});
