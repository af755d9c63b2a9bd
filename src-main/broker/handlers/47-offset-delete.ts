// OffsetDelete (47), advertised 0 (the only version). Deletes committed offsets of an Empty group, or of a
// running consumer group for topics it is not subscribed to (GROUP_SUBSCRIBED_TO_TOPIC otherwise); groups
// with members and another protocol type get NON_EMPTY_GROUP.
import offsetDeleteApi from '../../protocol/schema/47-offset-delete.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  api: offsetDeleteApi,
  versions: [0, 0],
  services: [GROUP_COORDINATOR],
  async handle(req, ctx) {
    const r = await ctx.node.service(GROUP_COORDINATOR).coordinator.deleteOffsets(
      req.groupId, req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partitionIndex) })));
    return { errorCode: r.errorCode, throttleTimeMs: 0, topics: r.topics };
  },
});
