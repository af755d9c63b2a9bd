import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import initProducerIdApi from '../../protocol/schema/22-init-producer-id.js';
import { PRODUCER_ID_FILE } from '../producer-state/index.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, tempDir, type TestBroker } from '../test-support/test-broker.js';

const req = { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1n, producerEpoch: -1 };

describe('22-init-producer-id over TCP', () => {
  const dir = tempDir();
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker({ dataDir: dir });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it('gives every idempotent producer a fresh id with epoch 0, at every version', async () => {
    const ids: bigint[] = [];
    for (const v of [0, 1, 2, 3, 4, 5]) {
      const res = await c.send(initProducerIdApi, v, req);
      expect(res).toMatchObject({ errorCode: 0, producerEpoch: 0 });
      ids.push(res.producerId);
    }
    expect(new Set(ids).size).toBe(6);
    expect(ids.every((id) => id >= 0n)).toBe(true);
  });

  it('ignores the current id and epoch of an idempotent producer (v3+): a new id, epoch 0', async () => {
    const first = await c.send(initProducerIdApi, 4, req);
    const again = await c.send(initProducerIdApi, 4, { ...req, producerId: first.producerId, producerEpoch: 0 });
    expect(again.errorCode).toBe(0);
    expect(again.producerId).not.toBe(first.producerId);
    expect(again.producerEpoch).toBe(0);
  });

  it('refuses transactional ids (transactions are not supported yet) and empty ones', async () => {
    for (const transactionalId of ['my-txn', '']) {
      const res = await c.send(initProducerIdApi, 4, { ...req, transactionalId });
      expect(res).toMatchObject({ errorCode: KafkaError.INVALID_REQUEST.code, producerId: -1n, producerEpoch: -1 });
    }
  });

  it('never reuses an id after a restart on the same data dir', async () => {
    const before = (await c.send(initProducerIdApi, 2, req)).producerId;
    c.close();
    await tb.broker.stop();
    tb = await startTestBroker({ dataDir: dir });
    c = await KafkaTestClient.connect(tb.broker.port);
    const after = (await c.send(initProducerIdApi, 2, req)).producerId;
    expect(after).toBeGreaterThan(before);
  });

  it('answers UNKNOWN_SERVER_ERROR when the id block cannot be persisted', async () => {
    const tb2 = await startTestBroker();
    const c2 = await KafkaTestClient.connect(tb2.broker.port);
    mkdirSync(join(tb2.dir, PRODUCER_ID_FILE, 'blocker'), { recursive: true }); // rename onto a non-empty dir fails
    const res = await c2.send(initProducerIdApi, 1, req);
    expect(res).toMatchObject({ errorCode: KafkaError.UNKNOWN_SERVER_ERROR.code, producerId: -1n });
    c2.close();
    await tb2.cleanup();
  });
});
