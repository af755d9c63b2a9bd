// kafkajs 2.2.4 against the real broker. Only GZIP is built in (other codecs need extra packages); its
// fetchTopicOffsetsByTimestamp substitutes the latest offset where Kafka answers -1.
import { describe, it } from 'vitest';
import { BROKER_MISSING_NOTE, brokerMissing, describeStandardClient } from './client-suite.js';
import { lostAckCases } from './lost-ack.js';
import { kafkajsProgram } from './programs.js';

describeStandardClient('kafkajs 2.2.4', kafkajsProgram, {
  prefix: 'kjs', headers: { kind: 'indexed', client: 'kafkajs' },
  codecs: ['none', 'gzip'], future: [3], idempotent: true,
});

describe.skipIf(brokerMissing)(`kafkajs: a lost Produce acknowledgement${brokerMissing ? BROKER_MISSING_NOTE : ''}`, () => {
  for (const [name, fn] of lostAckCases(kafkajsProgram)) it(name, fn, 60_000);
});
