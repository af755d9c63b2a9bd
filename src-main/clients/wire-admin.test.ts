// WireAdmin against a real one-broker cluster: metadata (all, some, none), offsets by EARLIEST/LATEST/timestamp,
// a dead first bootstrap address skipped, an unreachable cluster a readable TP_UNAVAILABLE, and requests issued
// together on one connection answered in order.
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '../cluster/index.js';
import { kafkajsBackend } from './kafkajs-backend.js';
import { WireAdmin, EARLIEST, LATEST } from './wire-admin.js';
import type { ConnectionSettings } from './profile.js';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('WireAdmin', () => {
  let dir: string;
  let cluster: LocalCluster;
  let settings: ConnectionSettings;
  let admin: WireAdmin;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-wire-admin-'));
    cluster = await LocalCluster.start({ dataDir: dir, port: 0 });
    settings = { name: 'wire', bootstrap: [cluster.bootstrap] } as ConnectionSettings;
    const b = kafkajsBackend({ id: 'w', kind: 'external', ...settings } as never, { connectTimeoutMs: 3000, requestTimeoutMs: 5000 });
    await b.connect();
    await b.createTopic({ name: 'wa', partitions: 2, replicationFactor: 1 });
    await b.produce('wa', [0, 1, 2].map((i) => ({ key: null, value: Buffer.from(`v${i}`), headers: [], partition: 1, timestamp: 1_000n + BigInt(i) })) as never, { acks: -1 } as never);
    await b.close();
    admin = new WireAdmin(settings, 5000);
  }, 30_000);
  afterAll(async () => {
    admin.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads brokers only, every topic, or the named ones (unknown names left out)', async () => {
    const none = await admin.metadata([]);
    expect(none).toMatchObject({ controllerId: 1, brokers: [{ nodeId: 1, host: '127.0.0.1', port: cluster.brokers[0].port }], topics: [] });
    expect(typeof none.clusterId).toBe('string');
    expect((await admin.metadata(null)).topics.map((t) => t.name)).toContain('wa');
    const some = await admin.metadata(['wa', 'no-such-topic']);
    expect(some.topics).toEqual([{ name: 'wa', partitions: [
      { partition: 0, leader: 1, replicas: [1], isr: [1], offlineReplicas: [] },
      { partition: 1, leader: 1, replicas: [1], isr: [1], offlineReplicas: [] },
    ] }]);
  });

  it('lists offsets by EARLIEST, LATEST and timestamp, issued together on one connection', async () => {
    const [early, late, byTime] = await Promise.all([
      admin.listOffsets(['wa'], EARLIEST), admin.listOffsets(['wa'], LATEST), admin.listOffsets(['wa'], 1_001n),
    ]);
    expect(early.get('wa')).toEqual([{ partition: 0, offset: 0n }, { partition: 1, offset: 0n }]);
    expect(late.get('wa')).toEqual([{ partition: 0, offset: 0n }, { partition: 1, offset: 3n }]);
    expect(byTime.get('wa')![1]).toEqual({ partition: 1, offset: 1n });
    expect((await admin.partitionOffsets(['wa', 'gone'])).get('wa')).toEqual([
      { partition: 0, earliest: 0n, latest: 0n }, { partition: 1, earliest: 0n, latest: 3n },
    ]);
  });

  it('reports log sizes per replica and per broker', async () => {
    const r = await admin.describeLogDirs(['wa']);
    expect(r.replicas.map((x) => [x.topic, x.partition, x.broker])).toEqual([['wa', 0, 1], ['wa', 1, 1]]);
    expect(r.replicas[0]!.bytes).toBe(0n);
    expect(r.replicas[1]!.bytes).toBeGreaterThan(0n);
    expect(r.brokers).toEqual([{ nodeId: 1, bytes: r.replicas[1]!.bytes }]);
    const all = await admin.describeLogDirs(null);
    expect(all.brokers[0]!.bytes).toBeGreaterThanOrEqual(r.replicas[1]!.bytes);
    expect(all.replicas.some((x) => x.topic === 'wa' && x.partition === 1)).toBe(true);
  });

  it('skips a dead bootstrap address and uses the next one', async () => {
    const dead = await freePort();
    const a = new WireAdmin({ ...settings, bootstrap: [`127.0.0.1:${dead}`, cluster.bootstrap] }, 3000);
    try {
      expect((await a.metadata([])).brokers).toHaveLength(1);
    } finally { a.close(); }
  });

  it('says which addresses it could not reach when none answers', async () => {
    const dead = await freePort();
    const a = new WireAdmin({ ...settings, bootstrap: [`127.0.0.1:${dead}`] }, 3000, '"Nowhere"');
    try {
      await expect(a.metadata(null)).rejects.toMatchObject({
        code: 'TP_UNAVAILABLE', message: expect.stringMatching(new RegExp(`Cannot reach "Nowhere" \\(127\\.0\\.0\\.1:${dead}\\).*ECONNREFUSED.*Test connection`)),
      });
    } finally { a.close(); }
  });

  it('a closed admin refuses further calls', async () => {
    const a = new WireAdmin(settings, 3000);
    a.close();
    await expect(a.metadata([])).rejects.toMatchObject({ code: 'TP_CANCELLED' });
  });
});
