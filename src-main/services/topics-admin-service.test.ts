import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../broker/test-support/test-broker.js';
import type { LocalCluster } from '../cluster/index.js';
import type { GroupDetail, PurgeResult, ResetResult, TopicConfigRow, TopicDetail } from '../contract/index.js';
import { LOCAL_CLUSTER_ID, type ClusterRegistry } from './cluster-registry.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';

const clusterId = LOCAL_CLUSTER_ID;

describe('topics.alterConfigs, topics.purge and the simple-consumer commit on a real local cluster', () => {
  let h: ServiceHarness;
  let cluster: LocalCluster;
  let registry: ClusterRegistry;
  let kafka: Kafka;
  const call = <T>(name: string, input: unknown) => h.call<T>(name, input);
  const cfg = (rows: TopicConfigRow[], name: string) => rows.find((r) => r.name === name);

  beforeAll(async () => {
    h = await startServiceHarness({ name: 'topics-admin', cluster: { config: new Map([['group.initial.rebalance.delay.ms', '0']]) } });
    ({ cluster, registry } = h);
    kafka = new Kafka({ clientId: 'topics-admin-test', brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING });
    await call('topics.create', { clusterId, topic: 'cfg', partitions: 1, replicationFactor: 1, configs: { 'max.message.bytes': '2000000' } });
    await call('topics.create', { clusterId, topic: 'purge', partitions: 3, replicationFactor: 1 });
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  it('sets a config (source "topic"), keeps the other overrides, and resets one back to its default', async () => {
    let rows = await call<TopicConfigRow[]>('topics.alterConfigs', { clusterId, topic: 'cfg', changes: [{ name: 'retention.ms', value: '3600000' }] });
    expect(cfg(rows, 'retention.ms')).toMatchObject({ value: '3600000', source: 'topic', isDefault: false });
    // The legacy AlterConfigs replaces all overrides; the earlier one must survive the edit.
    expect(cfg(rows, 'max.message.bytes')).toMatchObject({ value: '2000000', source: 'topic' });
    rows = await call<TopicConfigRow[]>('topics.alterConfigs', { clusterId, topic: 'cfg', changes: [{ name: 'retention.ms', value: null }] });
    expect(cfg(rows, 'retention.ms')).toMatchObject({ isDefault: true });
    expect(cfg(rows, 'retention.ms')!.source).not.toBe('topic');
    expect(cfg(rows, 'max.message.bytes')).toMatchObject({ value: '2000000', source: 'topic' });
  });

  it('validateOnly checks without changing anything', async () => {
    const rows = await call<TopicConfigRow[]>('topics.alterConfigs', { clusterId, topic: 'cfg', changes: [{ name: 'segment.ms', value: '60000' }], validateOnly: true });
    expect(cfg(rows, 'segment.ms')!.source).not.toBe('topic');
  });

  it('shows the broker\'s own validation error for a bad value or an unknown config, and changes nothing', async () => {
    const err = await call('topics.alterConfigs', { clusterId, topic: 'cfg', changes: [{ name: 'retention.ms', value: 'soon' }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TP_VALIDATION', details: { kafkaError: 'INVALID_CONFIG' } });
    // Not kafkajs's generic "Configuration is invalid": the broker's reason names the value and the config.
    expect((err as Error).message).toMatch(/soon/);
    expect((err as Error).message).toMatch(/retention\.ms/);
    await expect(call('topics.alterConfigs', { clusterId, topic: 'cfg', changes: [{ name: 'no.such.config', value: '1' }] }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /no\.such\.config/ });
    const rows = await call<TopicConfigRow[]>('topics.configs', { clusterId, topic: 'cfg' });
    expect(cfg(rows, 'max.message.bytes')).toMatchObject({ value: '2000000', source: 'topic' });
    await expect(call('topics.alterConfigs', { clusterId, topic: 'cfg', changes: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /changed twice/ });
    await expect(call('topics.alterConfigs', { clusterId, topic: 'nope', changes: [{ name: 'retention.ms', value: '1' }] }))
      .rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });

  it('purges chosen partitions, then all, to the high watermark', async () => {
    const p = kafka.producer();
    await p.connect();
    await p.send({ topic: 'purge', messages: Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, partition: i % 3 })) });
    await p.disconnect();
    const one = await call<PurgeResult>('topics.purge', { clusterId, topic: 'purge', partitions: [1] });
    expect(one).toEqual({ topic: 'purge', partitions: [{ partition: 1, logStartOffset: 10n }] });
    let t = await call<TopicDetail>('topics.describe', { clusterId, topic: 'purge' });
    expect(t.partitions.map((x) => [x.logStartOffset, x.logEndOffset])).toEqual([[0n, 10n], [10n, 10n], [0n, 10n]]);
    expect(t.messages).toBe(20n);
    const all = await call<PurgeResult>('topics.purge', { clusterId, topic: 'purge' });
    expect(all.partitions.map((x) => x.logStartOffset)).toEqual([10n, 10n, 10n]);
    t = await call<TopicDetail>('topics.describe', { clusterId, topic: 'purge' });
    expect(t.messages).toBe(0n);
    await expect(call('topics.purge', { clusterId, topic: 'purge', partitions: [7] })).rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /no partition 7/ });
    await expect(call('topics.purge', { clusterId, topic: 'no.such', partitions: [0] })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });

  it('the simple-consumer commit itself is refused by the coordinator while the group has members', async () => {
    const consumer: Consumer = kafka.consumer({ groupId: 'live', sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'purge', fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    try {
      const b = await registry.backend(clusterId);
      await waitFor(() => { void b.describeGroup('live').then((g) => { state = g.state; }, () => undefined); return state === 'Stable'; }, 20_000, 'the group is Stable');
      // Bypasses the service's own member check: the broker must refuse a generation -1 commit for a live group.
      await expect(b.commitGroupOffsets('live', [{ topic: 'purge', partition: 0, offset: 0n }])).rejects.toMatchObject({ code: 'TP_KAFKA' });
    } finally {
      await consumer.disconnect();
    }
  }, 40_000);
  let state = '';

  it('resets one chosen partition of one topic, and refuses partitions without one topic or a partition the topic lacks', async () => {
    await call('topics.create', { clusterId, topic: 'scoped', partitions: 3, replicationFactor: 1 });
    await call('producer.bulkStart', { clusterId, topic: 'scoped', count: 30, valueTemplate: 'v{{i}}', partition: 'auto' });
    await waitFor(() => { void call<TopicDetail>('topics.describe', { clusterId, topic: 'scoped' }).then((t) => { total = t.messages; }); return total === 30n; }, 20_000, '30 records');
    const b = await registry.backend(clusterId);
    await b.commitGroupOffsets('scoped-group', [0, 1, 2].map((partition) => ({ topic: 'scoped', partition, offset: 10n })));
    const r = await call<ResetResult>('groups.resetOffsets', { clusterId, groupId: 'scoped-group', mode: 'earliest', topics: ['scoped'], partitions: [2] });
    expect(r.partitions).toEqual([{ topic: 'scoped', partition: 2, from: 10n, to: 0n }]);
    const g = await call<GroupDetail>('groups.describe', { clusterId, groupId: 'scoped-group' });
    expect(g.partitions.map((p) => p.committed)).toEqual([10n, 10n, 0n]);
    await expect(call('groups.resetOffsets', { clusterId, groupId: 'scoped-group', mode: 'earliest', partitions: [0] }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /partitions needs exactly one topic/ });
    await expect(call('groups.resetOffsets', { clusterId, groupId: 'scoped-group', mode: 'earliest', topics: ['scoped'], partitions: [9] }))
      .rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /no partition 9/ });
  }, 40_000);
  let total = 0n;
});
