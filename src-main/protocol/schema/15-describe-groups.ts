// DescribeGroups (key 15). v1: throttle time; v3: authorized operations on request; v4: members'
// group instance ids; v5: first flexible version.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 15, name: 'DescribeGroups', validVersions: '0-5', flexibleVersions: '5+',
  request: [
    field('groups', array('string'), '0+'),
    field('includeAuthorizedOperations', 'bool', '3+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('groups', array(struct('DescribedGroup', [
      field('errorCode', 'int16', '0+'),
      field('groupId', 'string', '0+'),
      field('groupState', 'string', '0+'),
      field('protocolType', 'string', '0+'),
      field('protocolData', 'string', '0+'),
      field('members', array(struct('DescribedGroupMember', [
        field('memberId', 'string', '0+'),
        field('groupInstanceId', 'string', '4+', { ignorable: true, nullableVersions: '4+', default: null }),
        field('clientId', 'string', '0+'),
        field('clientHost', 'string', '0+'),
        field('memberMetadata', 'bytes', '0+'),
        field('memberAssignment', 'bytes', '0+'),
      ])), '0+'),
      field('authorizedOperations', 'int32', '3+', { default: -2147483648 }),
    ])), '0+'),
  ],
});
