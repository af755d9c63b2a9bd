// AddOffsetsToTxn (key 25). v2: may answer PRODUCER_FENCED; v3: first flexible; v4: may answer
// TRANSACTION_ABORTABLE.
import { api, field } from './dsl.js';

export default api({
  key: 25, name: 'AddOffsetsToTxn', validVersions: '0-4', flexibleVersions: '3+',
  request: [
    field('transactionalId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('groupId', 'string', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
  ],
});
