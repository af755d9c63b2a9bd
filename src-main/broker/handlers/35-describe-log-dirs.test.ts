import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import describeLogDirsApi from '../../protocol/schema/35-describe-log-dirs.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

/** Bytes of the partition's segment files on disk. */
function logFileBytes(dataDir: string, topic: string, index: number): bigint {
  const dir = join(dataDir, `${topic}-${index}`);
  return readdirSync(dir).filter((f) => f.endsWith('.log')).reduce((n, f) => n + BigInt(statSync(join(dir, f)).size), 0n);
}

describe('35-describe-log-dirs over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker();
    tb.broker.topics.create('a', { partitions: 2 });
    tb.broker.topics.create('b', { partitions: 1 });
    tb.broker.topics.partition('a', 0)!.append(makeBatch({ records: 20, valueSize: 200 }));
    tb.broker.topics.partition('b', 0)!.append(makeBatch({ records: 3 }));
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([0, 1, 2, 3, 4])('v%i lists every partition with its real size when topics is null', async (v) => {
    const res = await c.send(describeLogDirsApi, v, { topics: null });
    expect(res.results).toHaveLength(1);
    const dir = res.results[0];
    expect(dir).toMatchObject({ errorCode: 0, logDir: tb.dir });
    const sizes = Object.fromEntries(dir.topics.flatMap((t) => t.partitions.map((p) => [`${t.name}-${p.partitionIndex}`, p.partitionSize])));
    expect(sizes).toEqual({ 'a-0': logFileBytes(tb.dir, 'a', 0), 'a-1': 0n, 'b-0': logFileBytes(tb.dir, 'b', 0) });
    expect(sizes['a-0']).toBeGreaterThan(4000n);
    expect(dir.topics[0].partitions[0]).toMatchObject({ offsetLag: 0n, isFutureKey: false });
    if (v >= 3) expect(res.errorCode).toBe(0);
    if (v >= 4) {
      expect(dir.totalBytes).toBeGreaterThan(0n);
      expect(dir.usableBytes).toBeGreaterThanOrEqual(0n);
      expect(dir.usableBytes).toBeLessThanOrEqual(dir.totalBytes!);
    }
  });

  it('lists only the requested partitions this node hosts', async () => {
    const res = await c.send(describeLogDirsApi, 2, {
      topics: [{ topic: 'a', partitions: [1, 7, 1] }, { topic: 'missing', partitions: [0] }, { topic: 'b', partitions: [] }],
    });
    expect(res.results[0].topics).toEqual([{ name: 'a', partitions: [{ partitionIndex: 1, partitionSize: 0n, offsetLag: 0n, isFutureKey: false }] }]);
  });

  it('an empty topic list lists nothing', async () => {
    const res = await c.send(describeLogDirsApi, 1, { topics: [] });
    expect(res.results[0].topics).toEqual([]);
  });
});
