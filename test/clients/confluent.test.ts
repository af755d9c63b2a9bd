// python3-confluent-kafka 1.7 (librdkafka 2.0.2) against the real broker: every scenario of issue 7.
import { describe, expect, it } from 'vitest';
import { BROKER_MISSING_NOTE, brokerMissing, describeStandardClient } from './client-suite.js';
import { produceWithLostAck } from './lost-ack.js';
import { confluentProgram } from './programs.js';

describeStandardClient('python3-confluent-kafka (librdkafka 2.0.2)', confluentProgram, {
  prefix: 'confluent', headers: { kind: 'indexed', client: 'confluent' },
  codecs: ['none', 'gzip', 'snappy', 'lz4', 'zstd'], future: [-1], idempotent: true,
});

describe.skipIf(brokerMissing)(`python3-confluent-kafka: a lost Produce acknowledgement${brokerMissing ? BROKER_MISSING_NOTE : ''}`, () => {
  it('the idempotent producer retries the batch and the broker keeps one copy', async () => {
    const { result, cuts } = await produceWithLostAck(confluentProgram, 'on');
    expect(cuts).toBe(1);
    expect(result).toMatchObject({ produced: 200, errors: [], consumed: 200, unique: 200 });
  }, 60_000);

  it('control: without idempotence the same retry duplicates the batch', async () => {
    const { result, cuts } = await produceWithLostAck(confluentProgram, 'off');
    expect(cuts).toBe(1);
    expect(result.unique).toBe(200);
    expect(result.consumed as number).toBeGreaterThan(200);
  }, 60_000);
});
