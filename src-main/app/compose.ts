/**
 * The composition root shared by every entry point (Electron main, browser mode, CLI): builds the
 * services and the Dispatcher that all transports use. The only place that wires services together.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterRegistry, type ClusterRegistryOptions, MetricsSampler, createClustersService, createSystemService, type ServiceHandlers } from '../services/index.js';
import { Dispatcher } from '../transports/dispatcher.js';

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

export function createCore(opts: { appRoot: string; clusters?: ClusterRegistryOptions }): Core {
  const sampler = new MetricsSampler();
  sampler.start();
  const clusters = new ClusterRegistry(opts.clusters);
  const handlers: ServiceHandlers = {
    ...createSystemService({ version: appVersion(opts.appRoot), sampler }),
    ...createClustersService(clusters),
  };
  return {
    dispatcher: new Dispatcher(handlers),
    clusters,
    close: async () => { sampler.stop(); await clusters.close(); },
  };
}
