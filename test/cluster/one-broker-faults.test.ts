// The Jepsen-style machinery against real faults on one broker (runs today, before the multi-broker cluster):
// librdkafka and sarama producers and group consumers run while a seeded nemesis pauses/resumes the broker
// (connections held, nothing answered), isolates it from clients (connections reset) and restarts it cleanly.
// The checker must find no acknowledged write lost, no offset with two records, no commit moving backwards and
// no consumer gap or reordering. The seed is printed; TIDEPOOL_JEPSEN_SEED=<n> replays a plan.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSaramaHistory, checkConfluent, consumer, createTopic, finalRead, producer } from './drivers/drivers.js';
import { Recorder } from './harness.js';
import { planFaults, runNemesis } from './nemesis.js';
import { OneBrokerTarget } from './one-broker-target.js';

const RUN_S = 24;

describe('history under pause, client isolation and restart of one broker', () => {
  let dataDir: string;
  let target: OneBrokerTarget;
  beforeAll(async () => {
    checkConfluent();
    buildSaramaHistory();
    dataDir = mkdtempSync(join(tmpdir(), 'tidepool-one-broker-faults-'));
    target = await OneBrokerTarget.start(dataDir, {
      'default.replication.factor': '1', 'offsets.topic.replication.factor': '1', 'offsets.topic.num.partitions': '3',
      'group.initial.rebalance.delay.ms': '0',
    });
  }, 120_000);
  afterAll(async () => {
    await target?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`${RUN_S} s of pauses, isolations and restarts: the checker finds the history valid`, async () => {
    const seed = Number(process.env.TIDEPOOL_JEPSEN_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const plan = planFaults({ seed, nodeIds: [target.nodeId], durationMs: RUN_S * 1000, kinds: ['pause', 'isolate-clients', 'restart'], faultMs: [1500, 4000] });
    console.log(`[one-broker] seed ${seed}; plan: ${plan.map((s) => `${s.startMs}-${s.healMs} ${s.kind}`).join('; ')}`);
    const topic = 'one-broker-faults';
    await createTopic(target.bootstrap, topic, 3, 1);

    const rec = new Recorder();
    const drivers = [
      consumer('confluent', rec, target.bootstrap, topic, 'confluent-c', 'ob-confluent', RUN_S + 6),
      consumer('sarama', rec, target.bootstrap, topic, 'sarama-c', 'ob-sarama', RUN_S + 6),
      producer('confluent', rec, target.bootstrap, topic, 'confluent-p', RUN_S, 40),
      producer('sarama', rec, target.bootstrap, topic, 'sarama-p', RUN_S, 40),
    ];
    await runNemesis(target, plan, rec);
    target.healBroker();
    await Promise.all(drivers.map((d) => d.done(60_000)));
    await finalRead(rec, target.bootstrap, topic);

    const result = rec.check(`one-broker-seed-${seed}`);
    console.log(`[one-broker] seed ${seed}: ${result.report}`);
    expect(result.valid, `seed ${seed}\n${result.report}`).toBe(true);
    expect(plan.length).toBeGreaterThanOrEqual(2);
    expect(rec.count((o) => o.f === 'nemesis')).toBe(2 * plan.length);
    expect(result.stats.acked).toBeGreaterThan(result.stats.invoked / 2);
    expect(rec.count((o) => o.f === 'poll' && o.type === 'ok')).toBeGreaterThan(result.stats.acked / 2);
    // The faults were felt: some record waited at least a second for its acknowledgement.
    const invoked = new Map(rec.ops.filter((o) => o.f === 'send' && o.type === 'invoke').map((o) => [o.value, o.time]));
    const waits = rec.ops.filter((o) => o.f === 'send' && o.type === 'ok').map((o) => o.time - (invoked.get(o.value) ?? o.time));
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(1000);
  }, 120_000);
});
