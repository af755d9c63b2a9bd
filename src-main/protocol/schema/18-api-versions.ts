// ApiVersions (key 18). v0-2: identical requests; v1: throttleTimeMs in the response; v3: first flexible,
// client software name/version, tagged feature lists; v4: supported features may report minVersion 0.
import { api, field, struct, array } from './dsl.js';

export default api({
  key: 18, name: 'ApiVersions', validVersions: '0-4', flexibleVersions: '3+',
  request: [
    field('clientSoftwareName', 'string', '3+', { ignorable: true }),
    field('clientSoftwareVersion', 'string', '3+', { ignorable: true }),
  ],
  response: [
    field('errorCode', 'int16', '0+'),
    field('apiKeys', array(struct('ApiVersion', [
      field('apiKey', 'int16', '0+', { mapKey: true }),
      field('minVersion', 'int16', '0+'),
      field('maxVersion', 'int16', '0+'),
    ])), '0+'),
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('supportedFeatures', array(struct('SupportedFeatureKey', [
      field('name', 'string', '3+', { mapKey: true }),
      field('minVersion', 'int16', '3+'),
      field('maxVersion', 'int16', '3+'),
    ])), '3+', { ignorable: true, tag: 0, taggedVersions: '3+' }),
    field('finalizedFeaturesEpoch', 'int64', '3+', { tag: 1, taggedVersions: '3+', default: -1n, ignorable: true }),
    field('finalizedFeatures', array(struct('FinalizedFeatureKey', [
      field('name', 'string', '3+', { mapKey: true }),
      field('maxVersionLevel', 'int16', '3+'),
      field('minVersionLevel', 'int16', '3+'),
    ])), '3+', { ignorable: true, tag: 2, taggedVersions: '3+' }),
    field('zkMigrationReady', 'bool', '3+', { taggedVersions: '3+', tag: 3, ignorable: true, default: false }),
  ],
});
