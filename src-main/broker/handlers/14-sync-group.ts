// SyncGroup (14), advertised 0-5. The leader sends the assignment; every member waits until it is stored,
// then gets its own. v3+: group.instance.id (FENCED_INSTANCE_ID); v4+: flexible; v5+: protocol type and
// name are checked against the group's (INCONSISTENT_GROUP_PROTOCOL) and echoed back.
import syncGroupApi from '../../protocol/schema/14-sync-group.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: syncGroupApi,
  versions: [0, 5],
  services: [GROUP_COORDINATOR],
  async handle(req, ctx) {
    const r = await ctx.node.service(GROUP_COORDINATOR).coordinator.sync({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
      protocolType: req.protocolType ?? null,
      protocolName: req.protocolName ?? null,
      // Decoded bytes are views into the request frame: the group keeps copies.
      assignments: req.assignments.map((a) => ({ memberId: a.memberId, assignment: a.assignment.slice() })),
    });
    return { throttleTimeMs: 0, errorCode: r.errorCode, protocolType: r.protocolType, protocolName: r.protocolName, assignment: r.assignment };
  },
});
