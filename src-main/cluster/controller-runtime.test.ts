import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../broker/test-support/test-broker.js';
import { ControllerRuntime } from './controller-runtime.js';
import { seededRandom, topicByName } from './controller/index.js';

const dirs: string[] = [];
const open: ControllerRuntime[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function runtime(dir?: string, adoptClusterId?: string, checkIntervalMs = 3_600_000) {
  const d = dir ?? tempDir('tidepool-controller-');
  if (!dir) dirs.push(d);
  let now = 1_000_000;
  const rt = ControllerRuntime.open({
    dir: join(d, 'controller'), sessionTimeoutMs: 9000, checkIntervalMs, now: () => now, random: seededRandom(7), adoptClusterId,
  });
  open.push(rt);
  return { rt, dir: d, advance: (ms: number) => { now += ms; } };
}

const reg = (id: number, inc = `inc-${id}`) => ({ brokerId: id, incarnationId: Buffer.from(inc.padEnd(16, '.')).toString('base64url'), host: '127.0.0.1', port: 9000 + id });

function startBrokers(rt: ControllerRuntime, n: number): bigint[] {
  const epochs: bigint[] = [];
  for (let id = 1; id <= n; id++) {
    const e = rt.register(reg(id));
    rt.heartbeat(id, e);
    epochs.push(e);
  }
  return epochs;
}

const part = (rt: ControllerRuntime, topic: string, p = 0) => topicByName(rt.image, topic)!.partitions.get(p)!;

describe('ControllerRuntime', () => {
  it('registers a broker fenced with the offset of its record as epoch; its first heartbeat unfences it', () => {
    const { rt } = runtime();
    const epoch = rt.register(reg(1));
    expect(epoch).toBe(0n);
    expect(rt.image.brokers.get(1)).toMatchObject({ fenced: true, epoch: 0n, port: 9001 });
    expect(rt.controllerId).toBe(-1);
    rt.heartbeat(1, epoch);
    expect(rt.image.brokers.get(1)!.fenced).toBe(false);
    expect(rt.controllerId).toBe(1);
    expect(rt.register(reg(1))).toBe(epoch); // a retry from the same incarnation changes nothing
  });

  it('fences a broker whose session ran out, saying why, and unfences it when it heartbeats again', () => {
    const { rt, advance } = runtime();
    const [, e2] = startBrokers(rt, 3);
    expect(rt.createTopic({ name: 't', partitions: 3, replicationFactor: 3, configs: {} }).ok).toBe(true);
    const moves: [number, number, string][] = [];
    rt.onControllerMove((next, prev, cause) => moves.push([next, prev, cause]));
    advance(5000);
    rt.heartbeat(1, rt.image.brokers.get(1)!.epoch);
    rt.heartbeat(3, rt.image.brokers.get(3)!.epoch);
    advance(5000); // broker 2: 10 s silent; 1 and 3: 5 s
    rt.checkSessions();
    expect([1, 2, 3].map((id) => rt.image.brokers.get(id)!.fenced)).toEqual([false, true, false]);
    const fence = rt.readAll().filter((r) => r.record.type === 'PartitionChange').at(-1)!.record;
    expect(fence).toMatchObject({ reason: expect.stringMatching(/broker 2 fenced \(no heartbeat for 10000 ms \(broker.session.timeout.ms 9000\)\)/) });
    for (let p = 0; p < 3; p++) {
      expect(part(rt, 't', p).isr).not.toContain(2);
      expect(part(rt, 't', p).leader).not.toBe(2);
    }
    expect(moves).toEqual([]); // broker 1 stays the controller
    rt.heartbeat(2, e2);
    expect(rt.image.brokers.get(2)!.fenced).toBe(false);
  });

  it('a stalled host (the check itself comes late) extends every session instead of fencing', () => {
    const { rt, advance } = runtime(undefined, undefined, 1000);
    startBrokers(rt, 2);
    advance(1000);
    rt.heartbeat(1, rt.image.brokers.get(1)!.epoch);
    advance(60_000); // nothing ran for a minute: no heartbeat, no check
    rt.checkSessions();
    expect([1, 2].map((id) => rt.image.brokers.get(id)!.fenced)).toEqual([false, false]);
    for (let i = 0; i < 10; i++) { // on time again: broker 1 heartbeats, broker 2 stays silent
      rt.heartbeat(1, rt.image.brokers.get(1)!.epoch);
      advance(1000);
      rt.checkSessions();
    }
    expect([1, 2].map((id) => rt.image.brokers.get(id)!.fenced)).toEqual([false, true]);
  });

  it('refuses heartbeats from an old epoch or an unknown broker with Kafka error names', () => {
    const { rt } = runtime();
    const [e1] = startBrokers(rt, 1);
    expect(() => rt.heartbeat(1, e1 + 5n)).toThrow(expect.objectContaining({ code: 'STALE_BROKER_EPOCH' }));
    expect(() => rt.heartbeat(4, 0n)).toThrow(expect.objectContaining({ code: 'BROKER_ID_NOT_REGISTERED' }));
  });

  it('a controlled shutdown moves leadership away and fences at once; the controller role moves to the next lowest id', () => {
    const { rt } = runtime();
    const [e1] = startBrokers(rt, 3);
    rt.createTopic({ name: 't', partitions: 6, replicationFactor: 2, configs: {} });
    const moves: [number, number, string][] = [];
    rt.onControllerMove((next, prev, cause) => moves.push([next, prev, cause]));
    rt.controlledShutdown(1, e1);
    expect(rt.image.brokers.get(1)!.fenced).toBe(true);
    for (let p = 0; p < 6; p++) expect(part(rt, 't', p).leader).not.toBe(1);
    expect(moves).toEqual([[2, 1, 'broker 1 stopped']]);
    expect(rt.controllerId).toBe(2);
  });

  it('a broker restarted in the same run with a new incarnation is fenced first (its session is over), then registered anew', () => {
    const { rt } = runtime();
    const [, , e3] = startBrokers(rt, 3);
    rt.createTopic({ name: 't', partitions: 3, replicationFactor: 3, configs: {} });
    const led = [0, 1, 2].find((p) => part(rt, 't', p).leader === 3)!;
    const e3b = rt.register(reg(3, 'second-life'));
    expect(e3b).toBeGreaterThan(e3);
    expect(part(rt, 't', led).leader).not.toBe(3);
    expect(part(rt, 't', led).isr).not.toContain(3);
    rt.heartbeat(3, e3b);
    expect(rt.image.brokers.get(3)).toMatchObject({ fenced: false, epoch: e3b });
  });

  it('after a whole-cluster restart, re-registration keeps leaders and ISRs; the cluster id is kept', () => {
    const first = runtime();
    startBrokers(first.rt, 3);
    first.rt.createTopic({ name: 't', partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    const before = [0, 1, 2].map((p) => part(first.rt, 't', p));
    const clusterId = first.rt.clusterId;
    first.rt.close();
    const second = runtime(first.dir, 'ignored-when-the-dir-has-one');
    expect(second.rt.clusterId).toBe(clusterId);
    for (let id = 1; id <= 3; id++) {
      const e = second.rt.register(reg(id, `again-${id}`));
      second.rt.heartbeat(id, e);
    }
    expect([0, 1, 2].map((p) => [part(second.rt, 't', p).leader, part(second.rt, 't', p).isr])).toEqual(before.map((p) => [p.leader, p.isr]));
    expect(second.rt.image.configs.get('2:t')?.get('min.insync.replicas')).toBe('2');
  });

  it('adopts a given cluster id for a new controller directory', () => {
    const { rt } = runtime(undefined, 'legacy-cluster-id');
    expect(rt.clusterId).toBe('legacy-cluster-id');
  });

  it('answers admin decisions with Kafka error names and messages, never a throw', () => {
    const { rt } = runtime();
    startBrokers(rt, 3);
    expect(rt.createTopic({ name: 'big', partitions: 1, replicationFactor: 4, configs: {} }))
      .toMatchObject({ ok: false, error: 'INVALID_REPLICATION_FACTOR', message: expect.stringMatching(/larger than the 3 available/) });
    expect(rt.createTopic({ name: 'bad name!', partitions: 1, replicationFactor: 1, configs: {} })).toMatchObject({ ok: false, error: 'INVALID_TOPIC_EXCEPTION' });
    expect(rt.deleteTopic('nope')).toMatchObject({ ok: false, error: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect(rt.createTopic({ name: 't', partitions: 2, replicationFactor: 2, configs: {} }).ok).toBe(true);
    expect(rt.createPartitions('t', 2)).toMatchObject({ ok: false, error: 'INVALID_PARTITIONS' });
    expect(rt.createPartitions('t', 4)).toMatchObject({ ok: true });
    expect(rt.alterTopicConfigs('t', { 'min.insync.replicas': 'zero' })).toMatchObject({ ok: false, error: 'INVALID_CONFIG' });
    expect(rt.alterTopicConfigs('t', { 'retention.ms': '5', 'cleanup.policy': null })).toMatchObject({ ok: true });
    expect(rt.image.configs.get('2:t')?.get('retention.ms')).toBe('5');
    expect(rt.electLeader('t', 0, 'preferred')).toMatchObject({ ok: false, error: 'ELECTION_NOT_NEEDED' });
    expect(rt.deleteTopic('t')).toMatchObject({ ok: true });
    rt.close();
    expect(rt.createTopic({ name: 'late', partitions: 1, replicationFactor: 1, configs: {} })).toMatchObject({ ok: false, error: 'NOT_CONTROLLER' });
  });

  it('AlterPartition: a leader shrinks the ISR; a stale partition epoch or an unknown topic is refused', () => {
    const { rt } = runtime();
    startBrokers(rt, 3);
    rt.createTopic({ name: 't', partitions: 1, replicationFactor: 3, configs: {} });
    const p = part(rt, 't');
    const leaderEpoch = rt.image.brokers.get(p.leader)!.epoch;
    const follower = p.replicas.find((r) => r !== p.leader)!;
    const req = {
      topic: 't', partition: 0, leaderId: p.leader, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch,
      newIsr: p.isr.filter((r) => r !== follower), removed: [{ id: follower, reason: 'lagging' }], added: [],
    };
    const ok = rt.alterPartition(req, leaderEpoch);
    expect(ok).toMatchObject({ ok: true, state: { isr: req.newIsr, partitionEpoch: p.partitionEpoch + 1, leaderEpoch: p.leaderEpoch } });
    expect(rt.alterPartition(req, leaderEpoch)).toMatchObject({ ok: false, error: 'INVALID_UPDATE_VERSION' });
    expect(rt.alterPartition({ ...req, topic: 'gone' }, leaderEpoch)).toMatchObject({ ok: false, error: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect(rt.alterPartition({ ...req, partitionEpoch: p.partitionEpoch + 1 }, leaderEpoch + 1n)).toMatchObject({ ok: false, error: 'STALE_BROKER_EPOCH' });
  });
});
