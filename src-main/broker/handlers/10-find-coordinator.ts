// FindCoordinator (10), advertised 0-6. v0: one group key; v1-3: key type (0 group, 1 transaction), throttle
// time and error message; v4+: several keys per request (KIP-699), each answered on its own. This node is
// the coordinator of every group and transactional id (one node; the transaction coordinator itself comes
// later). The first group lookup creates __consumer_offsets, synchronously (Kafka answers
// COORDINATOR_NOT_AVAILABLE while it creates the topic). Other key types (share groups, 2) get
// COORDINATOR_NOT_AVAILABLE.
import { KafkaError, type ResponseOf } from '../../protocol/index.js';
import findCoordinatorApi from '../../protocol/schema/10-find-coordinator.js';
import { GROUP_COORDINATOR } from '../group-coordinator/index.js';
import { defineHandler, type HandlerContext } from './handler.js';

type Response = ResponseOf<typeof findCoordinatorApi>;
interface Answer { nodeId: number; host: string; port: number; errorCode: number; errorMessage: string | null }

const GROUP = 0;
const TRANSACTION = 1;

function lookup(keyType: number, ctx: HandlerContext): Answer {
  const none = (errorCode: number, errorMessage: string): Answer => ({ nodeId: -1, host: '', port: -1, errorCode, errorMessage });
  if (keyType === GROUP) {
    try {
      ctx.node.service(GROUP_COORDINATOR).log.ensureTopic();
    } catch (err) {
      return none(KafkaError.COORDINATOR_NOT_AVAILABLE.code, `cannot create __consumer_offsets: ${(err as Error).message}`);
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
        coordinators: (req.coordinatorKeys ?? []).map((key) => ({ key, ...lookup(keyType, ctx) })),
      };
    }
    return { throttleTimeMs: 0, ...lookup(keyType, ctx) };
  },
});
