// Failover time as a client sees it: a librdkafka (python3-confluent-kafka) producer sends 200 records/s (acks=all,
// idempotent) to a 1-partition RF 3 topic on 3 in-process brokers (min.insync.replicas 2); each trial takes the
// partition's leader down and measures from just before the call to the acknowledgement of the first record the
// producer sent after it (delivery-report time, same machine clock; acknowledgements of earlier records can be
// answers the old leader gave just before it died, so they do not count). Between trials the broker is started
// again and the ISR is back to 3. Two ways down, BENCH_TRIALS trials each (default 12): killBroker (abrupt: the
// controller notices when the broker's session expires, broker.session.timeout.ms = 3000 here) and stopBroker
// (controlled shutdown: leadership moves at once). p50/p99/max reported. This includes librdkafka's retry backoff
// (100 ms) and metadata refresh, which is the point: it is the outage a producer observes.
import { producer } from '../test/cluster/drivers/drivers.js';
import { Recorder, partitionOf, replicationWired, waitFor, waitFullIsr } from '../test/cluster/harness.js';
import { benchConfig, createTopic, loadAverage, percentile, printTable, refused, tryStartCluster, writeResult } from './cluster-bench-util.js';

const TRIALS = Number(process.env.BENCH_TRIALS ?? 12);

async function main(): Promise<void> {
  const load = loadAverage();
  const c = await tryStartCluster(3, { ...benchConfig(3), 'replica.lag.time.max.ms': '3000' });
  if (refused(c)) {
    console.log(`failover bench not run: ${c.refused}`);
    writeResult('cluster-failover', { trials: 0, loadAverage: load, note: `not run: ${c.refused}` });
    return;
  }
  const times: Record<'kill' | 'stop', number[]> = { kill: [], stop: [] };
  try {
    const topic = 'failover';
    await createTopic(c.bootstrap, topic, 1, 3);
    if (!(await replicationWired(c.control, topic))) {
      const note = 'not run: follower replication is not wired into LocalCluster in this tree';
      console.log(`failover bench ${note}`);
      writeResult('cluster-failover', { trials: 0, loadAverage: load, note });
      return;
    }
    await waitFullIsr(c.control, topic, 1, 3);
    const rec = new Recorder();
    const prod = producer('confluent', rec, c.bootstrap, topic, 'bench-p', 3600, 200);
    await rec.until('first ack', (o) => o.f === 'send' && o.type === 'ok', 30_000);
    for (const how of ['kill', 'stop'] as const) {
      for (let i = 0; i < TRIALS; i++) {
        const leader = partitionOf(c.control, topic, 0)!.leader;
        const mark = rec.ops.length;
        const t0 = Date.now();
        await (how === 'kill' ? c.control.killBroker(leader) : c.control.stopBroker(leader));
        const after = new Set<string>();
        const ack = await rec.until(`an ack of a record sent after the ${how} of ${leader}`, (o) => {
          if (o.index < mark || o.f !== 'send') return false;
          if (o.type === 'invoke' && o.time >= t0) after.add(o.value!);
          return o.type === 'ok' && after.has(o.value!);
        }, 60_000);
        times[how].push(ack.time - t0);
        console.log(`${how} trial ${i + 1}: leader ${leader} down, first ack of a later record after ${ack.time - t0} ms`);
        await c.control.startBroker(leader);
        await waitFullIsr(c.control, topic, 1, 3, 60_000);
        await waitFor('steady acks', () => rec.count((o) => o.index >= mark && o.f === 'send' && o.type === 'ok') > 50, 30_000);
      }
    }
    await prod.stop();
  } finally {
    await c.stop();
  }
  const rows = (['kill', 'stop'] as const).map((how) => ({
    'leader taken down by': how === 'kill' ? 'killBroker (abrupt)' : 'stopBroker (controlled)',
    trials: times[how].length, 'p50 ms': percentile(times[how], 50), 'p99 ms': percentile(times[how], 99),
    'max ms': Math.max(...times[how]), 'min ms': Math.min(...times[how]),
  }));
  printTable(`leader down -> first acknowledged later record, librdkafka, RF 3 (load avg ${load})`, rows);
  writeResult('cluster-failover', {
    loadAverage: load, sessionTimeoutMs: 3000,
    kill: { timesMs: times.kill, p50Ms: percentile(times.kill, 50), p99Ms: percentile(times.kill, 99) },
    stop: { timesMs: times.stop, p50Ms: percentile(times.stop, 50), p99Ms: percentile(times.stop, 99) },
  });
}

await main();
