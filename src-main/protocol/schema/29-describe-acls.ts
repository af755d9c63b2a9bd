// DescribeAcls (key 29). v1: resource pattern type (default 3 = LITERAL, not ignorable, so a v0 request can
// only ask about literal patterns); v2: first flexible; v3: USER resource type allowed.
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 29, name: 'DescribeAcls', validVersions: '0-3', flexibleVersions: '2+',
  request: [
    field('resourceTypeFilter', 'int8', '0+'),
    field('resourceNameFilter', 'string', '0+', { nullableVersions: '0+' }),
    field('patternTypeFilter', 'int8', '1+', { default: 3 }),
    field('principalFilter', 'string', '0+', { nullableVersions: '0+' }),
    field('hostFilter', 'string', '0+', { nullableVersions: '0+' }),
    field('operation', 'int8', '0+'),
    field('permissionType', 'int8', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
    field('resources', array(struct('DescribeAclsResource', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('patternType', 'int8', '1+', { default: 3 }),
      field('acls', array(struct('AclDescription', [
        field('principal', 'string', '0+'),
        field('host', 'string', '0+'),
        field('operation', 'int8', '0+'),
        field('permissionType', 'int8', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});
