// Issue 5 "Must show", second bullet: a bounded Jepsen-style history test (60 s of faults, about 90 s in all).
// Two producers (librdkafka and sarama, acks=all, idempotent) and two group consumers (one per client, each in its
// own group) run against 3 brokers (RF 3, min.insync.replicas 2, 3 partitions) while a seeded nemesis kills and
// restarts, pauses and resumes, and isolates and heals brokers at random. Then every fault is undone, a final
// reader reads each partition to its high watermark, and the checker verifies: no acknowledged write lost, no
// offset holding two different records, committed offsets never moving backwards (and no consumer gaps or
// reordering within an assignment). The seed is printed; TIDEPOOL_JEPSEN_SEED=<n> replays a plan. On failure the
// history and the explanation are kept in test-results/cluster-history/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSaramaHistory, checkConfluent, consumer, createTopic, finalRead, producer } from './drivers/drivers.js';
import { MULTI_BROKER_MISSING_NOTE, REPLICATION_MISSING_NOTE, Recorder, multiBrokerAvailable, replicationWired, restoreAll, startCluster, waitFullIsr, type TestCluster } from './harness.js';
import { planFaults, runNemesis } from './nemesis.js';

const RUN_S = 60;

describe.skipIf(!multiBrokerAvailable)(`Jepsen-style history under random faults${multiBrokerAvailable ? '' : MULTI_BROKER_MISSING_NOTE}`, () => {
  let c: TestCluster;
  beforeAll(async () => {
    checkConfluent();
    buildSaramaHistory();
    c = await startCluster(3);
  }, 120_000);
  afterAll(async () => { await c?.stop(); });

  it(`${RUN_S} s of kills, pauses and isolations: no acknowledged write lost, no offset with two records, commits never go back`, async (ctx) => {
    const seed = Number(process.env.TIDEPOOL_JEPSEN_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const plan = planFaults({ seed, nodeIds: c.control.status().brokers.map((b) => b.nodeId), durationMs: RUN_S * 1000 });
    console.log(`[jepsen] seed ${seed} (replay with TIDEPOOL_JEPSEN_SEED=${seed}); plan: ${plan.map((s) => `${s.startMs}-${s.healMs} ${s.kind} ${s.nodeId}`).join('; ')}`);
    const topic = 'jepsen';
    await createTopic(c.bootstrap, topic, 3, 3);
    if (!(await replicationWired(c.control, topic))) ctx.skip(REPLICATION_MISSING_NOTE);
    await waitFullIsr(c.control, topic, 3, 3);

    const rec = new Recorder();
    const drivers = [
      consumer('confluent', rec, c.bootstrap, topic, 'confluent-c', 'jepsen-confluent', RUN_S + 6),
      consumer('sarama', rec, c.bootstrap, topic, 'sarama-c', 'jepsen-sarama', RUN_S + 6),
      producer('confluent', rec, c.bootstrap, topic, 'confluent-p', RUN_S, 50),
      producer('sarama', rec, c.bootstrap, topic, 'sarama-p', RUN_S, 50),
    ];
    await runNemesis(c.control, plan, rec);
    await restoreAll(c.control);
    await Promise.all(drivers.map((d) => d.done(60_000)));
    await waitFullIsr(c.control, topic, 3, 3, 30_000);
    await finalRead(rec, c.bootstrap, topic);

    const result = rec.check(`jepsen-seed-${seed}`);
    console.log(`[jepsen] seed ${seed}: ${result.report}`);
    expect(result.valid, `seed ${seed}\n${result.report}`).toBe(true);
    // The run did something: faults happened and most writes still got through.
    expect(rec.count((o) => o.f === 'nemesis')).toBeGreaterThanOrEqual(2 * plan.length);
    expect(result.stats.acked).toBeGreaterThan(result.stats.invoked / 2);
    expect(rec.count((o) => o.f === 'poll' && o.type === 'ok')).toBeGreaterThan(result.stats.acked / 2);
  }, 150_000);
});
