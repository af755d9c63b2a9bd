// DeleteGroups (42), advertised 0-2. Only Empty groups are deleted (with their offsets); a group with members
// gets NON_EMPTY_GROUP, an unknown one GROUP_ID_NOT_FOUND. v2: flexible.
import deleteGroupsApi from '../../protocol/schema/42-delete-groups.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: deleteGroupsApi,
  versions: [0, 2],
  services: [GROUP_COORDINATOR],
  async handle(req, ctx) {
    const results = await ctx.node.service(GROUP_COORDINATOR).coordinator.deleteGroups(req.groupsNames);
    return { throttleTimeMs: 0, results };
  },
});
