// sarama 1.22 (Debian's golang-github-shopify-sarama-dev), built once per run. At its default Config.Version
// (V0_8_2_0) it sends Produce v0 / Fetch v0 with MessageSet magic 0, Metadata v0 and ListOffsets v0 and never
// ApiVersions; groups need V0_10_2_0; headers and idempotence need V0_11_0_0. It never sends Produce v7, so
// zstd (which Kafka accepts only from Produce v7) is refused by the broker at every version.
import { describe, expect, it, beforeAll } from 'vitest';
import {
  checkCompression, checkConfig, checkGroup, checkIdempotent, checkLarge, checkMetadata, checkOffsets, checkRoundTrip,
} from './assertions.js';
import { BROKER_MISSING_NOTE, brokerMissing, scenarioRunner, useBroker } from './client-suite.js';
import { eventsOf, oneEvent } from './harness.js';
import { saramaProgram } from './programs.js';

describe('sarama 1.22 (Debian)', () => {
  it('is installed and builds offline; its default Config.Version is 0.8.2.0', async () => {
    saramaProgram.check();
    const { runProgram } = await import('./harness.js');
    const [cmd] = saramaProgram.command();
    const r = await runProgram(cmd, ['127.0.0.1:9', 'version']);
    expect(oneEvent(r, 'version')).toMatchObject({ default: '0.8.2.0', using: '0.8.2.0' });
  }, 120_000);

  describe.skipIf(brokerMissing)(`against a real broker${brokerMissing ? BROKER_MISSING_NOTE : ''}`, () => {
    beforeAll(() => { saramaProgram.check(); }, 120_000);
    const broker = useBroker();
    const byDefault = () => scenarioRunner(saramaProgram, broker);
    const at = (version: string) => () => scenarioRunner(saramaProgram, broker, ['-version', version]);
    const v0102 = at('0.10.2.0');
    const v011 = at('0.11.0.0');

    it('default version: metadata (v0) with the advertised address', async () => { await checkMetadata(byDefault(), broker()); });
    it('default version: 1,000 keyed messages via Produce v0 / Fetch v0 (magic 0, no headers) come back exactly once', async () => {
      await checkRoundTrip(byDefault(), 'sarama0', { kind: 'none' }, v0102());
    }, 60_000);
    it('default version: earliest and latest offsets (ListOffsets v0)', async () => { await checkOffsets(byDefault(), 'sarama0', null); });
    it('default version: gzip and snappy round-trip (magic 0); lz4 is refused by sarama, zstd by the broker', async () => {
      const r = await checkCompression(byDefault(), 'sarama0', ['none', 'gzip', 'snappy'], ['zstd']);
      expect(eventsOf(r, 'codec-unsupported').map((e) => e.codec)).toEqual(['lz4']);
    }, 60_000);
    it('default version: 900 KB round-trips; 1.2 MB gets MESSAGE_TOO_LARGE and the producer carries on', async () => {
      await checkLarge(byDefault(), 'sarama0');
    }, 60_000);
    it('V0_10_2_0: two group members split, commit, rebalance on leave, resume after a broker restart', async () => {
      await checkGroup(v0102(), broker(), 'sarama', async (t) => { oneEvent(await v0102()('create', t), 'created'); });
    }, 240_000);
    it('V0_10_2_0: by-timestamp offsets (ListOffsets v1)', async () => { await checkOffsets(v0102(), 'sarama', [-1]); });
    it('V0_11_0_0: 1,000 keyed messages with headers (magic 2) come back exactly once', async () => {
      await checkRoundTrip(v011(), 'sarama11', { kind: 'indexed', client: 'sarama' });
    }, 60_000);
    it('V0_11_0_0: describes, alters and reads back retention.ms, then deletes the topic', async () => { await checkConfig(v011(), 'sarama11'); });
    it('V0_11_0_0: an idempotent producer leaves no duplicates', async () => { await checkIdempotent(v011(), 'sarama11'); });
    // No lost-acknowledgement test for sarama 1.22: on a retry it re-batches the unacknowledged record with
    // newer ones under the same base sequence (seen: first batch seq 0 count 1, retried as seq 0 count 60), which
    // Kafka answers with OUT_OF_ORDER_SEQUENCE_NUMBER, as our broker does. That is sarama's bug, not a broker one.
    it('V0_11_0_0: none, gzip, snappy and lz4 round-trip (magic 2); zstd in Produce v3 gets UNSUPPORTED_COMPRESSION_TYPE', async () => {
      // sarama 1.22 never sends Produce v7, the first version Kafka accepts zstd in.
      await checkCompression(v011(), 'sarama11', ['none', 'gzip', 'snappy', 'lz4'], ['zstd']);
    }, 60_000);
  });
});
