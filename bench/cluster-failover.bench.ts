// Failover time as a client sees it: a librdkafka (python3-confluent-kafka) producer sends 200 records/s (acks=all,
// idempotent) to a 1-partition RF 3 topic on 3 in-process brokers (min.insync.replicas 2); each trial kills the
// partition's leader and measures from just before killBroker() to the producer's next acknowledged record
// (the delivery report's time, same machine clock). Between trials the killed broker is started again and the
// ISR is back to 3. BENCH_TRIALS trials (default 12); p50/p99/max reported. This includes the client's own
// retry backoff (100 ms) and metadata refresh, which is the point: it is the outage a producer observes.
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
  const times: number[] = [];
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
    for (let i = 0; i < TRIALS; i++) {
      const leader = partitionOf(c.control, topic, 0)!.leader;
      const mark = rec.ops.length;
      const t0 = Date.now();
      await c.control.killBroker(leader);
      const ack = await rec.until(`an ack after killing ${leader}`, (o) => o.index >= mark && o.f === 'send' && o.type === 'ok' && o.time >= t0, 60_000);
      times.push(ack.time - t0);
      console.log(`trial ${i + 1}: leader ${leader} killed, next ack after ${ack.time - t0} ms`);
      await c.control.startBroker(leader);
      await waitFullIsr(c.control, topic, 1, 3, 60_000);
      await waitFor('steady acks', () => rec.count((o) => o.index >= mark && o.f === 'send' && o.type === 'ok') > 50, 30_000);
    }
    await prod.stop();
  } finally {
    await c.stop();
  }
  const row = { trials: times.length, 'p50 ms': percentile(times, 50), 'p99 ms': percentile(times, 99), 'max ms': Math.max(...times), 'min ms': Math.min(...times) };
  printTable(`leader kill -> next acknowledged produce, librdkafka, RF 3 (load avg ${load})`, [row]);
  writeResult('cluster-failover', { loadAverage: load, timesMs: times, p50Ms: row['p50 ms'], p99Ms: row['p99 ms'], maxMs: row['max ms'] });
}

await main();
