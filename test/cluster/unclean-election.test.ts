// Issue 5 "Must show": unclean.leader.election.enable on vs off shows Kafka's documented difference. The same
// story runs twice on a 3-broker cluster (topic RF 3, min.insync.replicas 1 so the leader alone can acknowledge):
// records A are acknowledged by all three; both followers are killed; records B are acknowledged by the leader
// alone; the leader is killed; the two out-of-sync followers come back.
// - off: the partition stays offline (no leader, writes refused) until the last ISR member returns, and then
//   every acknowledged record (A and B) is there: the checker finds the history valid.
// - on: an out-of-sync follower becomes leader at once and takes new writes (C) at B's offsets; when the old
//   leader returns it truncates. Acknowledged data is lost, and the checker must say so (lost-ack for B).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfluent, clientMetadata, createTopic, finalRead, oneShotProducer, producer } from './drivers/drivers.js';
import {
  MULTI_BROKER_MISSING_NOTE, REPLICATION_MISSING_NOTE, Recorder, multiBrokerAvailable, replicationWired, partitionOf, restoreAll, sleep, startCluster, waitFor, waitFullIsr,
  type TestCluster,
} from './harness.js';

const acked = (rec: Recorder, process: string) => rec.ops.filter((o) => o.process === process && o.f === 'send' && o.type === 'ok');

describe.skipIf(!multiBrokerAvailable)(`unclean leader election on vs off${multiBrokerAvailable ? '' : MULTI_BROKER_MISSING_NOTE}`, () => {
  let c: TestCluster;
  beforeAll(async () => {
    checkConfluent();
    c = await startCluster(3);
  }, 120_000);
  afterAll(async () => { await c?.stop(); });

  /** Runs the shared story up to "both followers back, old leader still down"; returns who is who. */
  async function story(topic: string, unclean: boolean, rec: Recorder, skip: (note: string) => never) {
    await restoreAll(c.control);
    await createTopic(c.bootstrap, topic, 1, 3, { 'min.insync.replicas': '1', 'unclean.leader.election.enable': String(unclean) });
    if (!(await replicationWired(c.control, topic))) skip(REPLICATION_MISSING_NOTE);
    await waitFullIsr(c.control, topic, 1, 3);
    await producer('confluent', rec, c.bootstrap, topic, 'A', 1, 20).done(60_000);
    await waitFor('A replicated to every replica', () => {
      const p = partitionOf(c.control, topic, 0)!;
      return p.replicas.every((r) => r.inIsr && r.logEndOffset === p.highWatermark);
    });
    const leader = partitionOf(c.control, topic, 0)!.leader;
    const followers = partitionOf(c.control, topic, 0)!.replicas.map((r) => r.nodeId).filter((n) => n !== leader);
    for (const f of followers) await c.control.killBroker(f);
    rec.note('nemesis', 'nemesis', `kill followers ${followers.join(', ')}`);
    await waitFor('ISR = the leader alone', () => partitionOf(c.control, topic, 0)!.replicas.filter((r) => r.inIsr).length === 1);
    await producer('confluent', rec, c.bootstrap, topic, 'B', 1, 20).done(60_000);
    expect(acked(rec, 'B').length).toBeGreaterThanOrEqual(15);
    await c.control.killBroker(leader);
    rec.note('nemesis', 'nemesis', `kill leader ${leader}`);
    for (const f of followers) await c.control.startBroker(f);
    rec.note('nemesis', 'nemesis', `start followers ${followers.join(', ')}`);
    return { leader, followers };
  }

  it('off: the partition stays offline until the last in-sync replica returns, and no acknowledged record is lost', async (ctx) => {
    const topic = 'unclean-off';
    const rec = new Recorder();
    const { leader } = await story(topic, false, rec, (note) => ctx.skip(note));
    // Give the controller ample time to (wrongly) elect an out-of-sync replica, then look.
    await sleep(5_000);
    const md = (await clientMetadata(c.bootstrap, topic))[0];
    expect(md.leader, `metadata: ${JSON.stringify(md)}`).toBe(-1);
    const refused = oneShotProducer('confluent', rec, c.bootstrap, topic, 'X', 1, 5);
    await refused.done(60_000);
    expect(acked(rec, 'X'), 'nothing can be acknowledged while the partition is offline').toEqual([]);

    await c.control.startBroker(leader);
    await waitFor('the old leader leads again', () => partitionOf(c.control, topic, 0)?.leader === leader, 30_000);
    await waitFullIsr(c.control, topic, 1, 3, 45_000);
    await finalRead(rec, c.bootstrap, topic);
    const result = rec.check('unclean-off', { checks: ['lost-ack', 'offset-conflict', 'producer-reorder'] });
    expect(result.valid, result.report).toBe(true);
  }, 180_000);

  it('on: an out-of-sync replica becomes leader and the records only the old leader had are lost (the checker says so)', async (ctx) => {
    const topic = 'unclean-on';
    const rec = new Recorder();
    const { leader, followers } = await story(topic, true, rec, (note) => ctx.skip(note));
    const newLeader = await waitFor('an out-of-sync replica elected leader', () => {
      const p = partitionOf(c.control, topic, 0);
      return p && followers.includes(p.leader) ? p.leader : undefined;
    }, 30_000);
    // The control surface's event stream shows the election (leader-change carries the new leader as brokerId).
    expect(c.control.events().some((e) => e.kind === 'leader-change' && e.topic === topic && e.brokerId === newLeader)).toBe(true);
    await producer('confluent', rec, c.bootstrap, topic, 'C', 1, 20).done(60_000);
    expect(acked(rec, 'C').length).toBeGreaterThanOrEqual(15);

    await c.control.startBroker(leader);
    await waitFullIsr(c.control, topic, 1, 3, 45_000);
    await finalRead(rec, c.bootstrap, topic);
    const result = rec.check('unclean-on-expected-loss', { checks: ['lost-ack', 'offset-conflict'], keepOnFailure: false });
    console.log(`[unclean on] ${result.report}`);
    expect(result.valid).toBe(false);
    const lost = new Set(result.anomalies.filter((a) => a.kind === 'lost-ack').map((a) => /"([^"]+)"/.exec(a.message)![1]));
    // Exactly B (acknowledged by the old leader alone) is lost; A (on every replica) and C (new leader) survive.
    expect([...lost].sort()).toEqual(acked(rec, 'B').map((o) => o.value!).sort());
    expect(result.anomalies.some((a) => a.kind === 'offset-conflict'), 'C took over offsets that B had been acknowledged at').toBe(true);
  }, 180_000);
});
