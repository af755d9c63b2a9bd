// python3-kafka (kafka-python 2.0.2) against the real broker. It has no idempotent producer. It produces zstd
// (Produce v7) but fetches with Fetch v4, and Kafka refuses zstd data below Fetch v10 with
// UNSUPPORTED_COMPRESSION_TYPE, which kafka-python 2.0.2 has no class for: it logs "Unknown error fetching data".
import { describeStandardClient } from './client-suite.js';
import { kafkaPythonProgram } from './programs.js';

describeStandardClient('python3-kafka (kafka-python 2.0.2)', kafkaPythonProgram, {
  prefix: 'kpy', headers: { kind: 'indexed', client: 'kafka-python' },
  codecs: ['none', 'gzip', 'snappy', 'lz4'], future: [-1], idempotent: false,
  rejected: { codecs: ['zstd'], refusal: /Unknown error fetching data/ },
});
