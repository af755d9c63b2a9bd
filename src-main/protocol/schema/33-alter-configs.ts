// AlterConfigs (key 33). v1: throttles after responding; v2: first flexible version.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 33, name: 'AlterConfigs', validVersions: '0-2', flexibleVersions: '2+',
  request: [
    field('resources', array(struct('AlterConfigsResource', [
      field('resourceType', 'int8', '0+', { mapKey: true }),
      field('resourceName', 'string', '0+', { mapKey: true }),
      field('configs', array(struct('AlterableConfig', [
        field('name', 'string', '0+', { mapKey: true }),
        field('value', 'string', '0+', { nullableVersions: '0+' }),
      ])), '0+'),
    ])), '0+'),
    field('validateOnly', 'bool', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('responses', array(struct('AlterConfigsResourceResponse', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
    ])), '0+'),
  ],
});
