// IncrementalAlterConfigs (key 44). Each config carries its own operation (set, delete, append,
// subtract) instead of replacing the whole resource; v1: first flexible version.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 44, name: 'IncrementalAlterConfigs', validVersions: '0-1', flexibleVersions: '1+',
  request: [
    field('resources', array(struct('AlterConfigsResource', [
      field('resourceType', 'int8', '0+', { mapKey: true }),
      field('resourceName', 'string', '0+', { mapKey: true }),
      field('configs', array(struct('AlterableConfig', [
        field('name', 'string', '0+', { mapKey: true }),
        field('configOperation', 'int8', '0+', { mapKey: true }),
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
