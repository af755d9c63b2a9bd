// Heartbeat (12), advertised 0-4. v1: throttle time; v3+: group.instance.id (FENCED_INSTANCE_ID); v4+:
// flexible. REBALANCE_IN_PROGRESS tells a member to rejoin; heartbeats between JoinGroup and SyncGroup are
// accepted, as in Kafka.
import heartbeatApi from '../../protocol/schema/12-heartbeat.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: heartbeatApi,
  versions: [0, 4],
  services: [GROUP_COORDINATOR],
  handle(req, ctx) {
    const errorCode = ctx.node.service(GROUP_COORDINATOR).coordinator.heartbeat({
      groupId: req.groupId, generationId: req.generationId, memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
    });
    return { throttleTimeMs: 0, errorCode };
  },
});
