import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../broker/test-support/test-broker.js';
import { LocalCluster } from '../cluster/index.js';
import type { GroupDetail, GroupSummary, LagSample, ResetResult } from '../contract/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { createGroupsService } from './groups-service.js';
import { LagSampler } from './lag-sampler.js';

const ctx = { transport: 'in-process' as const };
const TOPIC = 'orders';
const GROUP = 'billing';

describe('groups.* against a real embedded cluster with a real kafkajs consumer group', () => {
  let dir: string;
  let cluster: LocalCluster;
  let registry: ClusterRegistry;
  let sampler: LagSampler;
  let d: Dispatcher;
  let kafka: Kafka;
  let consumer: Consumer | undefined;
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await d.call(name, input, ctx);
    if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
    return res.value as T;
  };
  const produce = async (n: number, from: number) => {
    const p = kafka.producer();
    await p.connect();
    await p.send({ topic: TOPIC, messages: Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: `v${from + i}`, partition: (from + i) % 3 })) });
    await p.disconnect();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-groups-'));
    cluster = await LocalCluster.start({ dataDir: dir, port: 0, config: new Map([['group.initial.rebalance.delay.ms', '0']]) });
    registry = new ClusterRegistry({ backend: { connectTimeoutMs: 3000, requestTimeoutMs: 10_000 } });
    await registry.registerLocal(cluster.bootstrap);
    await registry.connect(LOCAL_CLUSTER_ID);
    sampler = new LagSampler(registry, { intervalMs: 60_000, capacity: 3 });
    d = new Dispatcher(createGroupsService(registry, sampler) as never);
    kafka = new Kafka({ clientId: 'groups-test', brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    await produce(30, 0);
  }, 30_000);

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await sampler.stop();
    await registry.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists and describes a committing group, then shows lag after more produce, sampled and pushed', async () => {
    consumer = kafka.consumer({ groupId: GROUP, sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    let seen = 0;
    await consumer.run({ eachMessage: async () => { seen++; } });
    await waitFor(() => seen >= 30, 20_000, 'the consumer reads 30 messages');
    let detail: GroupDetail | undefined;
    await waitFor(() => {
      void call<GroupDetail>('groups.describe', { clusterId: 'local', groupId: GROUP }).then((g) => { detail = g; }, () => undefined);
      return detail !== undefined && detail.partitions.every((p) => p.committed !== null) && detail.totalLag === 0n;
    }, 20_000, 'every partition committed with no lag');
    expect(detail!).toMatchObject({ state: 'Stable', protocolType: 'consumer', topics: [TOPIC], uncommitted: 0 });
    expect(detail!.members).toHaveLength(1);
    expect(detail!.members[0]!.clientId).toBe('groups-test');
    expect(detail!.members[0]!.assignments).toEqual([{ topic: TOPIC, partitions: [0, 1, 2] }]);
    expect(detail!.partitions.map((p) => [p.partition, p.committed, p.end, p.lag, p.owner])).toEqual(
      [0, 1, 2].map((i) => [i, 10n, 10n, 0n, detail!.members[0]!.memberId]));

    const list = await call<GroupSummary[]>('groups.list', { clusterId: 'local' });
    expect(list).toEqual([{ groupId: GROUP, state: 'Stable', protocolType: 'consumer', members: 1, topics: [TOPIC], totalLag: 0n, uncommitted: 0 }]);

    // The consumer stops fetching; new records become lag.
    consumer.pause([{ topic: TOPIC }]);
    await produce(9, 30);
    const pushed: LagSample[] = [];
    const unsub = d.subscribe('groups.lag', { clusterId: 'local' }, (s) => pushed.push(s as LagSample), ctx);
    await sampler.tick();
    unsub();
    expect(pushed).toHaveLength(1);
    const g = pushed[0]!.groups.find((x) => x.groupId === GROUP)!;
    expect(g).toMatchObject({ state: 'Stable', members: 1, totalLag: 9n });
    expect(g.partitions).toEqual([0, 1, 2].map((i) => ({ topic: TOPIC, partition: i, lag: 3n })));
    expect((await call<LagSample[]>('groups.lagHistory', { clusterId: 'local' })).at(-1)).toEqual(pushed[0]);
    // History is bounded.
    for (let i = 0; i < 4; i++) await sampler.tick();
    expect(await call<LagSample[]>('groups.lagHistory', { clusterId: 'local' })).toHaveLength(3);
  }, 60_000);

  it('refuses to reset or delete while members are active, with the reason; a dry run still plans', async () => {
    await expect(call('groups.resetOffsets', { clusterId: 'local', groupId: GROUP, mode: 'earliest' }))
      .rejects.toMatchObject({ code: 'TP_CONFLICT', message: /1 active member \(groups-test@.*Stop its consumers/, details: { reason: 'active-members' } });
    await expect(call('groups.delete', { clusterId: 'local', groupId: GROUP }))
      .rejects.toMatchObject({ code: 'TP_CONFLICT', message: /active member/ });
    const plan = await call<ResetResult>('groups.resetOffsets', { clusterId: 'local', groupId: GROUP, mode: 'earliest', dryRun: true });
    expect(plan).toMatchObject({ applied: false, partitions: [0, 1, 2].map((i) => ({ topic: TOPIC, partition: i, from: 10n, to: 0n })) });
  });

  it('resets to earliest, an offset (clamped), a timestamp and latest once the group is empty, then deletes it', async () => {
    await consumer!.disconnect();
    consumer = undefined;
    let state = '';
    await waitFor(() => {
      void call<GroupDetail>('groups.describe', { clusterId: 'local', groupId: GROUP }).then((g) => { state = g.state; }, () => undefined);
      return state === 'Empty';
    }, 15_000, 'the group becomes Empty');

    const lagOf = async () => (await call<GroupDetail>('groups.describe', { clusterId: 'local', groupId: GROUP })).partitions.map((p) => p.committed);
    const r = await call<ResetResult>('groups.resetOffsets', { clusterId: 'local', groupId: GROUP, mode: 'earliest' });
    expect(r.applied).toBe(true);
    expect(await lagOf()).toEqual([0n, 0n, 0n]);
    expect((await call<GroupDetail>('groups.describe', { clusterId: 'local', groupId: GROUP })).totalLag).toBe(39n);

    await call('groups.resetOffsets', { clusterId: 'local', groupId: GROUP, mode: 'offset', value: '5' });
    expect(await lagOf()).toEqual([5n, 5n, 5n]);
    // Plans (dry runs commit nothing, so they are cheap): clamped offsets, and timestamps before and after every record.
    const plan = async (mode: string, value: unknown) =>
      (await call<ResetResult>('groups.resetOffsets', { clusterId: 'local', groupId: GROUP, mode, value, dryRun: true })).partitions.map((p) => [p.from, p.to]);
    expect(await plan('offset', 99n)).toEqual([[5n, 13n], [5n, 13n], [5n, 13n]]);
    expect(await plan('offset', -4)).toEqual([[5n, 0n], [5n, 0n], [5n, 0n]]);
    expect(await plan('timestamp', 0)).toEqual([[5n, 0n], [5n, 0n], [5n, 0n]]);
    expect(await plan('timestamp', String(Date.now() + 3_600_000))).toEqual([[5n, 13n], [5n, 13n], [5n, 13n]]);
    expect(await lagOf()).toEqual([5n, 5n, 5n]);

    await call('groups.resetOffsets', { clusterId: 'local', groupId: GROUP, mode: 'latest', topics: [TOPIC] });
    expect((await call<GroupDetail>('groups.describe', { clusterId: 'local', groupId: GROUP })).totalLag).toBe(0n);

    expect(await call('groups.delete', { clusterId: 'local', groupId: GROUP })).toEqual({ deleted: true, groupId: GROUP });
    expect((await call<GroupSummary[]>('groups.list', { clusterId: 'local' })).map((g) => g.groupId)).not.toContain(GROUP);
    await expect(call('groups.describe', { clusterId: 'local', groupId: GROUP })).rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /No consumer group "billing"/ });
  }, 90_000);

  it('gives readable errors for bad input, unknown topics, unknown groups and unknown clusters', async () => {
    await expect(call('groups.resetOffsets', { clusterId: 'local', groupId: GROUP, mode: 'offset' }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /value is required/ });
    await expect(call('groups.resetOffsets', { clusterId: 'local', groupId: GROUP, mode: 'offset', value: 'ten' }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(call('groups.resetOffsets', { clusterId: 'local', groupId: 'nobody', mode: 'earliest' }))
      .rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
    await expect(call('groups.list', { clusterId: 'nope' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /No cluster profile/ });
    await expect(call('groups.delete', { clusterId: 'local', groupId: 'nobody' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
    await expect(call('groups.resetOffsets', { clusterId: 'local', groupId: 'nobody', mode: 'latest', topics: ['no-such-topic'], dryRun: true }))
      .rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });
});
