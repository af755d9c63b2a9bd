// ListGroups (16), advertised 0-5. v1: throttle time; v3+: flexible; v4+: a filter by state and the state
// in the answer (KIP-518); v5+: a filter by type and the type in the answer (every group here is "classic").
// Filters match case-insensitively.
import listGroupsApi from '../../protocol/schema/16-list-groups.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: listGroupsApi,
  versions: [0, 5],
  services: [GROUP_COORDINATOR],
  handle(req, ctx) {
    const r = ctx.node.service(GROUP_COORDINATOR).coordinator.listGroups(req.statesFilter ?? [], req.typesFilter ?? []);
    return { throttleTimeMs: 0, errorCode: r.errorCode, groups: r.groups };
  },
});
