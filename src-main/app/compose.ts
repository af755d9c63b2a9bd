/**
 * The composition root shared by every entry point (Electron main, browser mode, CLI): builds the
 * services and the Dispatcher that all transports use. The only place that wires services together.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ClusterRegistry, type ClusterRegistryOptions, LagSampler, LOCAL_CLUSTER_ID, MetricsSampler, createServiceHandlers,
} from '../services/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { startEmbeddedCluster } from './cluster-command.js';

export interface Core {
  dispatcher: Dispatcher;
  clusters: ClusterRegistry;
  close(): Promise<void>;
}

export function appVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function createCore(opts: { appRoot: string; embeddedCluster?: boolean; clusters?: ClusterRegistryOptions }): Core {
  const sampler = new MetricsSampler();
  sampler.start();
  const clusters = new ClusterRegistry(opts.clusters);
  // Lag of every group of every connected cluster, sampled from app start so the chart opens with history.
  const lagSampler = new LagSampler(clusters);
  lagSampler.start();
  // The app opens onto a working local cluster: on by default in Electron, asked for by `tidepool start`.
  const embedded = (opts.embeddedCluster ?? process.versions.electron !== undefined) ? startLocalCluster(clusters) : null;
  const handlers = createServiceHandlers({ version: appVersion(opts.appRoot), sampler, clusters, lagSampler });
  return {
    dispatcher: new Dispatcher(handlers),
    clusters,
    close: async () => {
      sampler.stop();
      await lagSampler.stop();
      const cluster = await embedded;
      if (cluster) await clusters.unregisterLocal();
      await clusters.close();
      // A cluster that cannot stop cleanly (timeout, flush error) is reported; closing the app goes on.
      await cluster?.stop().catch((err: unknown) => console.error(`The local cluster did not stop cleanly: ${(err as Error).message}`));
    },
  };
}

/** Starts the embedded cluster and registers it as the first cluster profile once it listens. */
async function startLocalCluster(clusters: ClusterRegistry): Promise<Awaited<ReturnType<typeof startEmbeddedCluster>> | null> {
  let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>> | undefined;
  try {
    cluster = await startEmbeddedCluster();
    await clusters.registerLocal(cluster.bootstrap);
    // The app opens onto this cluster, so connect the pool now rather than on first use.
    await clusters.connect(LOCAL_CLUSTER_ID);
    // The cluster runs in a worker thread; if that thread dies the app says so instead of hanging on it.
    cluster.onCrash((err) => console.error(`The local cluster stopped unexpectedly: ${err.message}`));
    const port = cluster.brokers[0].port;
    if (port !== 9092) console.warn(`Port 9092 is taken; the local cluster uses ${port} instead.`);
    console.log(`Local cluster: bootstrap.servers=${cluster.bootstrap}`);
    return cluster;
  } catch (err) {
    // The workbench still opens (external clusters work); the reason is on the console.
    console.error(`The local cluster did not start: ${(err as Error).message}`);
    await cluster?.stop().catch(() => {});
    return null;
  }
}
