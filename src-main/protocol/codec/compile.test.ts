// Semantics of the derived codecs: versions, defaults, tagged fields, nullability, and the error paths.
import { describe, expect, it } from 'vitest';
import { api, array, field, struct } from '../schema/dsl.js';
import { API_BY_KEY, ProtocolError, decodeRequest, decodeResponse, encodeRequest, encodeResponse } from '../index.js';
import { messageCodec } from './compile.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const HEARTBEAT = API_BY_KEY.get(12)!;
const API_VERSIONS = API_BY_KEY.get(18)!;
const METADATA = API_BY_KEY.get(3)!;
const PRODUCE = API_BY_KEY.get(0)!;

function thrown(f: () => unknown): ProtocolError {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(ProtocolError); return e as ProtocolError; }
  throw new Error('expected a ProtocolError');
}

// ApiVersions v3 response body after the 4-byte correlation id: errorCode 0, no apiKeys, throttle 0.
const AV3_PREFIX = '0000' + '01' + '00000000';

describe('versions and defaults', () => {
  it('leaves fields outside the version out of the decoded object', () => {
    const frame = encodeResponse(HEARTBEAT, 0, 1, { errorCode: 3 });
    expect(decodeResponse(HEARTBEAT, 0, frame.subarray(4)).body).toStrictEqual({ errorCode: 3 });
  });
  it('writes missing fields as their defaults', () => {
    const frame = encodeRequest(METADATA, 4, { correlationId: 1, clientId: null }, { topics: null });
    // topics null (-1), allowAutoTopicCreation defaults to true
    expect(hex(frame.subarray(14))).toBe('ffffffff' + '01');
  });
  it('drops an ignorable non-default field at a version that lacks it', () => {
    expect(hex(encodeResponse(HEARTBEAT, 0, 1, { throttleTimeMs: 500, errorCode: 0 }))).toBe('00000006' + '00000001' + '0000');
  });
  it('rejects a non-ignorable non-default field at a version that lacks it, naming the field', () => {
    const e = thrown(() => encodeRequest(HEARTBEAT, 2, { correlationId: 1, clientId: null },
      { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: 'static-1' }));
    expect(e).toMatchObject({ apiKey: 12, apiName: 'HeartbeatRequest', version: 2, path: 'groupInstanceId' });
    expect(e.reason).toMatch(/not ignorable/);
    // Its default (null) is fine.
    encodeRequest(HEARTBEAT, 2, { correlationId: 1, clientId: null }, { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null });
  });
  it('accepts null only in nullableVersions', () => {
    const e = thrown(() => encodeRequest(METADATA, 9, { correlationId: 1, clientId: null }, { topics: [{ name: null }] }));
    expect(e).toMatchObject({ version: 9, path: 'topics[].name' });
    expect(e.reason).toMatch(/null is not allowed/);
    const frame = encodeRequest(METADATA, 10, { correlationId: 1, clientId: null },
      { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: null }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect((decodeRequest(frame.subarray(4)).body.topics as unknown[])[0]).toStrictEqual({ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: null });
    expect(thrown(() => encodeRequest(HEARTBEAT, 4, { correlationId: 1, clientId: null }, { groupId: null })).path).toBe('groupId');
  });
  it('reports mistyped values with the field path', () => {
    const e = thrown(() => encodeResponse(API_VERSIONS, 2, 1, { errorCode: 0, apiKeys: [{ apiKey: 'x', minVersion: 0, maxVersion: 1 }] }));
    expect(e).toMatchObject({ apiName: 'ApiVersionsResponse', version: 2, path: 'apiKeys[].apiKey' });
    expect(thrown(() => encodeResponse(API_VERSIONS, 2, 1, { apiKeys: 5 })).reason).toMatch(/not an array/);
    expect(thrown(() => encodeResponse(API_VERSIONS, 2, 1, { apiKeys: [5] })).reason).toMatch(/not an object/);
    expect(thrown(() => encodeResponse(API_VERSIONS, 2, 1, null as unknown as Record<string, unknown>)).reason).toMatch(/not an object/);
  });
  it('nullable structs use an int8 presence marker', () => {
    const def = api({ key: 900, name: 'Test', validVersions: '0-1', flexibleVersions: '1+',
      request: [field('cursor', struct('Cursor', [field('n', 'int32', '0+')]), '0+', { nullableVersions: '0+', default: null })],
      response: [] });
    const codec = messageCodec(def.request, 1);
    const w = new Writer();
    codec.encode(w, { cursor: null });
    codec.encode(w, { cursor: { n: 2 } });
    expect(hex(w.finish())).toBe('ff00' + '010000000200' + '00');
    const r = new Reader(w.finish());
    expect([codec.decode(r), codec.decode(r)]).toStrictEqual([{ cursor: null }, { cursor: { n: 2 } }]);
  });
  it('a nullable struct inside a tagged field uses a uvarint marker (0 = null), as Kafka generates it', () => {
    const def = api({ key: 902, name: 'TaggedStruct', validVersions: '0', flexibleVersions: '0+',
      request: [field('leader', struct('Leader', [field('id', 'int32', '0+', { default: -1 })]), '0+',
        { nullableVersions: '0+', taggedVersions: '0+', tag: 0 })], response: [] });
    const codec = messageCodec(def.request, 0);
    const w = new Writer();
    codec.encode(w, { leader: null }); // not the default ({id: -1}): written as tag 0, size 1, marker 0
    codec.encode(w, { leader: { id: 5 } });
    codec.encode(w, { leader: { id: -1 } }); // the default: not written
    expect(hex(w.finish())).toBe('01' + '000100' + '01' + '0006' + '01' + '0000000500' + '00');
    const r = new Reader(w.finish());
    expect([codec.decode(r), codec.decode(r), codec.decode(r)]).toStrictEqual([{ leader: null }, { leader: { id: 5 } }, { leader: { id: -1 } }]);
  });
  it('array counts are bounded by the element size, even for empty structs', () => {
    const def = api({ key: 901, name: 'Empty', validVersions: '0', flexibleVersions: 'none',
      request: [field('items', array(struct('Item', [field('x', 'int32', '1+')])), '0+')], response: [] });
    const r = new Reader(fromHex('7fffffff 000000'));
    expect(thrown(() => messageCodec(def.request, 0).decode(r)).reason).toMatch(/exceeds/);
    expect(messageCodec(def.request, 0).decode(new Reader(fromHex('00000002 0000')))).toStrictEqual({ items: [{}, {}] });
  });
});

describe('tagged fields', () => {
  it('are written only when not default, in ascending tag order', () => {
    const body = { errorCode: 0, apiKeys: [], throttleTimeMs: 0, supportedFeatures: [{ name: 'a', minVersion: 1, maxVersion: 2 }],
      finalizedFeaturesEpoch: 7n, finalizedFeatures: [], zkMigrationReady: true };
    const frame = encodeResponse(API_VERSIONS, 3, 1, body);
    expect(hex(frame.subarray(8))).toBe(AV3_PREFIX + '03'
      + '00' + '08' + '02' + '0261' + '0001' + '0002' + '00' // tag 0: supportedFeatures
      + '01' + '08' + '0000000000000007' // tag 1: finalizedFeaturesEpoch
      + '03' + '01' + '01'); // tag 3: zkMigrationReady
  });
  it('absent tagged fields decode to their defaults', () => {
    const { body } = decodeResponse(API_VERSIONS, 3, fromHex('00000001' + AV3_PREFIX + '00'));
    expect(body).toStrictEqual({ errorCode: 0, apiKeys: [], throttleTimeMs: 0, supportedFeatures: [],
      finalizedFeaturesEpoch: -1n, finalizedFeatures: [], zkMigrationReady: false });
  });
  it('unknown tags are skipped', () => {
    const { body } = decodeResponse(API_VERSIONS, 3, fromHex('00000001' + AV3_PREFIX + '03' + '03 01 01' + '07 02 abcd' + '9001 00'));
    expect(body.zkMigrationReady).toBe(true);
    expect(body.finalizedFeaturesEpoch).toBe(-1n);
  });
  it('out-of-order or repeated tags are rejected', () => {
    for (const tags of ['02' + '03 01 01' + '01 08 0000000000000007', '02' + '03 01 01' + '03 01 00']) {
      const e = thrown(() => decodeResponse(API_VERSIONS, 3, fromHex('00000001' + AV3_PREFIX + tags)));
      expect(e.reason).toMatch(/strictly ascending/);
      expect(e.path).toBe('<tagged fields>');
    }
  });
  it('a known tag whose size disagrees with its content is rejected', () => {
    const e = thrown(() => decodeResponse(API_VERSIONS, 3, fromHex('00000001' + AV3_PREFIX + '01' + '03 02 0100')));
    expect(e).toMatchObject({ path: 'zkMigrationReady' });
    expect(e.reason).toMatch(/declared 2 bytes but used 1/);
    expect(thrown(() => decodeResponse(API_VERSIONS, 3, fromHex('00000001' + AV3_PREFIX + '01' + '01 09 0000000000000007'))).reason)
      .toMatch(/truncated/);
    expect(thrown(() => decodeResponse(API_VERSIONS, 3, fromHex('00000001' + AV3_PREFIX + '05' + '00'))).reason).toMatch(/cannot fit/);
  });
});

describe('decoding bad frames', () => {
  const frames: [string, Uint8Array][] = [
    ['Heartbeat v4 request', encodeRequest(HEARTBEAT, 4, { correlationId: 1, clientId: 'cli' }, { groupId: 'group', generationId: 3, memberId: 'm-1', groupInstanceId: 'i' })],
    ['Metadata v12 request', encodeRequest(METADATA, 12, { correlationId: 1, clientId: 'c' }, { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'orders' }], allowAutoTopicCreation: true, includeTopicAuthorizedOperations: true })],
    ['Produce v3 request', encodeRequest(PRODUCE, 3, { correlationId: 1, clientId: 'c' }, { transactionalId: null, acks: -1, timeoutMs: 100, topicData: [{ name: 't', partitionData: [{ index: 0, records: new Uint8Array(10) }] }] })],
    ['ApiVersions v3 response', encodeResponse(API_VERSIONS, 3, 1, { errorCode: 0, apiKeys: [{ apiKey: 1, minVersion: 0, maxVersion: 2 }], zkMigrationReady: true })],
  ];
  for (const [name, frame] of frames) {
    it(`${name}: truncation at every byte is a ProtocolError naming api, version and field`, () => {
      const whole = frame.subarray(4);
      const isRequest = name.endsWith('request');
      const key = new DataView(whole.buffer, whole.byteOffset).getInt16(0);
      for (let n = 0; n < whole.length; n++) {
        const cut = whole.slice(0, n);
        const e = thrown(() => (isRequest ? decodeRequest(cut) : decodeResponse(API_VERSIONS, 3, cut)));
        expect(e.path, `cut at ${n}`).toBeTruthy();
        if (!isRequest || n >= 8) { // a request names its api once key, version and correlation id are read
          expect(e.apiName, `cut at ${n}`).toMatch(/(Request|Response)$/);
          expect(e.version).toBeTypeOf('number');
          expect(e.apiKey).toBe(isRequest ? key : 18);
        }
      }
    });
  }
  it('huge lengths fail before allocating; negative lengths fail where not nullable', () => {
    const before = process.memoryUsage().arrayBuffers;
    // Metadata v1 request: topics count 0x7ffffffe, no bytes after it.
    const huge = fromHex('0003 0001 00000001 ffff 7ffffffe');
    expect(thrown(() => decodeRequest(huge))).toMatchObject({ path: 'topics', apiKey: 3, version: 1 });
    // Produce v3: records length 2^31-1 with 1 byte left.
    const hugeBytes = fromHex('0000 0003 00000001 ffff ffff ffff 00000064 00000001 0001 74 00000001 00000000 7fffffff 00');
    expect(thrown(() => decodeRequest(hugeBytes))).toMatchObject({ path: 'topicData[].partitionData[].records' });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);
    // Heartbeat v0 groupId length -2; Metadata v1 topic name null (v1 names are not nullable).
    expect(thrown(() => decodeRequest(fromHex('000c 0000 00000001 ffff fffe'))).reason).toMatch(/negative string length -2/);
    expect(thrown(() => decodeRequest(fromHex('0003 0001 00000001 ffff 00000001 ffff'))).reason).toMatch(/null string in a non-nullable/);
    expect(thrown(() => decodeRequest(fromHex('0000 0003 00000001 ffff ffff ffff 00000064 fffffffe'))).reason).toMatch(/negative array length/);
  });
});
