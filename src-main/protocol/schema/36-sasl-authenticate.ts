// SaslAuthenticate (key 36). v1: session lifetime in the response; v2: first flexible version.
import { api, field } from './dsl.js';

export default api({
  key: 36, name: 'SaslAuthenticate', validVersions: '0-2', flexibleVersions: '2+',
  request: [
    field('authBytes', 'bytes', '0+'),
  ],
  response: [
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
    field('authBytes', 'bytes', '0+'),
    // 0 means the session does not expire.
    field('sessionLifetimeMs', 'int64', '1+', { default: 0n, ignorable: true }),
  ],
});
