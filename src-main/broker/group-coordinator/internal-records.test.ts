import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../protocol/index.js';
import { decodeGroupRecord, encodeGroupRecord } from './internal-records.js';
import type { GroupRecord } from './group-log.js';

// Expected bytes are written out by hand from Kafka's schemas (not produced by our encoder).
const hex = (s: string) => new Uint8Array(s.replace(/\s+/g, '').match(/../g)!.map((b) => parseInt(b, 16)));
const str = (s: string) => { const b = new TextEncoder().encode(s); return [(b.length >> 8) & 0xff, b.length & 0xff, ...b]; };
const i32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const i64 = (n: bigint) => { const a = new Uint8Array(8); new DataView(a.buffer).setBigInt64(0, n); return [...a]; };

describe('__consumer_offsets record formats', () => {
  it('writes an offset commit as key v1 / value v3, byte for byte', () => {
    const rec: GroupRecord = {
      kind: 'offset', groupId: 'grp', topic: 't', partition: 3,
      value: { offset: 42n, leaderEpoch: 5, metadata: 'm', commitTimestamp: 1_700_000_000_000n, expireTimestamp: null },
    };
    const { key, value } = encodeGroupRecord(rec);
    expect([...key]).toEqual([0, 1, ...str('grp'), ...str('t'), ...i32(3)]);
    expect([...value!]).toEqual([0, 3, ...i64(42n), ...i32(5), ...str('m'), ...i64(1_700_000_000_000n)]);
    expect(decodeGroupRecord(key, value)).toEqual(rec);
  });

  it('writes value v1 when the commit carries an explicit expiry (OffsetCommit v2-4 retention)', () => {
    const rec: GroupRecord = {
      kind: 'offset', groupId: 'g', topic: 't', partition: 0,
      value: { offset: 1n, leaderEpoch: -1, metadata: '', commitTimestamp: 10n, expireTimestamp: 99n },
    };
    const { key, value } = encodeGroupRecord(rec);
    expect([...value!]).toEqual([0, 1, ...i64(1n), ...str(''), ...i64(10n), ...i64(99n)]);
    expect(decodeGroupRecord(key, value)).toEqual(rec);
  });

  it('writes group metadata as key v2 / value v3, byte for byte', () => {
    const rec: GroupRecord = {
      kind: 'group', groupId: 'g',
      value: {
        protocolType: 'consumer', generationId: 7, protocolName: 'range', leader: 'm1', currentStateTimestamp: 123n,
        members: [{
          memberId: 'm1', groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeoutMs: 300000,
          sessionTimeoutMs: 45000, subscription: new Uint8Array([1, 2]), assignment: new Uint8Array([3]),
        }],
      },
    };
    const { key, value } = encodeGroupRecord(rec);
    expect([...key]).toEqual([0, 2, ...str('g')]);
    expect([...value!]).toEqual([
      0, 3, ...str('consumer'), ...i32(7), ...str('range'), ...str('m1'), ...i64(123n), ...i32(1),
      ...str('m1'), 0xff, 0xff, ...str('c'), ...str('/h'), ...i32(300000), ...i32(45000), ...i32(2), 1, 2, ...i32(1), 3,
    ]);
    expect(decodeGroupRecord(key, value)).toEqual(rec);
  });

  it('writes tombstones as a key with a null value', () => {
    const off = encodeGroupRecord({ kind: 'offset', groupId: 'g', topic: 't', partition: 1, value: null });
    expect(off.value).toBeNull();
    expect(decodeGroupRecord(off.key, null)).toEqual({ kind: 'offset', groupId: 'g', topic: 't', partition: 1, value: null });
    const grp = encodeGroupRecord({ kind: 'group', groupId: 'g', value: null });
    expect(decodeGroupRecord(grp.key, null)).toEqual({ kind: 'group', groupId: 'g', value: null });
  });

  it('reads older and flexible versions Kafka may have written (key v0, value v0 and v4)', () => {
    const key0 = new Uint8Array([0, 0, ...str('g'), ...str('t'), ...i32(0)]);
    const v0 = new Uint8Array([0, 0, ...i64(5n), ...str('x'), ...i64(7n)]);
    expect(decodeGroupRecord(key0, v0)).toEqual({
      kind: 'offset', groupId: 'g', topic: 't', partition: 0,
      value: { offset: 5n, leaderEpoch: -1, metadata: 'x', commitTimestamp: 7n, expireTimestamp: null },
    });
    // v4: compact string (length + 1 as uvarint) and an empty tagged-field section at the end.
    const v4 = new Uint8Array([0, 4, ...i64(5n), ...i32(2), 2, 0x78, ...i64(7n), 0]);
    expect(decodeGroupRecord(key0, v4)).toMatchObject({ value: { offset: 5n, leaderEpoch: 2, metadata: 'x' } });
    // group value v0: no currentStateTimestamp, no rebalance timeout, no instance id
    const gv0 = new Uint8Array([0, 0, ...str('consumer'), ...i32(1), ...str('range'), ...str('m'), ...i32(1),
      ...str('m'), ...str('c'), ...str('h'), ...i32(10000), ...i32(0), ...i32(0)]);
    expect(decodeGroupRecord(new Uint8Array([0, 2, ...str('g')]), gv0)).toMatchObject({
      value: { currentStateTimestamp: -1n, members: [{ memberId: 'm', rebalanceTimeoutMs: 10000, sessionTimeoutMs: 10000, groupInstanceId: null }] },
    });
  });

  it('skips record types it does not keep and rejects bad bytes with ProtocolError', () => {
    expect(decodeGroupRecord(hex('0003 0001 67'), hex('0000'))).toBeNull(); // KIP-848 consumer group record
    expect(() => decodeGroupRecord(hex('00'), null)).toThrow(ProtocolError);
    expect(() => decodeGroupRecord(hex('0001 0005 6162'), null)).toThrow(ProtocolError);
    expect(() => decodeGroupRecord(hex('0001 0001 67 0001 74 00000000'), hex('0003 0000'))).toThrow(ProtocolError);
  });
});
