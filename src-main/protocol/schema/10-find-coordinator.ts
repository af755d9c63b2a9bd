// FindCoordinator (key 10). v1: key type (group or transaction) and, in the response, throttle time and
// error message; v3: first flexible version; v4: batched lookup of several keys (KIP-699), the single-key
// fields end at v3; v5: may return TRANSACTION_ABORTABLE (KIP-890); v6: share-group key type (KIP-932).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 10, name: 'FindCoordinator', validVersions: '0-6', flexibleVersions: '3+',
  request: [
    field('key', 'string', '0-3'),
    field('keyType', 'int8', '1+', { default: 0 }),
    field('coordinatorKeys', array('string'), '4+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0-3'),
    field('errorMessage', 'string', '1-3', { nullableVersions: '1-3', ignorable: true }),
    field('nodeId', 'int32', '0-3'),
    field('host', 'string', '0-3'),
    field('port', 'int32', '0-3'),
    field('coordinators', array(struct('Coordinator', [
      field('key', 'string', '4+'),
      field('nodeId', 'int32', '4+'),
      field('host', 'string', '4+'),
      field('port', 'int32', '4+'),
      field('errorCode', 'int16', '4+'),
      field('errorMessage', 'string', '4+', { nullableVersions: '4+', ignorable: true }),
    ])), '4+'),
  ],
});
