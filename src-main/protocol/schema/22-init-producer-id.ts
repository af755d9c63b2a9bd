// InitProducerId (key 22). v2: first flexible; v3: request may carry the current producer id and epoch, to
// resume after INVALID_PRODUCER_EPOCH; v4: may answer PRODUCER_FENCED; v5: may answer TRANSACTION_ABORTABLE.
import { api, field } from './dsl.js';

export default api({
  key: 22, name: 'InitProducerId', validVersions: '0-5', flexibleVersions: '2+',
  request: [
    field('transactionalId', 'string', '0+', { nullableVersions: '0+' }),
    field('transactionTimeoutMs', 'int32', '0+'),
    field('producerId', 'int64', '3+', { default: -1n }),
    field('producerEpoch', 'int16', '3+', { default: -1 }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    field('producerId', 'int64', '0+', { default: -1n }),
    field('producerEpoch', 'int16', '0+'),
  ],
});
