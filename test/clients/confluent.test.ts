// python3-confluent-kafka 1.7 (librdkafka 2.0.2) against the real broker: every scenario of issue 7.
import { describeStandardClient } from './client-suite.js';
import { confluentProgram } from './programs.js';

describeStandardClient('python3-confluent-kafka (librdkafka 2.0.2)', confluentProgram, {
  prefix: 'confluent', headers: { kind: 'indexed', client: 'confluent' },
  codecs: ['none', 'gzip', 'snappy', 'lz4', 'zstd'], future: [-1], idempotent: true,
});
