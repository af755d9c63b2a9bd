// CreateAcls (key 30). v1: resource pattern type (default 3 = LITERAL); v2: first flexible; v3: USER resource
// type allowed.
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 30, name: 'CreateAcls', validVersions: '0-3', flexibleVersions: '2+',
  request: [
    field('creations', array(struct('AclCreation', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('resourcePatternType', 'int8', '1+', { default: 3 }),
      field('principal', 'string', '0+'),
      field('host', 'string', '0+'),
      field('operation', 'int8', '0+'),
      field('permissionType', 'int8', '0+'),
    ])), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('results', array(struct('AclCreationResult', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
    ])), '0+'),
  ],
});
