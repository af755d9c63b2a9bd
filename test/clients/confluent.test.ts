// python3-confluent-kafka 1.7 (librdkafka 2.0.2) against the real broker: every scenario of issue 7.
import { describe, it } from 'vitest';
import { BROKER_MISSING_NOTE, brokerMissing, describeStandardClient } from './client-suite.js';
import { lostAckCases } from './lost-ack.js';
import { confluentProgram } from './programs.js';

describeStandardClient('python3-confluent-kafka (librdkafka 2.0.2)', confluentProgram, {
  prefix: 'confluent', headers: { kind: 'indexed', client: 'confluent' },
  codecs: ['none', 'gzip', 'snappy', 'lz4', 'zstd'], future: [-1], idempotent: true,
});

describe.skipIf(brokerMissing)(`python3-confluent-kafka: a lost Produce acknowledgement${brokerMissing ? BROKER_MISSING_NOTE : ''}`, () => {
  for (const [name, fn] of lostAckCases(confluentProgram)) it(name, fn, 60_000);
});
