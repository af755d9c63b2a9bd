// SaslHandshake (key 17). v0: the SASL bytes follow as raw frames; v1: they travel in SaslAuthenticate
// (key 36). Never flexible: the version is frozen because old clients read its header wrongly.
import { api, array, field } from './dsl.js';

export default api({
  key: 17, name: 'SaslHandshake', validVersions: '0-1', flexibleVersions: 'none',
  request: [
    field('mechanism', 'string', '0+'),
  ],
  response: [
    field('errorCode', 'int16', '0+'),
    field('mechanisms', array('string'), '0+'),
  ],
});
