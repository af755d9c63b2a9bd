// LeaveGroup (13), advertised 0-5. v0-2: one member by id, its error is the top-level error; v3+: a batch
// of members, by member id or by group.instance.id alone (administrative removal of static members), each
// with its own error; v4+: flexible; v5+: a reason per member (not used).
import leaveGroupApi from '../../protocol/schema/13-leave-group.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: leaveGroupApi,
  versions: [0, 5],
  services: [GROUP_COORDINATOR],
  handle(req, ctx) {
    const gc = ctx.node.service(GROUP_COORDINATOR).coordinator;
    if (ctx.header.apiVersion < 3) {
      const r = gc.leave(req.groupId, [{ memberId: req.memberId ?? '', groupInstanceId: null }]);
      return { throttleTimeMs: 0, errorCode: r.errorCode !== 0 ? r.errorCode : (r.members[0]?.errorCode ?? 0) };
    }
    const r = gc.leave(req.groupId, (req.members ?? []).map((m) => ({ memberId: m.memberId ?? '', groupInstanceId: m.groupInstanceId ?? null })));
    return { throttleTimeMs: 0, errorCode: r.errorCode, members: r.members };
  },
});
