/**
 * The composition root shared by every entry point (Electron main, browser mode, CLI): builds the
 * services and the Dispatcher that all transports use. The only place that wires services together.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterRegistry, MetricsSampler, createClustersService, createSystemService, type ServiceHandlers } from '../services/index.js';
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

export function createCore(opts: { appRoot: string; embeddedCluster?: boolean }): Core {
  const sampler = new MetricsSampler();
  sampler.start();
  const clusters = new ClusterRegistry();
  // The app opens onto a working local cluster: on by default in Electron, asked for by `tidepool start`.
  const embedded = (opts.embeddedCluster ?? process.versions.electron !== undefined) ? startLocalCluster(clusters) : null;
  const handlers: ServiceHandlers = {
    ...createSystemService({ version: appVersion(opts.appRoot), sampler }),
    ...createClustersService(clusters),
  };
  return {
    dispatcher: new Dispatcher(handlers),
    clusters,
    close: async () => {
      sampler.stop();
      await (await embedded)?.stop();
    },
  };
}

function startLocalCluster(clusters: ClusterRegistry) {
  const summary = { id: 'local', name: 'Local cluster', kind: 'local' as const, bootstrap: '', status: 'connecting' as const };
  clusters.upsert(summary);
  return startEmbeddedCluster().then((cluster) => {
    clusters.upsert({ ...summary, bootstrap: cluster.bootstrap, status: 'connected' });
    const port = cluster.brokers[0].port;
    if (port !== 9092) console.warn(`Port 9092 is taken; the local cluster uses ${port} instead.`);
    console.log(`Local cluster: bootstrap.servers=${cluster.bootstrap}`);
    return cluster;
  }, (err: unknown) => {
    clusters.upsert({ ...summary, status: 'error', error: `The local cluster did not start: ${(err as Error).message}` });
    return null;
  });
}
