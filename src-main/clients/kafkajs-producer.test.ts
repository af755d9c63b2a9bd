import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { compress, decompress } from '../protocol/records/index.js';
import { alterTopicConfigs, mergeTopicOverrides } from './kafkajs-admin-extra.js';
import type { Kafka } from 'kafkajs';
import { codecId, registerKafkajsCodecs } from './kafkajs-codecs.js';
import { recordOffsets, toKafkajsHeaders } from './kafkajs-producer.js';
import type { ConfigEntryInfo } from './kafka-backend.js';

const rec = (partition: number) => ({ key: null, value: null, headers: [], partition });

describe('kafkajs producer helpers', () => {
  it('gives each record its partition\'s base offset plus its position among that partition\'s records', () => {
    const records = [rec(0), rec(1), rec(0), rec(2), rec(0)];
    const bases = new Map([[0, 10n], [1, 2n ** 60n], [2, 0n]]);
    expect(recordOffsets(records, bases, -1).map((r) => [r.partition, r.offset])).toEqual([
      [0, 10n], [1, 2n ** 60n], [0, 11n], [2, 0n], [0, 12n],
    ]);
    // acks=0: the broker answers nothing, so there is no offset; an unknown or -1 base likewise.
    expect(recordOffsets(records, bases, 0).every((r) => r.offset === null)).toBe(true);
    expect(recordOffsets([rec(3)], new Map([[3, -1n]]), 1)[0]!.offset).toBeNull();
    expect(recordOffsets([rec(4)], new Map(), 1)[0]!.offset).toBeNull();
  });

  it('turns headers into kafkajs\'s object form, keeping repeated keys in order', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const h = toKafkajsHeaders([{ key: 'a', value: enc('1') }, { key: 'b', value: enc('2') }, { key: 'a', value: enc('3') }])!;
    expect(Object.keys(h)).toEqual(['a', 'b']);
    expect((h.a as Buffer[]).map(String)).toEqual(['1', '3']);
    expect(String(h.b)).toBe('2');
  });

  it('registers snappy, lz4 and zstd into kafkajs, backed by the protocol codecs (both directions)', async () => {
    registerKafkajsCodecs();
    registerKafkajsCodecs(); // idempotent
    const table = (kafkajs as unknown as { CompressionCodecs: Record<number, () => { compress(e: { buffer: Buffer }): Promise<Buffer>; decompress(b: Buffer): Promise<Buffer> }> }).CompressionCodecs;
    const data = Buffer.from('tidepool '.repeat(200));
    for (const name of ['snappy', 'lz4', 'zstd'] as const) {
      const id = codecId(name);
      const c = table[id]!();
      const packed = await c.compress({ buffer: data });
      expect(packed.length).toBeLessThan(data.length);
      expect(Buffer.from(decompress(id, packed))).toEqual(data);
      expect(await c.decompress(Buffer.from(compress(id, data)))).toEqual(data);
    }
    expect(codecId('none')).toBe(0);
    expect(codecId('gzip')).toBe(1);
  });
});

describe('mergeTopicOverrides (legacy AlterConfigs replaces every override)', () => {
  const c = (name: string, value: string | null, source: ConfigEntryInfo['source']): ConfigEntryInfo =>
    ({ name, value, source, isDefault: source !== 'topic', isSensitive: false, readOnly: false });
  const current = [c('retention.ms', '1000', 'topic'), c('cleanup.policy', 'delete', 'default'), c('segment.ms', '60000', 'topic'), c('max.message.bytes', '1048588', 'static-broker')];

  it('keeps the other topic overrides, sets, replaces and removes', () => {
    expect(mergeTopicOverrides(current, [{ name: 'cleanup.policy', value: 'compact' }])).toEqual([
      { name: 'retention.ms', value: '1000' }, { name: 'segment.ms', value: '60000' }, { name: 'cleanup.policy', value: 'compact' },
    ]);
    expect(mergeTopicOverrides(current, [{ name: 'retention.ms', value: '5' }, { name: 'segment.ms', value: null }])).toEqual([
      { name: 'retention.ms', value: '5' },
    ]);
    // Broker-level and default values are never turned into topic overrides.
    expect(mergeTopicOverrides(current, []).map((e) => e.name)).toEqual(['retention.ms', 'segment.ms']);
  });

  it('refuses an edit that would silently drop a hidden (sensitive) override, before sending anything', async () => {
    const hidden = [...current, { ...c('secret.thing', null, 'topic'), isSensitive: true }];
    // No Kafka instance is touched: the refusal comes first.
    await expect(alterTopicConfigs({} as Kafka, 't', hidden, [{ name: 'retention.ms', value: '5' }], false))
      .rejects.toMatchObject({ type: 'INVALID_CONFIG', code: 40, message: /hidden override "secret.thing"/ });
  });
});
