// Network faults over real TCP (raw frames through KafkaTestClient, and kafkajs): a paused broker keeps
// every socket open and answers nothing, then answers what queued, in order; isolation resets client or
// replica-fetcher connections by clientId while the other kind keeps working.
import { Buffer } from 'node:buffer';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeRequest } from '../../protocol/index.js';
import apiVersionsApi from '../../protocol/schema/18-api-versions.js';
import fetchApi from '../../protocol/schema/01-fetch.js';
import metadataApi from '../../protocol/schema/03-metadata.js';
import { FaultSwitches, REPLICA_FETCHER_CLIENT_PREFIX } from '../faults.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { sleep, startTestBroker, waitFor, type TestBroker } from '../test-support/test-broker.js';
import { peekClientId } from './client-id.js';
import { isolatedBy } from './server.js';

const versions = { clientSoftwareName: 'faults', clientSoftwareVersion: '1' };
const REPLICA = `${REPLICA_FETCHER_CLIENT_PREFIX}2`;

/** Resolves to 'answered' or 'silent' depending on whether `p` settles within `ms`. */
async function within(p: Promise<unknown>, ms: number): Promise<'answered' | 'silent'> {
  return Promise.race([p.then(() => 'answered' as const, () => 'answered' as const), sleep(ms).then(() => 'silent' as const)]);
}

describe('network faults', () => {
  let tb: TestBroker;
  const faults = new FaultSwitches();
  const clients: KafkaTestClient[] = [];
  const connect = async (clientId: string | null = 'app-client') => {
    const c = await KafkaTestClient.connect(tb.broker.port, '127.0.0.1', clientId);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    tb = await startTestBroker({ faults });
    tb.broker.topics.create('f', { partitions: 1 });
  });
  afterEach(() => {
    faults.clear();
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => tb.cleanup());

  it('paused: keeps the connection open and silent; resume answers the queued requests in order', async () => {
    const c = await connect();
    await c.send(apiVersionsApi, 3, versions);
    faults.set({ paused: true });
    // Pipelined while paused: KafkaTestClient rejects any response out of correlation order.
    const all = Promise.all([
      c.send(apiVersionsApi, 3, versions),
      c.send(metadataApi, 1, { topics: [{ name: 'f' }] }),
      c.send(apiVersionsApi, 0, {} as never),
    ] as const);
    expect(await within(all, 400)).toBe('silent');
    expect(c.isClosed).toBe(false);
    expect(tb.broker.connectionCount).toBeGreaterThanOrEqual(1);
    faults.set({ paused: false });
    const [a, m, v0] = await all;
    expect(a.errorCode).toBe(0);
    expect(m.topics.map((t) => t.name)).toEqual(['f']);
    expect(v0.errorCode).toBe(0);
  });

  it('paused: accepts a new connection but reads nothing from it until resumed', async () => {
    await waitFor(() => tb.broker.connectionCount === 0, 2000, 'earlier connections to close');
    faults.set({ paused: true });
    const c = await connect();
    const p = c.send(apiVersionsApi, 3, versions);
    expect(await within(p, 300)).toBe('silent');
    expect(c.isClosed).toBe(false);
    expect(tb.broker.connectionCount).toBe(1);
    faults.set({ paused: false });
    expect((await p).errorCode).toBe(0);
  });

  it('paused: a request already running (long-poll Fetch) completes but its answer waits for resume', async () => {
    const c = await connect();
    const body = {
      maxWaitMs: 150, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
      topics: [{ topic: 'f', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1, logStartOffset: -1n }] }],
    };
    const fetch = c.send(fetchApi, 11, body);
    const after = c.send(apiVersionsApi, 3, versions);
    await sleep(20);
    faults.set({ paused: true });
    // The long poll's 150 ms elapse during the pause: nothing may come out.
    expect(await within(Promise.all([fetch, after]), 500)).toBe('silent');
    faults.set({ paused: false });
    const [f, v] = await Promise.all([fetch, after]);
    expect(f.responses[0].partitions[0].errorCode).toBe(0);
    expect(v.errorCode).toBe(0);
  });

  it('isolated from clients: resets client connections, existing and new, while a replica fetcher keeps working', async () => {
    const client = await connect('app-client');
    const replica = await connect(REPLICA);
    await client.send(apiVersionsApi, 3, versions);
    await replica.send(apiVersionsApi, 3, versions);
    faults.set({ isolatedFromClients: true });
    await client.closed;
    expect((await replica.send(apiVersionsApi, 3, versions)).errorCode).toBe(0);
    const fresh = await connect('another-client');
    await expect(fresh.send(apiVersionsApi, 3, versions)).rejects.toThrow(/closed/);
    expect(tb.logs.some((l) => /reset: .*isolation/.test(l))).toBe(true);
    faults.set({ isolatedFromClients: false });
    expect((await (await connect('app-client')).send(apiVersionsApi, 3, versions)).errorCode).toBe(0);
  });

  it('isolated from brokers: resets replica fetcher connections, clients keep working', async () => {
    const client = await connect('app-client');
    const replica = await connect(REPLICA);
    await replica.send(apiVersionsApi, 3, versions);
    faults.set({ isolatedFromBrokers: true });
    await replica.closed;
    expect((await client.send(apiVersionsApi, 3, versions)).errorCode).toBe(0);
    const again = await connect(REPLICA);
    await expect(again.send(apiVersionsApi, 3, versions)).rejects.toThrow(/closed/);
  });

  it('a connection whose requests carry no client id counts as a client, and is reset at once', async () => {
    const anon = await connect(null);
    await anon.send(apiVersionsApi, 3, versions);
    faults.set({ isolatedFromClients: true });
    await anon.closed;
    expect(anon.isClosed).toBe(true);
  });

  it('the client sees a TCP reset, not a clean close', async () => {
    const c = await connect('app-client');
    await c.send(apiVersionsApi, 3, versions);
    const err = new Promise<NodeJS.ErrnoException>((r) => c.socket.once('error', r));
    faults.set({ isolatedFromClients: true });
    expect((await err).code).toBe('ECONNRESET');
  });

  it('kafkajs: a paused broker times requests out on an open socket, and serves again after resume', async () => {
    const kafka = new Kafka({
      clientId: 'kjs-faults', brokers: [tb.broker.bootstrap], logLevel: logLevel.NOTHING,
      requestTimeout: 600, retry: { retries: 0 },
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain('f');
      faults.set({ paused: true });
      await expect(admin.listTopics()).rejects.toThrow(/timed out|timeout/i);
      expect(tb.broker.connectionCount).toBeGreaterThanOrEqual(1);
      faults.set({ paused: false });
      let topics: string[] = [];
      for (let i = 0; i < 20 && topics.length === 0; i++) topics = await admin.listTopics().catch(() => []);
      expect(topics).toContain('f');
    } finally {
      await admin.disconnect();
    }
  });

  it('kafkajs: a producer of a client-isolated broker fails, and produces again once healed', async () => {
    const kafka = new Kafka({ clientId: 'kjs-iso', brokers: [tb.broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 50 } });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: 'f', messages: [{ value: 'before' }] });
      faults.set({ isolatedFromClients: true });
      await expect(producer.send({ topic: 'f', messages: [{ value: 'during' }] })).rejects.toThrow();
      faults.set({ isolatedFromClients: false });
      const [r] = await producer.send({ topic: 'f', messages: [{ value: 'after' }] });
      expect(r.errorCode).toBe(0);
    } finally {
      await producer.disconnect();
    }
  });
});

describe('peekClientId and isolatedBy', () => {
  const frame = (clientId: string | null, key = 18, version = 3) =>
    Buffer.from(encodeRequest(apiVersionsApi, version, { correlationId: 9, clientId }, versions)).subarray(4);

  it('reads the client id of a request header without decoding the body', () => {
    expect(peekClientId(frame('abc'))).toBe('abc');
    expect(peekClientId(frame('ünï'))).toBe('ünï');
    expect(peekClientId(frame(null))).toBeNull();
    expect(peekClientId(frame(''))).toBe('');
  });

  it('returns null for frames that cannot carry one', () => {
    expect(peekClientId(Buffer.alloc(9))).toBeNull();
    const cs0 = Buffer.from([0, 7, 0, 0, 0, 0, 0, 1, 0, 3, 0x61, 0x62, 0x63]);
    expect(peekClientId(cs0)).toBeNull();
    // A length running past the frame's end.
    expect(peekClientId(Buffer.from([0, 18, 0, 3, 0, 0, 0, 1, 0, 50, 0x61]))).toBeNull();
  });

  it('sorts clients and replica fetchers', () => {
    const s = { paused: false, isolatedFromBrokers: true, isolatedFromClients: false, fetchDelayMs: 0 };
    expect(isolatedBy(s, REPLICA)).toBe(true);
    expect(isolatedBy(s, 'app')).toBe(false);
    expect(isolatedBy(s, null)).toBe(false);
    expect(isolatedBy({ ...s, isolatedFromBrokers: false, isolatedFromClients: true }, null)).toBe(true);
    expect(isolatedBy({ ...s, isolatedFromBrokers: false, isolatedFromClients: true }, REPLICA)).toBe(false);
  });
});
