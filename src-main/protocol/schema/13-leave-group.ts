// LeaveGroup (key 13). v1: throttle time; v3: batch of members identified by member id and
// group instance id (replaces the single memberId); v4: first flexible version; v5: per-member reason (KIP-800).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 13, name: 'LeaveGroup', validVersions: '0-5', flexibleVersions: '4+',
  request: [
    field('groupId', 'string', '0+'),
    field('memberId', 'string', '0-2'),
    field('members', array(struct('MemberIdentity', [
      field('memberId', 'string', '3+'),
      field('groupInstanceId', 'string', '3+', { nullableVersions: '3+', default: null }),
      field('reason', 'string', '5+', { nullableVersions: '5+', default: null, ignorable: true }),
    ])), '3+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    field('members', array(struct('MemberResponse', [
      field('memberId', 'string', '3+'),
      field('groupInstanceId', 'string', '3+', { nullableVersions: '3+' }),
      field('errorCode', 'int16', '3+'),
    ])), '3+'),
  ],
});
