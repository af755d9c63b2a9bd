// ListTransactions (key 66). v0 is already flexible; v1: durationFilter, to list only
// transactions running longer than a given time (KIP-994).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 66, name: 'ListTransactions', validVersions: '0-1', flexibleVersions: '0+',
  request: [
    // Empty filter lists mean "no filter".
    field('stateFilters', array('string'), '0+'),
    field('producerIdFilters', array('int64'), '0+'),
    field('durationFilter', 'int64', '1+', { default: -1n }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('unknownStateFilters', array('string'), '0+'),
    field('transactionStates', array(struct('TransactionState', [
      field('transactionalId', 'string', '0+'),
      field('producerId', 'int64', '0+'),
      field('transactionState', 'string', '0+'),
    ])), '0+'),
  ],
});
