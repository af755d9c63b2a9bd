/**
 * The registry of every API definition, sorted by key. Adding an API is adding a definition module
 * and one line here; the codec, the round-trip tests and the drift test pick it up from this list.
 */
import type { ApiDef } from './dsl.js';
import produce from './00-produce.js';
import metadata from './03-metadata.js';
import findCoordinator from './10-find-coordinator.js';
import heartbeat from './12-heartbeat.js';
import leaveGroup from './13-leave-group.js';
import syncGroup from './14-sync-group.js';
import listGroups from './16-list-groups.js';
import saslHandshake from './17-sasl-handshake.js';

export const API_DEFS: readonly ApiDef[] = [
  produce,
  metadata,
  findCoordinator,
  heartbeat,
  leaveGroup,
  syncGroup,
  listGroups,
  saslHandshake,
].sort((a, b) => a.key - b.key);

export const API_BY_KEY: ReadonlyMap<number, ApiDef> = new Map(API_DEFS.map((d) => [d.key, d]));

export * from './dsl.js';
