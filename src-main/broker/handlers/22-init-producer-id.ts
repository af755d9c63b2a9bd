// InitProducerId (22), advertised 0-5 (min 0: librdkafka's idempotence feature check needs v0).
// Without a transactional id (idempotent producers) every call gets a fresh producer id and epoch 0, as
// Kafka's TransactionCoordinator does for a null transactional id, even when v3+ carries the current id and
// epoch (the client bumps epochs itself). Ids come from ProducerIdManager: reserved in blocks of 1000 in
// the data dir, never reused across restarts. v2+: flexible; v3+: producerId/producerEpoch in the request.
// Not supported: transactional ids (transactions are a later issue): answered INVALID_REQUEST, which every
// client treats as fatal, rather than a retriable error that would make it loop; an empty transactional
// id is INVALID_REQUEST as in Kafka. A failure to persist the id block is UNKNOWN_SERVER_ERROR.
import { KafkaError } from '../../protocol/index.js';
import initProducerIdApi from '../../protocol/schema/22-init-producer-id.js';
import { PRODUCER_IDS } from '../producer-state/index.js';
import { defineHandler } from './handler.js';

const fail = (code: number) => ({ throttleTimeMs: 0, errorCode: code, producerId: -1n, producerEpoch: -1 });

export default defineHandler({
  api: initProducerIdApi,
  versions: [0, 5],
  services: [PRODUCER_IDS],
  handle(req, ctx) {
    if (req.transactionalId !== null) return fail(KafkaError.INVALID_REQUEST.code);
    let producerId: bigint;
    try {
      producerId = ctx.node.service(PRODUCER_IDS).generate();
    } catch {
      return fail(KafkaError.UNKNOWN_SERVER_ERROR.code);
    }
    return { throttleTimeMs: 0, errorCode: KafkaError.NONE.code, producerId, producerEpoch: 0 };
  },
});
