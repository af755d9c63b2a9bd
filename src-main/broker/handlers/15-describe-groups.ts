// DescribeGroups (15), advertised 0-5. v1: throttle time; v3+: authorized operations when asked (there is
// no authorizer: every group operation, READ/DELETE/DESCRIBE, is reported); v4+: members' group.instance.id;
// v5+: flexible. A group that does not exist is described as Dead with no error, as in Kafka 3.9.
import describeGroupsApi from '../../protocol/schema/15-describe-groups.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

const NOT_REQUESTED = -2147483648;
// AclOperation codes READ 3, DELETE 6, DESCRIBE 8: what Kafka reports for a group.
const GROUP_OPS = (1 << 3) | (1 << 6) | (1 << 8);

export default defineHandler({
  api: describeGroupsApi,
  versions: [0, 5],
  services: [GROUP_COORDINATOR],
  handle(req, ctx) {
    const ops = req.includeAuthorizedOperations === true ? GROUP_OPS : NOT_REQUESTED;
    const groups = ctx.node.service(GROUP_COORDINATOR).coordinator.describeGroups(req.groups);
    return { throttleTimeMs: 0, groups: groups.map((g) => ({ ...g, authorizedOperations: ops })) };
  },
});
