// Heartbeat (key 12). v3: static membership (groupInstanceId); v4: first flexible version.
import { api, field } from './dsl.js';

export default api({
  key: 12, name: 'Heartbeat', validVersions: '0-4', flexibleVersions: '4+',
  request: [
    field('groupId', 'string', '0+'),
    field('generationId', 'int32', '0+'),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '3+', { nullableVersions: '3+', default: null }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
  ],
});
