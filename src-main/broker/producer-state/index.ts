/** Idempotent producers: producer id allocation and the produce-path checks over storage's producer state. */
export { appendWithProducerChecks, precheckProducerBatches, type ProducerAppendOutcome, type ProducerAppendTarget } from './produce-append.js';
export { PRODUCER_ID_BLOCK_SIZE, PRODUCER_ID_FILE, ProducerIdError, ProducerIdManager } from './producer-id-manager.js';
export { PRODUCER_IDS } from './producer-id-service.js';
