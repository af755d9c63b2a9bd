// JoinGroup (11), advertised 0-9. v0: no rebalance timeout (the session timeout is used, as Kafka does);
// v4+: a new member first gets MEMBER_ID_REQUIRED with its id (KIP-394); v5+: group.instance.id (static
// membership, FENCED_INSTANCE_ID); v7+: protocol type in the answer, protocol name nullable; v8+: a join
// reason (not used); v9+: a restarted static leader may skip the assignment (KIP-814). The answer may wait
// for the rebalance (up to the rebalance timeout and group.initial.rebalance.delay.ms).
import joinGroupApi from '../../protocol/schema/11-join-group.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: joinGroupApi,
  versions: [0, 9],
  services: [GROUP_COORDINATOR],
  async handle(req, ctx) {
    const gc = ctx.node.service(GROUP_COORDINATOR).coordinator;
    const v = ctx.header.apiVersion;
    const r = await gc.join({
      groupId: req.groupId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: v >= 1 && req.rebalanceTimeoutMs !== undefined ? req.rebalanceTimeoutMs : req.sessionTimeoutMs,
      protocolType: req.protocolType,
      // Decoded bytes are views into the request frame: the group keeps copies.
      protocols: req.protocols.map((p) => ({ name: p.name, metadata: p.metadata.slice() })),
      clientId: ctx.header.clientId ?? '',
      clientHost: `/${ctx.connection.remoteAddress}`,
      requireKnownMemberId: v >= 4,
      supportSkippingAssignment: v >= 9,
    });
    return {
      throttleTimeMs: 0,
      errorCode: r.errorCode,
      generationId: r.generationId,
      protocolType: r.protocolType,
      // Before v7 the protocol name is not nullable: Kafka sends "" instead.
      protocolName: v < 7 ? (r.protocolName ?? '') : r.protocolName,
      leader: r.leader,
      skipAssignment: r.skipAssignment,
      memberId: r.memberId,
      members: r.members,
    };
  },
});
