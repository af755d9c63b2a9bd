/**
 * The admin handlers on a partition whose log could not be opened at start (a segment file replaced by a
 * directory): KAFKA_STORAGE_ERROR where Kafka answers it, the partition left out of DescribeLogDirs, and
 * the other partition served normally.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import deleteRecordsApi from '../../protocol/schema/21-delete-records.js';
import offsetForLeaderEpochApi from '../../protocol/schema/23-offset-for-leader-epoch.js';
import describeConfigsApi from '../../protocol/schema/32-describe-configs.js';
import describeLogDirsApi from '../../protocol/schema/35-describe-log-dirs.js';
import incrementalApi from '../../protocol/schema/44-incremental-alter-configs.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, tempDir, type TestBroker } from '../test-support/test-broker.js';

describe('admin handlers with an offline partition', () => {
  const dir = tempDir();
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    const first = await startTestBroker({ dataDir: dir });
    first.broker.topics.create('half', { partitions: 2 });
    for (const i of [0, 1]) first.broker.topics.partition('half', i)!.append(makeBatch({ records: 4 }));
    await first.broker.stop();
    const p0 = join(dir, 'half-0');
    const segment = readdirSync(p0).find((f) => f.endsWith('.log'))!;
    rmSync(join(p0, segment));
    mkdirSync(join(p0, segment));
    tb = await startTestBroker({ dataDir: dir });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it('DeleteRecords answers KAFKA_STORAGE_ERROR for it and serves the other partition', async () => {
    const res = await c.send(deleteRecordsApi, 2, { topics: [{ name: 'half', partitions: [{ partitionIndex: 0, offset: 1n }, { partitionIndex: 1, offset: 1n }] }], timeoutMs: 1000 });
    expect(res.topics[0].partitions.map((p) => [p.partitionIndex, p.errorCode, p.lowWatermark])).toEqual([
      [0, KafkaError.KAFKA_STORAGE_ERROR.code, -1n], [1, 0, 1n],
    ]);
  });

  it('OffsetForLeaderEpoch answers KAFKA_STORAGE_ERROR for it', async () => {
    const res = await c.send(offsetForLeaderEpochApi, 4, { replicaId: -1, topics: [{ topic: 'half', partitions: [
      { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }, { partition: 1, currentLeaderEpoch: -1, leaderEpoch: 0 },
    ] }] });
    expect(res.topics[0].partitions.map((p) => [p.partition, p.errorCode, p.endOffset])).toEqual([
      [0, KafkaError.KAFKA_STORAGE_ERROR.code, -1n], [1, 0, 4n],
    ]);
  });

  it('DescribeLogDirs leaves it out; config changes still work for the topic', async () => {
    const dirs = await c.send(describeLogDirsApi, 4, { topics: null });
    expect(dirs.results[0].topics.map((t) => [t.name, t.partitions.map((p) => p.partitionIndex)])).toEqual([['half', [1]]]);
    const alter = await c.send(incrementalApi, 1, { resources: [{ resourceType: 2, resourceName: 'half', configs: [{ name: 'retention.ms', configOperation: 0, value: '1000' }] }], validateOnly: false });
    expect(alter.responses[0].errorCode).toBe(0);
    const d = await c.send(describeConfigsApi, 4, { resources: [{ resourceType: 2, resourceName: 'half', configurationKeys: ['retention.ms'] }], includeSynonyms: false, includeDocumentation: false });
    expect(d.results[0].configs[0].value).toBe('1000');
  });
});
