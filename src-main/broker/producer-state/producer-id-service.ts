/** The per-node ProducerIdManager service (InitProducerId), over the node's data dir. */
import { serviceKey } from '../handlers/handler.js';
import { ProducerIdManager } from './producer-id-manager.js';

export const PRODUCER_IDS = serviceKey('producer-ids', (node) => new ProducerIdManager(node.settings.dataDir));
