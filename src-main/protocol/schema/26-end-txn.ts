// EndTxn (key 26). v2: may answer PRODUCER_FENCED; v3: first flexible; v4: may answer TRANSACTION_ABORTABLE.
import { api, field } from './dsl.js';

export default api({
  key: 26, name: 'EndTxn', validVersions: '0-4', flexibleVersions: '3+',
  request: [
    field('transactionalId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('committed', 'bool', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
  ],
});
