// FindCoordinator (10), advertised 0-6. v0: one group key; v1-3: key type (0 group, 1 transaction), throttle
// time and error message; v4+: several keys per request (KIP-699), each answered on its own. This node is
// the coordinator of every group and transactional id (one node; the transaction coordinator itself comes
// later). The first group lookup creates __consumer_offsets, synchronously (Kafka answers
// COORDINATOR_NOT_AVAILABLE while it creates the topic). Other key types (share groups, 2) get
// COORDINATOR_NOT_AVAILABLE. In a cluster the group coordinator is the leader of the group's
// __consumer_offsets partition (COORDINATOR_NOT_AVAILABLE while it has no live leader); transactional ids
// are still answered with this node.
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import findCoordinatorApi from '../../protocol/schema/10-find-coordinator.js';
import { GROUP_COORDINATOR, OFFSETS_TOPIC } from '../group-coordinator/index.js';
import { defineHandler, type HandlerContext } from './handler.js';

type Response = ResponseOf<typeof findCoordinatorApi>;
interface Answer { nodeId: number; host: string; port: number; errorCode: number; errorMessage: string | null }

const GROUP = 0;
const TRANSACTION = 1;

function lookup(keyType: number, key: string, ctx: HandlerContext): Answer {
  const none = (errorCode: number, errorMessage: string): Answer => ({ nodeId: -1, host: '', port: -1, errorCode, errorMessage });
  if (keyType === GROUP) {
    try {
      ctx.node.service(GROUP_COORDINATOR).log.ensureTopic();
    } catch (err) {
      return none(KafkaError.COORDINATOR_NOT_AVAILABLE.code, `cannot create __consumer_offsets: ${(err as Error).message}`);
    }
    const cluster = ctx.node.cluster;
    if (cluster !== null) {
      const partition = ctx.node.service(GROUP_COORDINATOR).coordinator.partitionFor(key);
      const state = ctx.node.topics.stateOf(OFFSETS_TOPIC, partition);
      const leader = state === undefined ? undefined : cluster.metadata().brokers.get(state.leader);
      if (leader === undefined || leader.fenced) {
        return none(KafkaError.COORDINATOR_NOT_AVAILABLE.code, `${OFFSETS_TOPIC}-${partition} has no live leader`);
      }
      return { nodeId: leader.id, host: leader.host, port: leader.port, errorCode: KafkaError.NONE.code, errorMessage: null };
    }
  } else if (keyType !== TRANSACTION) {
    return none(KafkaError.COORDINATOR_NOT_AVAILABLE.code, `no coordinator for key type ${keyType}`);
  }
  const { host, port } = ctx.node.advertised;
  return { nodeId: ctx.node.nodeId, host, port, errorCode: KafkaError.NONE.code, errorMessage: null };
}

export default defineHandler({
  api: findCoordinatorApi,
  versions: [0, 6],
  services: [GROUP_COORDINATOR],
  handle(req, ctx): Response {
    const keyType = req.keyType ?? GROUP;
    if (ctx.header.apiVersion >= 4) {
      return {
        throttleTimeMs: 0,
        coordinators: (req.coordinatorKeys ?? []).map((key) => ({ key, ...lookup(keyType, key, ctx) })),
      };
    }
    return { throttleTimeMs: 0, ...lookup(keyType, req.key ?? '', ctx) };
  },
});
