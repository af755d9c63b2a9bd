/**
 * The composition root shared by every entry point (Electron main, browser mode, CLI): builds the
 * services and the Dispatcher that all transports use. The only place that wires services together.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ClusterRegistry, type ClusterRegistryOptions, LagSampler, LocalClusterHost, MetricsSampler, type RunningLocalCluster, ThroughputSampler, createServiceHandlers,
} from '../services/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { startEmbeddedCluster } from './cluster-command.js';

export interface Core {
  dispatcher: Dispatcher;
  clusters: ClusterRegistry;
  localCluster: LocalClusterHost;
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
  // Messages/s per topic and broker, likewise from app start, for the Overview's throughput sparklines.
  const throughputSampler = new ThroughputSampler(clusters);
  throughputSampler.start();
  const localCluster = new LocalClusterHost({
    start: startAppCluster, registry: clusters, connect: true, warn: (m) => console.warn(`[local cluster] ${m}`),
  });
  // The app opens onto a working local cluster: on by default in Electron, asked for by `tidepool start`.
  // The workbench still opens if it fails (external clusters work); the reason is on the console and in status.
  const embedded = (opts.embeddedCluster ?? process.versions.electron !== undefined)
    ? localCluster.start(1).catch((err: unknown) => { console.error((err as Error).message); })
    : Promise.resolve();
  const handlers = createServiceHandlers({ version: appVersion(opts.appRoot), sampler, clusters, lagSampler, throughputSampler, localCluster });
  return {
    dispatcher: new Dispatcher(handlers),
    clusters,
    localCluster,
    close: async () => {
      sampler.stop();
      await lagSampler.stop();
      await throughputSampler.stop();
      await embedded;
      // A cluster that cannot stop cleanly (timeout, flush error) is reported; closing the app goes on.
      await localCluster.stop().catch((err: unknown) => console.error(`The local cluster did not stop cleanly: ${(err as Error).message}`));
      await clusters.close();
    },
  };
}

/** Starts the app's cluster with N brokers in a worker thread (default data dir, 9092 or the next free port). */
async function startAppCluster(brokers: number): Promise<RunningLocalCluster> {
  const cluster = await startEmbeddedCluster(undefined, brokers);
  // If the cluster's thread dies, the app says so instead of hanging on it (its calls fail with CRASHED, and
  // LocalClusterHost reports the run as failed through onCrash).
  cluster.onCrash((err) => console.error(`The local cluster stopped unexpectedly: ${err.message}`));
  const port = cluster.brokers[0].port;
  if (port !== 9092) console.warn(`Port 9092 is taken; the local cluster uses ${port} instead.`);
  console.log(`Local cluster: bootstrap.servers=${cluster.bootstrap}`);
  return { control: cluster.control, bootstrap: cluster.bootstrap, stop: () => cluster.stop(), onCrash: (cb) => cluster.onCrash(cb) };
}
