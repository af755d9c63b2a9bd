import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRequest } from '../../protocol/index.js';
import apiVersionsApi from '../../protocol/schema/18-api-versions.js';
import metadataApi from '../../protocol/schema/03-metadata.js';
import { KafkaTestClient, framed } from '../test-support/kafka-test-client.js';
import { startTestBroker, waitFor, type TestBroker } from '../test-support/test-broker.js';

/** The broker still serves a fresh client after whatever a test did to another connection. */
async function stillServes(tb: TestBroker): Promise<void> {
  const c = await KafkaTestClient.connect(tb.broker.port);
  const res = await c.send(apiVersionsApi, 3, { clientSoftwareName: 'probe', clientSoftwareVersion: '1' });
  expect(res.errorCode).toBe(0);
  c.close();
}

describe('network layer over real TCP', () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startTestBroker({ socketRequestMaxBytes: 1024 * 1024 });
    for (let i = 0; i < 50; i++) tb.broker.topics.create(`topic-with-a-long-name-for-bulk-${i}`, { partitions: 1 });
  });
  afterAll(async () => tb.cleanup());

  it('answers pipelined requests in order, each with its correlation id', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const all = [];
    for (let i = 0; i < 200; i++) {
      all.push(i % 2 === 0
        ? c.send(apiVersionsApi, i % 5, { clientSoftwareName: 'p', clientSoftwareVersion: '1' })
        : c.send(metadataApi, i % 13, { topics: [{ name: `topic-with-a-long-name-for-bulk-${i % 50}` }] }));
    }
    // KafkaTestClient rejects any response whose correlation id is not the next one expected.
    const res = await Promise.all(all);
    expect(res).toHaveLength(200);
    c.close();
  });

  it('closes a connection that sends random bytes, and keeps serving others', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    c.writeRaw(framed(randomBytes(64)));
    await c.closed;
    await stillServes(tb);
  });

  it('closes on a frame too short for a request header', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    c.writeRaw(framed(Buffer.from([0, 18, 0])));
    await c.closed;
    expect(tb.logs.some((l) => l.includes('too short for a header'))).toBe(true);
  });

  it('closes on a truncated body (valid header, fields cut off) and logs why', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const full = encodeRequest(metadataApi, 1, { correlationId: 1, clientId: 'trunc' }, { topics: [{ name: 'abcdef' }] });
    const payload = full.subarray(4, full.length - 3); // drop the tail of the topic name
    c.writeRaw(framed(payload));
    await c.closed;
    expect(tb.logs.some((l) => l.includes('cannot decode Metadata v1'))).toBe(true);
    await stillServes(tb);
  });

  it('closes on a 2 GB length prefix without allocating it', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const c = await KafkaTestClient.connect(tb.broker.port);
    const prefix = Buffer.alloc(8);
    prefix.writeInt32BE(0x7fffffff, 0);
    c.writeRaw(prefix);
    await c.closed;
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    expect(tb.logs.some((l) => l.includes('exceeds socket.request.max.bytes'))).toBe(true);
  });

  it('closes on a negative length prefix', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    c.writeRaw(Buffer.from([0xff, 0xff, 0xff, 0xfe]));
    await c.closed;
    expect(tb.logs.some((l) => l.includes('negative frame size'))).toBe(true);
  });

  it('closes on a request just over socket.request.max.bytes', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const prefix = Buffer.alloc(4);
    prefix.writeInt32BE(1024 * 1024 + 1, 0);
    c.writeRaw(prefix);
    await c.closed;
  });

  it.each([999, 29, -1])('closes on API key %i (unknown or not served)', async (key) => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const frame = encodeRequest(apiVersionsApi, 0, { correlationId: 1, clientId: 'x' }, {});
    new DataView(frame.buffer, frame.byteOffset).setInt16(4, key);
    c.writeRaw(frame);
    await c.closed;
    await stillServes(tb);
  });

  it('closes on a version outside the advertised range (not ApiVersions)', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const frame = encodeRequest(metadataApi, 12, { correlationId: 1, clientId: 'x' }, { topics: null });
    new DataView(frame.buffer, frame.byteOffset).setInt16(6, 13);
    c.writeRaw(frame);
    await c.closed;
    expect(tb.logs.some((l) => l.includes('Metadata v13 is outside our range 0-12'))).toBe(true);
  });

  it('a frame split across many tiny TCP writes still decodes', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const frame = encodeRequest(metadataApi, 1, { correlationId: 1, clientId: 'slow' }, { topics: null });
    const got = c.sendFrame(new Uint8Array(0), 1);
    for (const byte of frame) { c.writeRaw(Buffer.from([byte])); }
    expect((await got).readInt32BE(0)).toBe(1);
    c.close();
  });

  it('stops reading from a client that never reads its responses, and others carry on', async () => {
    let handled = 0;
    const hog = await startTestBroker({ maxQueuedResponseBytes: 256 * 1024, onRequest: () => { handled++; } });
    try {
      for (let i = 0; i < 10; i++) hog.broker.topics.create(`bulk-topic-with-a-long-name-${i}`, { partitions: 4 });
      const c = await KafkaTestClient.connect(hog.broker.port);
      c.socket.pause(); // never read
      const req = encodeRequest(metadataApi, 1, { correlationId: 1, clientId: 'hog' }, { topics: null }); // ~1 KB answers
      const sent = 20_000; // ~20 MB of answers if the broker answered them all
      for (let i = 0; i < sent; i++) c.socket.write(req);
      await new Promise((r) => setTimeout(r, 1000));
      const after1s = handled;
      await new Promise((r) => setTimeout(r, 500));
      expect(handled).toBe(after1s); // reading stopped: nothing more is being handled
      expect(handled).toBeLessThan(sent / 2);
      await stillServes(hog);
      c.close();
    } finally {
      await hog.cleanup();
    }
  });

  it('the broker counts and forgets connections', async () => {
    const base = tb.broker.connectionCount;
    const cs = await Promise.all(Array.from({ length: 20 }, () => KafkaTestClient.connect(tb.broker.port)));
    await waitFor(() => tb.broker.connectionCount === base + 20, 5000, 'connections to register');
    for (const c of cs) c.close();
    await waitFor(() => tb.broker.connectionCount === base, 5000, 'connections to go');
  });
});

describe('connections.max.idle.ms', () => {
  it('closes idle connections while an active client keeps being served', async () => {
    const tb = await startTestBroker({ connectionsMaxIdleMs: 300 });
    try {
      const idle = await Promise.all(Array.from({ length: 200 }, () => KafkaTestClient.connect(tb.broker.port)));
      const active = await KafkaTestClient.connect(tb.broker.port);
      const until = Date.now() + 900;
      let answered = 0;
      while (Date.now() < until) {
        await active.send(apiVersionsApi, 3, { clientSoftwareName: 'a', clientSoftwareVersion: '1' });
        answered++;
        await new Promise((r) => setTimeout(r, 20));
      }
      await Promise.all(idle.map((c) => c.closed));
      expect(active.isClosed).toBe(false);
      expect(answered).toBeGreaterThan(10);
      active.close();
    } finally {
      await tb.cleanup();
    }
  });
});
