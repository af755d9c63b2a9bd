/**
 * The explicit, sorted list of handlers: at once the dispatch table and the source of the ApiVersions
 * response (each handler's advertised range). Adding an API is adding its handler file and one line here;
 * registry.test.ts checks that every handlers/NN-*.ts file is listed and that key, prefix and schema agree.
 */
import { parseVersions } from '../../protocol/schema/dsl.js';
import type { AnyHandler, ServiceKey } from './handler.js';
import produce from './00-produce.js';
import fetchHandler from './01-fetch.js';
import listOffsets from './02-list-offsets.js';
import metadata from './03-metadata.js';
import offsetCommit from './08-offset-commit.js';
import offsetFetch from './09-offset-fetch.js';
import findCoordinator from './10-find-coordinator.js';
import joinGroup from './11-join-group.js';
import heartbeat from './12-heartbeat.js';
import leaveGroup from './13-leave-group.js';
import syncGroup from './14-sync-group.js';
import describeGroups from './15-describe-groups.js';
import listGroups from './16-list-groups.js';
import apiVersions from './18-api-versions.js';
import createTopics from './19-create-topics.js';
import deleteTopics from './20-delete-topics.js';
import deleteRecords from './21-delete-records.js';
import initProducerId from './22-init-producer-id.js';
import offsetForLeaderEpoch from './23-offset-for-leader-epoch.js';
import describeConfigs from './32-describe-configs.js';
import alterConfigs from './33-alter-configs.js';
import describeLogDirs from './35-describe-log-dirs.js';
import createPartitions from './37-create-partitions.js';
import deleteGroups from './42-delete-groups.js';
import electLeaders from './43-elect-leaders.js';
import incrementalAlterConfigs from './44-incremental-alter-configs.js';
import alterPartitionReassignments from './45-alter-partition-reassignments.js';
import listPartitionReassignments from './46-list-partition-reassignments.js';
import offsetDelete from './47-offset-delete.js';
import describeCluster from './60-describe-cluster.js';

export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export const HANDLERS: readonly AnyHandler[] = [
  produce,
  fetchHandler,
  listOffsets,
  metadata,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  apiVersions,
  createTopics,
  deleteTopics,
  deleteRecords,
  initProducerId,
  offsetForLeaderEpoch,
  describeConfigs,
  alterConfigs,
  describeLogDirs,
  createPartitions,
  deleteGroups,
  electLeaders,
  incrementalAlterConfigs,
  alterPartitionReassignments,
  listPartitionReassignments,
  offsetDelete,
  describeCluster,
];

export class HandlerRegistry {
  private readonly byKey = new Map<number, AnyHandler>();
  private readonly ranges: ApiVersionRange[];

  constructor(readonly handlers: readonly AnyHandler[]) {
    let last = -1;
    for (const h of handlers) {
      const key = h.api.key;
      if (key <= last) throw new Error(`handler registry: key ${key} (${h.api.name}) is out of order or repeated`);
      last = key;
      const valid = parseVersions(h.api.request.validVersions);
      if (valid === null || h.versions[0] < valid.min || h.versions[1] > valid.max) {
        throw new Error(`handler registry: ${h.api.name} advertises ${h.versions.join('-')} outside its schema's ${h.api.request.validVersions}`);
      }
      this.byKey.set(key, h);
    }
    this.ranges = handlers.map((h) => ({ apiKey: h.api.key, minVersion: h.versions[0], maxVersion: h.versions[1] }));
  }

  get(apiKey: number): AnyHandler | undefined {
    return this.byKey.get(apiKey);
  }

  /** What ApiVersions advertises, sorted by key (fresh objects: callers may not mutate ours). */
  apiVersions(): ApiVersionRange[] {
    return this.ranges.map((r) => ({ ...r }));
  }

  /** Every service some handler declares, deduplicated, for the node to create at start. */
  services(): ServiceKey<unknown>[] {
    return [...new Set(this.handlers.flatMap((h) => h.services ?? []))];
  }
}

export const DEFAULT_REGISTRY = new HandlerRegistry(HANDLERS);
