// python3-kafka (kafka-python 2.0.2) against the real broker. It has no idempotent producer.
import { describeStandardClient } from './client-suite.js';
import { kafkaPythonProgram } from './programs.js';

describeStandardClient('python3-kafka (kafka-python 2.0.2)', kafkaPythonProgram, {
  prefix: 'kpy', headers: { kind: 'indexed', client: 'kafka-python' },
  codecs: ['none', 'gzip', 'snappy', 'lz4', 'zstd'], future: [-1], idempotent: false,
});
