import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '../cluster/index.js';
import { readPartitionStats } from './partition-stats.js';
import { profileInputSchema, type ConnectionSettings } from './profile.js';
import { closedPort, garbageServer } from './probe/test-support.js';

// Real broker, real sockets: the stats come from ListOffsets and DescribeLogDirs answered by the embedded broker.
describe('readPartitionStats', () => {
  let dir: string;
  let cluster: LocalCluster;
  let settings: ConnectionSettings;
  let node: { nodeId: number; host: string; port: number; rack: null };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-pstats-'));
    cluster = await LocalCluster.start({ dataDir: dir, port: 0 });
    settings = profileInputSchema.parse({ name: 't', bootstrap: [cluster.bootstrap] });
    const b = cluster.brokers[0];
    node = { nodeId: b.nodeId, host: '127.0.0.1', port: b.port, rack: null };
    const { Kafka, logLevel } = await import('kafkajs');
    const kafka = new Kafka({ brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'stats', numPartitions: 3, replicationFactor: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'stats', messages: Array.from({ length: 5 }, (_, i) => ({ value: `v${i}`.repeat(50), partition: 1 })) });
    await producer.disconnect();
  }, 30_000);
  afterAll(async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads each partition\'s high watermark and log size from its leader', async () => {
    const stats = await readPartitionStats(settings, {
      topic: 'stats', brokers: [node], partitions: [0, 1, 2].map((partition) => ({ partition, leader: node.nodeId })),
    }, 5000);
    expect(stats.get(1)!.highWatermark).toBe(5n);
    expect(stats.get(0)!.highWatermark).toBe(0n);
    expect(stats.get(1)!.sizeBytes! > 250n).toBe(true); // five ~100-byte values plus batch overhead
    expect(stats.get(0)!.sizeBytes).toBe(0n);
    expect(stats.get(1)!.error).toBeUndefined();
  });

  it('reports unknown (null) with the reason: offline partition, leader missing from metadata, unreachable or non-Kafka leader', async () => {
    const garbage = await garbageServer();
    try {
      const dead = await closedPort();
      const stats = await readPartitionStats(settings, {
        topic: 'stats',
        brokers: [node, { nodeId: 7, host: '127.0.0.1', port: dead, rack: null }, { nodeId: 8, host: '127.0.0.1', port: garbage.port, rack: null }],
        partitions: [
          { partition: 0, leader: -1 }, { partition: 1, leader: 99 }, { partition: 2, leader: 7 }, { partition: 3, leader: 8 },
          { partition: 4, leader: node.nodeId }, // this topic has no partition 4: the broker answers with an error code
        ],
      }, 3000);
      expect(stats.get(0)).toEqual({ partition: 0, highWatermark: null, sizeBytes: null, error: 'offline: no leader' });
      expect(stats.get(1)!.error).toBe('leader 99 is not in the cluster metadata');
      expect(stats.get(2)).toMatchObject({ highWatermark: null, sizeBytes: null });
      expect(stats.get(2)!.error).toMatch(new RegExp(`^broker 7 \\(127\\.0\\.0\\.1:${dead}\\): .*(ECONNREFUSED|refused)`, 'i'));
      expect(stats.get(3)!.error).toMatch(/^broker 8 .*(Kafka|frame)/);
      expect(stats.get(4)).toMatchObject({ highWatermark: null, sizeBytes: null, error: `broker ${node.nodeId}: UNKNOWN_TOPIC_OR_PARTITION` });
    } finally {
      await garbage.close();
    }
  });
});
