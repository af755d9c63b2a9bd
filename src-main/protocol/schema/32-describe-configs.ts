// DescribeConfigs (key 32). v1: synonyms and config source; v2: throttles after responding;
// v3: config type and documentation; v4: first flexible version.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 32, name: 'DescribeConfigs', validVersions: '0-4', flexibleVersions: '4+',
  request: [
    field('resources', array(struct('DescribeConfigsResource', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('configurationKeys', array('string'), '0+', { nullableVersions: '0+' }),
    ])), '0+'),
    field('includeSynonyms', 'bool', '1+', { default: false }),
    field('includeDocumentation', 'bool', '3+', { default: false }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('results', array(struct('DescribeConfigsResult', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullableVersions: '0+' }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('configs', array(struct('DescribeConfigsResourceResult', [
        field('name', 'string', '0+'),
        field('value', 'string', '0+', { nullableVersions: '0+' }),
        field('readOnly', 'bool', '0+'),
        // Only v0 carries isDefault; later versions report configSource instead.
        field('isDefault', 'bool', '0'),
        field('configSource', 'int8', '1+', { default: -1, ignorable: true }),
        field('isSensitive', 'bool', '0+'),
        field('synonyms', array(struct('DescribeConfigsSynonym', [
          field('name', 'string', '1+'),
          field('value', 'string', '1+', { nullableVersions: '0+' }),
          field('source', 'int8', '1+'),
        ])), '1+', { ignorable: true }),
        field('configType', 'int8', '3+', { default: 0, ignorable: true }),
        field('documentation', 'string', '3+', { nullableVersions: '0+', ignorable: true }),
      ])), '0+'),
    ])), '0+'),
  ],
});
