// JoinGroup (key 11). v1: rebalance timeout; v2: throttle time; v4: a new member first gets
// MEMBER_ID_REQUIRED and must rejoin with the id it was given (KIP-394); v5: static membership
// (groupInstanceId); v6: first flexible version; v7: protocol type echoed, protocol name nullable (KIP-559);
// v8: join reason (KIP-800); v9: skipAssignment in the response.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 11, name: 'JoinGroup', validVersions: '0-9', flexibleVersions: '6+',
  request: [
    field('groupId', 'string', '0+'),
    field('sessionTimeoutMs', 'int32', '0+'),
    field('rebalanceTimeoutMs', 'int32', '1+', { default: -1, ignorable: true }),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '5+', { nullableVersions: '5+', default: null }),
    field('protocolType', 'string', '0+'),
    field('protocols', array(struct('JoinGroupRequestProtocol', [
      field('name', 'string', '0+', { mapKey: true }),
      field('metadata', 'bytes', '0+'),
    ])), '0+'),
    field('reason', 'string', '8+', { nullableVersions: '8+', default: null, ignorable: true }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '2+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    field('generationId', 'int32', '0+', { default: -1 }),
    field('protocolType', 'string', '7+', { nullableVersions: '7+', default: null, ignorable: true }),
    field('protocolName', 'string', '0+', { nullableVersions: '7+' }),
    field('leader', 'string', '0+'),
    field('skipAssignment', 'bool', '9+', { default: false }),
    field('memberId', 'string', '0+'),
    field('members', array(struct('JoinGroupResponseMember', [
      field('memberId', 'string', '0+'),
      field('groupInstanceId', 'string', '5+', { ignorable: true, nullableVersions: '5+', default: null }),
      field('metadata', 'bytes', '0+'),
    ])), '0+'),
  ],
});
