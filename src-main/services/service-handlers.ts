/**
 * Every domain's handlers, assembled once: the composition root and the tests build the full contract
 * implementation through this, so adding a domain is one line here instead of one in every caller.
 */
import type { ClusterRegistry } from './cluster-registry.js';
import { createClustersService } from './clusters-service.js';
import { createGroupsService } from './groups-service.js';
import type { ServiceHandlers } from './handlers.js';
import { LagSampler } from './lag-sampler.js';
import { LocalClusterHost } from './local-cluster-host.js';
import { createLocalClusterService } from './local-cluster-service.js';
import type { MetricsSampler } from './metrics-sampler.js';
import { createSystemService } from './system-service.js';
import { createTopicsService } from './topics-service.js';
import { createMessagesService } from './messages-service.js';
import { createTopicsAdminService } from './topics-admin-service.js';
import { createProducerService } from './producer-service.js';
import { ThroughputSampler } from './throughput-sampler.js';
import { createThroughputService } from './throughput-service.js';

export interface ServiceDeps {
  version: string;
  sampler: MetricsSampler;
  clusters: ClusterRegistry;
  /** Defaults to an unstarted sampler over `clusters`. */
  lagSampler?: LagSampler;
  /** Defaults to an unstarted sampler over `clusters`. */
  throughputSampler?: ThroughputSampler;
  /** The app's local cluster; omitted = none (localCluster.start is refused). */
  localCluster?: LocalClusterHost;
}

export function createServiceHandlers(d: ServiceDeps): ServiceHandlers {
  return {
    ...createSystemService({ version: d.version, sampler: d.sampler }),
    ...createClustersService(d.clusters),
    ...createGroupsService(d.clusters, d.lagSampler ?? new LagSampler(d.clusters)),
    ...createTopicsService(d.clusters),
    ...createLocalClusterService(d.localCluster ?? new LocalClusterHost()),
    ...createMessagesService(d.clusters),
    ...createTopicsAdminService(d.clusters),
    ...createProducerService(d.clusters),
    ...createThroughputService(d.throughputSampler ?? new ThroughputSampler(d.clusters)),
  };
}
