// DeleteGroups (key 42). v1: throttles after responding; v2: first flexible version.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 42, name: 'DeleteGroups', validVersions: '0-2', flexibleVersions: '2+',
  request: [
    // Kafka's own spelling ("GroupsNames"), kept so the wire field names match.
    field('groupsNames', array('string'), '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('results', array(struct('DeletableGroupResult', [
      field('groupId', 'string', '0+', { mapKey: true }),
      field('errorCode', 'int16', '0+'),
    ])), '0+'),
  ],
});
