// brokers.list's log sizes when DescribeLogDirs fails, for one broker or for the whole round: the sizes are
// unknown with the reason and the rest of the overview is intact (the real-cluster path is in topics-service.test.ts).
import { describe, expect, it } from 'vitest';
import type { KafkaBackend, LogDirsReport } from '../clients/index.js';
import { brokersOverview } from './topics-service.js';

function fakeBackend(logDirs: () => Promise<LogDirsReport>): KafkaBackend {
  const partial: Partial<KafkaBackend> = {
    describeCluster: () => Promise.resolve({
      clusterId: 'c', controllerId: 1,
      brokers: [{ nodeId: 2, host: 'h', port: 9093, rack: null }, { nodeId: 1, host: 'h', port: 9092, rack: 'r1' }],
    }),
    listTopics: () => Promise.resolve([{ name: 't', partitions: [
      { partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2], offlineReplicas: [] },
      { partition: 1, leader: 2, replicas: [2, 1], isr: [2], offlineReplicas: [] },
    ] }]),
    logDirs,
  };
  return partial as KafkaBackend;
}

describe('brokersOverview log sizes', () => {
  it('gives each broker its own total, and null with the reason for a broker that did not answer', async () => {
    const o = await brokersOverview(fakeBackend(() => Promise.resolve({
      brokers: [{ nodeId: 1, bytes: 12_345n }, { nodeId: 2, bytes: null, error: 'connect ECONNREFUSED' }], replicas: [],
    })));
    expect(o.brokers.map((b) => [b.nodeId, b.logSizeBytes, b.logSizeError])).toEqual([[1, 12_345n, undefined], [2, null, 'connect ECONNREFUSED']]);
    expect(o.brokers.map((b) => [b.partitions, b.leaders])).toEqual([[2, 1], [2, 1]]);
    expect(o.health).toMatchObject({ partitions: 2, underReplicated: 1 });
  });

  it('keeps the rest of the overview when the whole DescribeLogDirs round fails', async () => {
    const o = await brokersOverview(fakeBackend(() => Promise.reject(new Error('metadata timed out'))));
    expect(o.brokers.map((b) => [b.logSizeBytes, b.logSizeError])).toEqual([[null, 'metadata timed out'], [null, 'metadata timed out']]);
    expect(o.controllerId).toBe(1);
  });

  it('says so for a broker the log-dirs round did not know about', async () => {
    const o = await brokersOverview(fakeBackend(() => Promise.resolve({ brokers: [{ nodeId: 1, bytes: 0n }], replicas: [] })));
    expect(o.brokers[0].logSizeBytes).toBe(0n);
    expect(o.brokers[1]).toMatchObject({ nodeId: 2, logSizeBytes: null, logSizeError: expect.stringMatching(/not asked/) });
  });
});
