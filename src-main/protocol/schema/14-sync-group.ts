// SyncGroup (key 14). v1: throttle time; v3: static membership (groupInstanceId); v4: first flexible
// version; v5: protocol type and name sent by the client and echoed by the broker.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 14, name: 'SyncGroup', validVersions: '0-5', flexibleVersions: '4+',
  request: [
    field('groupId', 'string', '0+'),
    field('generationId', 'int32', '0+'),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '3+', { nullableVersions: '3+', default: null }),
    field('protocolType', 'string', '5+', { nullableVersions: '5+', default: null, ignorable: true }),
    field('protocolName', 'string', '5+', { nullableVersions: '5+', default: null, ignorable: true }),
    field('assignments', array(struct('SyncGroupRequestAssignment', [
      field('memberId', 'string', '0+'),
      field('assignment', 'bytes', '0+'),
    ])), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    field('protocolType', 'string', '5+', { nullableVersions: '5+', default: null, ignorable: true }),
    field('protocolName', 'string', '5+', { nullableVersions: '5+', default: null, ignorable: true }),
    field('assignment', 'bytes', '0+'),
  ],
});
