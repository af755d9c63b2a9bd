// DescribeLogDirs (key 35). v1: throttles after responding; v2: first flexible version;
// v3: top-level errorCode in the response; v4: totalBytes and usableBytes per log dir.
import { api, array, field, struct } from './dsl.js';

export default api({
  key: 35, name: 'DescribeLogDirs', validVersions: '0-4', flexibleVersions: '2+',
  request: [
    // null asks for every partition in every log dir.
    field('topics', array(struct('DescribableLogDirTopic', [
      field('topic', 'string', '0+', { mapKey: true }),
      field('partitions', array('int32'), '0+'),
    ])), '0+', { nullableVersions: '0+' }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '3+', { ignorable: true }),
    field('results', array(struct('DescribeLogDirsResult', [
      field('errorCode', 'int16', '0+'),
      field('logDir', 'string', '0+'),
      field('topics', array(struct('DescribeLogDirsTopic', [
        field('name', 'string', '0+'),
        field('partitions', array(struct('DescribeLogDirsPartition', [
          field('partitionIndex', 'int32', '0+'),
          field('partitionSize', 'int64', '0+'),
          field('offsetLag', 'int64', '0+'),
          field('isFutureKey', 'bool', '0+'),
        ])), '0+'),
      ])), '0+'),
      field('totalBytes', 'int64', '4+', { default: -1n, ignorable: true }),
      field('usableBytes', 'int64', '4+', { default: -1n, ignorable: true }),
    ])), '0+'),
  ],
});
