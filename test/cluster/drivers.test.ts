// The failover pipeline end to end on one broker (runs today, before the multi-broker cluster lands): each real
// client driver produces sequence-numbered records at acks=all and consumes them in a group while logging every
// operation; a final read plus the checker then prove the history format, the drivers and the checker agree on
// a healthy run (every ack read back at its offset, no gaps, commits forward).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSaramaHistory, checkConfluent, consumer, createTopic, finalRead, oneShotProducer, producer, type ClientName } from './drivers/drivers.js';
import { Recorder, startCluster, type TestCluster } from './harness.js';

const SINGLE: Record<string, string> = {
  'default.replication.factor': '1', 'min.insync.replicas': '1', 'offsets.topic.replication.factor': '1',
  'offsets.topic.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0',
};

describe('failover drivers on a single broker', () => {
  let c: TestCluster;
  beforeAll(async () => {
    checkConfluent();
    buildSaramaHistory();
    c = await startCluster(1, SINGLE);
  }, 120_000);
  afterAll(async () => { await c?.stop(); });

  for (const client of ['confluent', 'sarama'] as ClientName[]) {
    it(`${client}: continuous acks=all produce and a group consumer give a valid, complete history`, async () => {
      const topic = `drivers-${client}`;
      await createTopic(c.bootstrap, topic, 3, 1);
      const rec = new Recorder();
      const cons = consumer(client, rec, c.bootstrap, topic, `${client}-c`, `${topic}-g`, 9);
      const prod = producer(client, rec, c.bootstrap, topic, `${client}-p`, 4, 100);
      await prod.done(60_000);
      await cons.done(60_000);
      await finalRead(rec, c.bootstrap, topic);
      const result = rec.check(`drivers-${client}`);
      expect(result.valid, result.report).toBe(true);
      const sends = result.stats;
      expect(sends.invoked).toBeGreaterThanOrEqual(350);
      expect(sends.acked).toBe(sends.invoked);
      // The consumer saw every acknowledged record, and its group's committed offsets were observed.
      const polled = new Set(rec.ops.filter((o) => o.f === 'poll' && o.type === 'ok').map((o) => o.value));
      expect(rec.ops.filter((o) => o.f === 'send' && o.type === 'ok').every((o) => polled.has(o.value))).toBe(true);
      expect(rec.count((o) => (o.f === 'commit' || o.f === 'committed') && o.type === 'ok' && (o.offset ?? -1n) > 0n)).toBeGreaterThan(0);
    }, 90_000);

    it(`${client}: a write below min.insync.replicas is logged as a definite fail with NOT_ENOUGH_REPLICAS`, async () => {
      const topic = `drivers-nier-${client}`;
      await createTopic(c.bootstrap, topic, 1, 1, { 'min.insync.replicas': '2' });
      const rec = new Recorder();
      await oneShotProducer(client, rec, c.bootstrap, topic, `${client}-x`, 1, 10).done(60_000);
      const outcomes = rec.ops.filter((o) => o.f === 'send' && o.type !== 'invoke');
      expect(outcomes.length).toBeGreaterThanOrEqual(9);
      expect(outcomes.every((o) => o.type === 'fail' && /NOT_ENOUGH_REPLICAS|fewer in-sync replicas/i.test(o.error ?? '')),
        JSON.stringify(outcomes.slice(0, 3))).toBe(true);
    }, 60_000);
  }
});
