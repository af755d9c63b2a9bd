/**
 * For service tests on a real cluster: a LocalCluster in a temp dir, a ClusterRegistry with it registered as
 * `local`, and the whole service table behind a Dispatcher (so zod inputs and error serialisation are exercised),
 * with `call` throwing the core's error as `CODE: message`. `close()` undoes all of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster, type LocalClusterOptions } from '../cluster/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { MetricsSampler } from './metrics-sampler.js';
import { createServiceHandlers, type ServiceDeps } from './service-handlers.js';

export interface ServiceHarness {
  readonly clusterId: typeof LOCAL_CLUSTER_ID;
  readonly cluster: LocalCluster;
  readonly registry: ClusterRegistry;
  readonly dispatcher: Dispatcher;
  call<T>(name: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Temp dir prefix, to tell leftovers apart. */
  name: string;
  cluster?: Omit<LocalClusterOptions, 'dataDir'>;
  requestTimeoutMs?: number;
  /** Extra service dependencies (e.g. a sampler the test ticks by hand). */
  deps?: (registry: ClusterRegistry) => Partial<ServiceDeps>;
}

export async function startServiceHarness(o: HarnessOptions): Promise<ServiceHarness> {
  const dir = mkdtempSync(join(tmpdir(), `tidepool-${o.name}-`));
  const cluster = await LocalCluster.start({ port: 0, ...o.cluster, dataDir: dir });
  const registry = new ClusterRegistry({ backend: { connectTimeoutMs: 3000, requestTimeoutMs: o.requestTimeoutMs ?? 10_000 } });
  await registry.registerLocal(cluster.bootstrap);
  const dispatcher = new Dispatcher(createServiceHandlers({ version: 't', sampler: new MetricsSampler(), clusters: registry, ...o.deps?.(registry) }));
  return {
    clusterId: LOCAL_CLUSTER_ID, cluster, registry, dispatcher,
    call: async <T>(name: string, input: unknown): Promise<T> => {
      const res = await dispatcher.call(name, input, { transport: 'in-process' });
      if (!res.ok) throw Object.assign(new Error(`${res.error.code}: ${res.error.message}`), res.error);
      return res.value as T;
    },
    close: async () => {
      await registry.close();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
