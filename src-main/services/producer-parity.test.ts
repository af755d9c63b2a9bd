// Partitioner parity with a real client: librdkafka (kcat) with topic.partitioner=murmur2_random, which is
// its Java-compatible partitioner, spreads keyed records over the partitions; producer.send with partition
// "auto" must put every key on the same partition.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionForKey } from '../clients/index.js';
import type { LocalCluster } from '../cluster/index.js';
import type { ProduceResult } from '../contract/index.js';
import { LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { startServiceHarness, type ServiceHarness } from './service-test-support.js';

const KCAT = '/usr/bin/kcat';
const run = promisify(execFile);
const clusterId = LOCAL_CLUSTER_ID;
// Keys of many lengths (every murmur2 tail case), non-ASCII UTF-8 and digits.
const KEYS = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `user-${i}` : i % 3 === 1 ? `${'k'.repeat(i % 13)}${i}` : `clé-${i}-ü`));

function kcatProduce(bootstrap: string, args: string[], input: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(KCAT, ['-b', bootstrap, '-P', ...args]);
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    p.once('exit', (code) => resolve({ code, stderr }));
    p.stdin.end(input);
  });
}

describe.skipIf(!existsSync(KCAT))('partition "auto" = librdkafka murmur2_random = Java', () => {
  let h: ServiceHarness;
  let cluster: LocalCluster;
  const call = <T>(name: string, input: unknown) => h.call<T>(name, input);

  beforeAll(async () => {
    h = await startServiceHarness({ name: 'parity' });
    ({ cluster } = h);
    await call('topics.create', { clusterId, topic: 'parity', partitions: 7, replicationFactor: 1 });
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  it('kcat and producer.send put each of 300 keys on the same partition, which is toPositive(murmur2) % 7', async () => {
    const input = KEYS.map((k) => `${k}\t${k}`).join('\n') + '\n';
    const r = await kcatProduce(cluster.bootstrap, ['-t', 'parity', '-K', '\t', '-X', 'topic.partitioner=murmur2_random'], input);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { stdout } = await run(KCAT, ['-b', cluster.bootstrap, '-C', '-t', 'parity', '-e', '-q', '-f', '%k\t%p\n'], { maxBuffer: 1 << 24 });
    const kcatPartition = new Map(stdout.trim().split('\n').map((l) => { const [k, p] = l.split('\t'); return [k!, Number(p)]; }));
    expect(kcatPartition.size).toBe(KEYS.length);
    // The keys spread over every partition, so the comparison is not trivially "all on one".
    expect(new Set(kcatPartition.values()).size).toBe(7);

    for (const key of KEYS) {
      const ours = await call<ProduceResult>('producer.send', { clusterId, topic: 'parity', key, value: 'ours' });
      expect({ key, partition: ours.partition }).toEqual({ key, partition: kcatPartition.get(key) });
      expect(ours.partition).toBe(partitionForKey(new TextEncoder().encode(key), 7));
    }
  }, 60_000);
});
