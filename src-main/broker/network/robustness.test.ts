// The "bad input" scenario in one run: 1,000 idle connections plus clients sending random bytes,
// truncated frames, 2 GB length prefixes, unknown keys and versions, and one that never reads, while
// another client keeps producing and consuming: that client sees every offset, in order, without a gap.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeRequest } from '../../protocol/index.js';
import produceApi from '../../protocol/schema/00-produce.js';
import fetchApi from '../../protocol/schema/01-fetch.js';
import metadataApi from '../../protocol/schema/03-metadata.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient, framed } from '../test-support/kafka-test-client.js';
import { startTestBroker } from '../test-support/test-broker.js';

describe('abuse while a good client works', () => {
  it('1,000 idle connections and misbehaving clients do not disturb a producer/consumer', async () => {
    const tb = await startTestBroker({ maxQueuedResponseBytes: 1024 * 1024 });
    try {
      tb.broker.topics.create('steady');
      for (let i = 0; i < 20; i++) tb.broker.topics.create(`filler-${i}`, { partitions: 4 });
      const idle: KafkaTestClient[] = [];
      for (let i = 0; i < 10; i++) idle.push(...await Promise.all(Array.from({ length: 100 }, () => KafkaTestClient.connect(tb.broker.port))));
      const producer = await KafkaTestClient.connect(tb.broker.port);
      const consumer = await KafkaTestClient.connect(tb.broker.port);
      const heapBefore = process.memoryUsage().heapUsed;

      // Misbehaving clients, all at once.
      const bad = await Promise.all(Array.from({ length: 30 }, () => KafkaTestClient.connect(tb.broker.port)));
      const hog = await KafkaTestClient.connect(tb.broker.port);
      hog.socket.pause();
      const big = encodeRequest(metadataApi, 1, { correlationId: 1, clientId: 'hog' }, { topics: null });
      for (let i = 0; i < 5000; i++) hog.socket.write(big);
      bad.forEach((c, i) => {
        const kind = i % 5;
        if (kind === 0) c.writeRaw(framed(randomBytes(100)));
        else if (kind === 1) { const p = Buffer.alloc(4); p.writeInt32BE(0x7fffffff); c.writeRaw(p); }
        else if (kind === 2) c.writeRaw(framed(Buffer.from([0, 3, 0])));
        else if (kind === 3) { const f = encodeRequest(metadataApi, 1, { correlationId: 1, clientId: 'x' }, { topics: null }); new DataView(f.buffer, f.byteOffset).setInt16(4, 4242); c.writeRaw(f); }
        else { const f = encodeRequest(metadataApi, 1, { correlationId: 1, clientId: 'x' }, { topics: null }); new DataView(f.buffer, f.byteOffset).setInt16(6, 99); c.writeRaw(f); }
      });

      // The good pair: 300 produces of 5 records, a consumer following along.
      let consumed = 0n;
      const seen: bigint[] = [];
      for (let i = 0; i < 300; i++) {
        const r = await producer.send(produceApi, 9, { transactionalId: null, acks: 1, timeoutMs: 1000,
          topicData: [{ name: 'steady', partitionData: [{ index: 0, records: makeBatch({ records: 5, seed: i }) }] }] });
        expect(r.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: BigInt(i * 5) });
        if (i % 10 === 9) {
          const f = await consumer.send(fetchApi, 12, {
            maxWaitMs: 100, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
            topics: [{ topic: 'steady', partitions: [{ partition: 0, fetchOffset: consumed, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1, logStartOffset: -1n }] }],
          });
          const data = Buffer.from(f.responses[0].partitions[0].records!);
          for (let at = 0; at + 61 <= data.length; at += data.readInt32BE(at + 8) + 12) {
            const base = data.readBigInt64BE(at);
            seen.push(base);
            consumed = base + BigInt(data.readInt32BE(at + 57));
          }
        }
      }
      expect(consumed).toBe(1500n);
      expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => BigInt(i * 5))); // every batch once, in order

      await Promise.all(bad.map((c) => c.closed)); // each misbehaving client lost its own connection only
      expect(idle.every((c) => !c.isClosed)).toBe(true);
      expect(hog.isClosed).toBe(false); // throttled, not dropped
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
      for (const c of [...idle, producer, consumer, hog]) c.close();
    } finally {
      await tb.cleanup();
    }
  });
});
