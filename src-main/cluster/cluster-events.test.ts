// ClusterEvents over a real MetadataLog in a temp dir: real controller decisions appended as records, each
// turned into the events the UI shows (with time from the batch and the cause), the ring's bounds and seq.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterEvents } from './cluster-events.js';
import type { ClusterEvent } from './control.js';
import { fenceBroker, registerBroker, unfenceBroker } from './controller/broker-decisions.js';
import { MetadataLog } from './controller/metadata-log.js';
import { alterPartition, electLeader } from './controller/partition-decisions.js';
import { reassignPartition } from './controller/reassignment.js';
import { incarnation } from './controller/test-helpers.js';
import { alterConfig, createTopic, deleteTopic } from './controller/topic-decisions.js';
import { seededRandom } from './controller/seeded-random.js';
import { topicByName } from './controller/metadata-image.js';

const T0 = 1_700_000_000_000;

describe('ClusterEvents from metadata-log appends', () => {
  let dir: string;
  let log: MetadataLog;
  let clock = T0;
  let events: ClusterEvents;
  let seen: ClusterEvent[];
  let detach: () => void;

  const register = (id: number, inc = id) => {
    const reg = registerBroker(log.image, { brokerId: id, incarnationId: incarnation(inc), host: '127.0.0.1', port: 9091 + id });
    log.append(reg.records);
    return reg.brokerEpoch;
  };
  const epoch = (id: number) => log.image.brokers.get(id)!.epoch;
  const partition = (topic: string, id = 0) => topicByName(log.image, topic)!.partitions.get(id)!;
  const kinds = () => seen.map((e) => e.kind);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tp-cluster-events-'));
    clock = T0;
    log = MetadataLog.open({ dataDir: dir, now: () => clock, syncEachAppend: false });
    events = new ClusterEvents({ now: () => clock });
    seen = [];
    events.onEvent((e) => seen.push(e));
    detach = events.follow(log);
  });
  afterEach(() => {
    detach();
    log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Three live brokers and topic "orders" placed on 1,2,3 (leader 1), events so far dropped. */
  function threeBrokersAndTopic(): void {
    for (const id of [1, 2, 3]) {
      const e = register(id);
      log.append(unfenceBroker(log.image, id, e));
    }
    log.append(createTopic(log.image, { name: 'orders', assignment: [[1, 2, 3], [2, 3, 1]] }, seededRandom(1)).records);
    seen = [];
  }

  it('reports registrations and unfencing with epochs, and a restart as such', () => {
    clock = T0 + 5;
    const e1 = register(1);
    log.append(unfenceBroker(log.image, 1, e1));
    expect(seen).toEqual([
      { seq: 1, time: T0 + 5, kind: 'broker-registered', brokerId: 1, cause: 'broker 1 registered', detail: { brokerEpoch: e1, host: '127.0.0.1', port: 9092, rack: null, restart: false } },
      { seq: 2, time: T0 + 5, kind: 'broker-unfenced', brokerId: 1, cause: 'broker 1 unfenced', detail: { brokerEpoch: e1 } },
    ]);
    log.append(fenceBroker(log.image, 1, e1));
    events.withCause('broker 1 restarted', () => register(1, 77));
    expect(seen.at(-1)).toMatchObject({ kind: 'broker-registered', cause: 'broker 1 restarted', detail: { restart: true } });
  });

  it('turns a kill (fence with cause) into broker-fenced, leader-change and isr-shrink events with time and cause', () => {
    threeBrokersAndTopic();
    clock = T0 + 1000;
    events.withCause('broker 1 killed', () => log.append(fenceBroker(log.image, 1, epoch(1), 'killed')));
    expect(kinds()).toEqual(['broker-fenced', 'leader-change', 'isr-shrink', 'isr-shrink']);
    expect(seen[0]).toMatchObject({ brokerId: 1, cause: 'broker 1 killed', time: T0 + 1000 });
    expect(seen[1]).toMatchObject({
      topic: 'orders', partition: 0, brokerId: 2, cause: 'broker 1 killed',
      detail: { from: 1, to: 2, fromEpoch: 0, leaderEpoch: 1, election: 'clean', reason: 'broker 1 fenced (killed)' },
    });
    expect(seen[2]).toMatchObject({ kind: 'isr-shrink', topic: 'orders', partition: 0, brokerId: 1, detail: { replica: 1, isr: [2, 3], previousIsr: [1, 2, 3] } });
    expect(seen[3]).toMatchObject({ kind: 'isr-shrink', partition: 1, brokerId: 1, detail: { isr: [2, 3] } });
    const first = seen[0].seq;
    expect(seen.map((e) => e.seq)).toEqual([first, first + 1, first + 2, first + 3]);
  });

  it('without a runtime cause, a fence takes its cause from the re-elections and changes keep their reason', () => {
    threeBrokersAndTopic();
    log.append(fenceBroker(log.image, 2, epoch(2), 'missed heartbeats'));
    expect(seen[0]).toMatchObject({ kind: 'broker-fenced', brokerId: 2, cause: 'missed heartbeats' });
    expect(seen.find((e) => e.kind === 'leader-change')).toMatchObject({ partition: 1, cause: 'broker 2 fenced (missed heartbeats)', detail: { from: 2, to: 3 } });
  });

  it('reports a partition going offline, an unclean election, and isr-expand with the reason given', () => {
    threeBrokersAndTopic();
    log.append(alterConfig(log.image, 2, 'orders', 'unclean.leader.election.enable', 'true'));
    for (const id of [2, 3]) log.append(fenceBroker(log.image, id, epoch(id), 'killed'));
    seen = [];
    log.append(fenceBroker(log.image, 1, epoch(1), 'killed'));
    expect(seen.filter((e) => e.kind === 'leader-change').map((e) => e.detail?.election)).toEqual(['offline', 'offline']);
    seen = [];
    // Broker 2 comes back: it was out of the ISR, so partition 0 gets it by an unclean election.
    const e2 = register(2, 22);
    log.append(unfenceBroker(log.image, 2, e2));
    const lc = seen.filter((e) => e.kind === 'leader-change');
    expect(lc.map((e) => [e.partition, e.detail?.to, e.detail?.election])).toEqual([[0, 2, 'unclean'], [1, 2, 'unclean']]);
    expect(lc[0].cause).toMatch(/unclean leader election/);
    seen = [];
    const e3 = register(3, 33);
    log.append(unfenceBroker(log.image, 3, e3));
    const p = partition('orders');
    events.withCause('replica 3 caught up to the high watermark', () => log.append(alterPartition(log.image, {
      brokerId: 2, brokerEpoch: e2, topicId: p.topicId, partitionId: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [2, 3],
    }).records));
    expect(seen.at(-1)).toMatchObject({
      kind: 'isr-expand', partition: 0, brokerId: 3, cause: 'replica 3 caught up to the high watermark',
      detail: { replica: 3, isr: [2, 3], previousIsr: [2], reason: 'ISR expand' },
    });
  });

  it('reports a preferred leader election, topic creation (partitions, RF) and deletion', () => {
    threeBrokersAndTopic();
    log.append(fenceBroker(log.image, 1, epoch(1)));
    const e1 = register(1, 11);
    log.append(unfenceBroker(log.image, 1, e1));
    const p = partition('orders');
    log.append(alterPartition(log.image, { brokerId: 2, brokerEpoch: epoch(2), topicId: p.topicId, partitionId: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [2, 3, 1] }).records);
    seen = [];
    log.append(electLeader(log.image, 'orders', 0, 'preferred').records);
    expect(seen).toMatchObject([{ kind: 'leader-change', cause: 'preferred leader election', detail: { from: 2, to: 1, election: 'clean' } }]);
    seen = [];
    log.append(createTopic(log.image, { name: 'audit', partitions: 3, replicationFactor: 2 }, seededRandom(4)).records);
    log.append(deleteTopic(log.image, 'orders'));
    expect(seen).toMatchObject([
      { kind: 'topic-created', topic: 'audit', cause: 'topic audit created', detail: { partitions: 3, replicationFactor: 2 } },
      { kind: 'topic-deleted', topic: 'orders', cause: 'topic orders deleted' },
    ]);
  });

  it('reports reassignment steps: started, then finished when the new replica is in sync', () => {
    for (const id of [1, 2, 3, 4]) {
      const e = register(id);
      log.append(unfenceBroker(log.image, id, e));
    }
    log.append(createTopic(log.image, { name: 'moves', assignment: [[1, 2, 3]] }, seededRandom(1)).records);
    seen = [];
    log.append(reassignPartition(log.image, 'moves', 0, [4, 2, 3]).records);
    expect(seen).toMatchObject([{ kind: 'reassignment', topic: 'moves', partition: 0, cause: 'reassignment started', detail: { phase: 'started', adding: [4], removing: [1] } }]);
    seen = [];
    const p = partition('moves');
    log.append(alterPartition(log.image, { brokerId: 1, brokerEpoch: epoch(1), topicId: p.topicId, partitionId: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [1, 2, 3, 4] }).records);
    expect(kinds()).toEqual(['leader-change', 'isr-shrink', 'isr-expand', 'reassignment']);
    expect(seen.at(-1)).toMatchObject({ detail: { phase: 'finished', from: [4, 2, 3, 1], to: [4, 2, 3], adding: [], removing: [] } });
  });

  it('says nothing for config changes, and stops following once detached', () => {
    threeBrokersAndTopic();
    log.append(alterConfig(log.image, 2, 'orders', 'retention.ms', '1000'));
    expect(seen).toEqual([]);
    detach();
    log.append(fenceBroker(log.image, 1, epoch(1)));
    expect(seen).toEqual([]);
  });

  it('keeps an append working when a listener throws, and reports the error', () => {
    const errors: unknown[] = [];
    const ev = new ClusterEvents({ onListenerError: (e) => errors.push(e) });
    ev.onEvent(() => { throw new Error('listener bug'); });
    const off = ev.follow(log);
    register(1);
    off();
    expect(errors).toHaveLength(1);
    expect(ev.events()).toHaveLength(1);
    expect(log.image.brokers.has(1)).toBe(true);
  });
});

describe('ClusterEvents ring', () => {
  it('keeps the newest `capacity` events with increasing seq, readable since a seq', () => {
    const ev = new ClusterEvents({ capacity: 5, now: () => 42 });
    for (let i = 1; i <= 12; i++) ev.emit({ kind: 'fault', cause: `f${i}`, brokerId: i });
    expect(ev.lastSeq).toBe(12);
    expect(ev.events().map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(ev.events(10).map((e) => e.cause)).toEqual(['f11', 'f12']);
    expect(ev.events(2).map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(ev.events(12)).toEqual([]);
    expect(ev.events(99)).toEqual([]);
    expect(ev.events()[0]).toEqual({ seq: 8, time: 42, kind: 'fault', cause: 'f8', brokerId: 8 });
  });

  it('holds 10,000 by default', () => {
    const ev = new ClusterEvents();
    for (let i = 0; i < 10_050; i++) ev.emit({ kind: 'fault', cause: 'x' });
    const all = ev.events();
    expect(all).toHaveLength(10_000);
    expect(all[0].seq).toBe(51);
  });

  it('records controller moves', () => {
    const ev = new ClusterEvents({ now: () => 7 });
    expect(ev.controllerMoved(1, 2, 'broker 1 killed')).toEqual({
      seq: 1, time: 7, kind: 'controller-move', cause: 'broker 1 killed', brokerId: 2, detail: { from: 1, to: 2 },
    });
  });

  it('refuses a nonsensical capacity', () => {
    expect(() => new ClusterEvents({ capacity: 0 })).toThrow(RangeError);
    expect(() => new ClusterEvents({ capacity: 2.5 })).toThrow(/positive whole number/);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const ev = new ClusterEvents();
    const got: number[] = [];
    const off = ev.onEvent((e) => got.push(e.seq));
    ev.emit({ kind: 'fault', cause: 'a' });
    off();
    ev.emit({ kind: 'fault', cause: 'b' });
    expect(got).toEqual([1]);
  });
});
