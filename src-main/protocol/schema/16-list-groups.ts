// ListGroups (key 16). v1: throttle time; v3: first flexible version; v4: filter by group state
// (KIP-518); v5: filter by group type (KIP-848).
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 16, name: 'ListGroups', validVersions: '0-5', flexibleVersions: '3+',
  request: [
    field('statesFilter', array('string'), '4+'),
    field('typesFilter', array('string'), '5+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    field('groups', array(struct('ListedGroup', [
      field('groupId', 'string', '0+'),
      field('protocolType', 'string', '0+'),
      field('groupState', 'string', '4+', { ignorable: true }),
      field('groupType', 'string', '5+', { ignorable: true }),
    ])), '0+'),
  ],
});
