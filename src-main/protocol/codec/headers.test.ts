// Hand-checked header bytes for every header version and Kafka's special cases.
import { describe, expect, it } from 'vitest';
import { api, field } from '../schema/dsl.js';
import {
  API_BY_KEY, ProtocolError, decodeRequest, decodeRequestHeader, decodeResponse, encodeRequest, encodeResponse,
  isVersionSupported, supportedVersions,
} from '../index.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';
import { readRequestHeaderRest, readRequestHeaderStart, requestHeaderVersion, responseHeaderVersion, writeRequestHeader } from './headers.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const HEARTBEAT = API_BY_KEY.get(12)!;
const API_VERSIONS = API_BY_KEY.get(18)!;

function thrown(f: () => unknown): ProtocolError {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(ProtocolError); return e as ProtocolError; }
  throw new Error('expected a ProtocolError');
}

describe('request headers', () => {
  it('v1 (non-flexible request): key, version, correlation id, classic client id', () => {
    const frame = encodeRequest(HEARTBEAT, 0, { correlationId: 7, clientId: 'ab' }, { groupId: 'g', generationId: 1, memberId: 'm' });
    expect(hex(frame)).toBe(
      '00000016' + '000c' + '0000' + '00000007' + '0002' + '6162' // size, header v1
      + '000167' + '00000001' + '00016d', // body: groupId, generationId, memberId
    );
    const h = decodeRequestHeader(frame.subarray(4));
    expect(h).toEqual({ apiKey: 12, apiVersion: 0, correlationId: 7, clientId: 'ab', headerVersion: 1, bodyOffset: 12 });
  });
  it('v2 (flexible request): client id stays a classic string, then a tagged-field section', () => {
    const frame = encodeRequest(API_VERSIONS, 3, { correlationId: 1, clientId: 'ab' },
      { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    expect(hex(frame)).toBe(
      '00000012' + '0012' + '0003' + '00000001' + '0002' + '6162' + '00' // header v2
      + '0278' + '0231' + '00', // compact strings + empty tagged fields
    );
    expect(decodeRequestHeader(frame.subarray(4)).headerVersion).toBe(2);
  });
  it('null client id is int16 -1', () => {
    const frame = encodeRequest(HEARTBEAT, 4, { correlationId: 2, clientId: null },
      { groupId: '', generationId: 0, memberId: '', groupInstanceId: null });
    expect(hex(frame.subarray(4, 15))).toBe('000c' + '0004' + '00000002' + 'ffff' + '00');
    expect(decodeRequest(frame.subarray(4)).header.clientId).toBeNull();
  });
  it('v0 only for ControlledShutdown v0 (no client id)', () => {
    const controlledShutdown = api({ key: 7, name: 'ControlledShutdown', validVersions: '0-3', flexibleVersions: '3+',
      request: [field('brokerId', 'int32', '0+')], response: [field('errorCode', 'int16', '0+')] });
    expect(requestHeaderVersion(controlledShutdown, 0)).toBe(0);
    expect(requestHeaderVersion(controlledShutdown, 1)).toBe(1);
    expect(requestHeaderVersion(controlledShutdown, 3)).toBe(2);
    const w = new Writer();
    writeRequestHeader(w, 0, { apiKey: 7, apiVersion: 0, correlationId: 9, clientId: 'ignored' });
    expect(hex(w.finish())).toBe('0007' + '0000' + '00000009');
    const r = new Reader(w.finish());
    expect(readRequestHeaderStart(r)).toEqual({ apiKey: 7, apiVersion: 0, correlationId: 9 });
    expect(readRequestHeaderRest(r, 0)).toBeNull();
    expect(r.remaining()).toBe(0);
  });
  it('skips unknown header tags and rejects them out of order', () => {
    const ok = fromHex('0012 0003 00000001 0002 6162 02 01 01 aa 05 00' + '0278 0231 00');
    expect(decodeRequest(ok).body).toEqual({ clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    const bad = fromHex('0012 0003 00000001 0002 6162 02 05 00 01 01 aa' + '0278 0231 00');
    const e = thrown(() => decodeRequestHeader(bad));
    expect(e.path).toBe('header.taggedFields');
    expect(e.reason).toMatch(/ascending/);
  });
  it('unknown API keys and negative versions are ProtocolErrors; unsupported versions parse the header only', () => {
    expect(thrown(() => decodeRequestHeader(fromHex('7fff 0000 00000001 ffff'))).reason).toMatch(/unknown API key 32767/);
    expect(thrown(() => decodeRequestHeader(fromHex('000c ffff 00000001 ffff'))).reason).toMatch(/negative API version/);
    // A newer client's ApiVersions v9: the header still parses (flexible, v2) so the broker can answer.
    const future = fromHex('0012 0009 00000001 0001 63 00' + '0278 0231 00');
    expect(decodeRequestHeader(future)).toMatchObject({ apiKey: 18, apiVersion: 9, clientId: 'c', headerVersion: 2 });
    expect(isVersionSupported(18, 9)).toBe(false);
    expect(isVersionSupported(18, 4)).toBe(true);
    expect(isVersionSupported(9999, 0)).toBe(false);
    expect(supportedVersions(18)).toEqual({ min: 0, max: 4 });
    expect(supportedVersions(12)).toEqual({ min: 0, max: 4 });
    expect(supportedVersions(9999)).toBeUndefined();
    const e = thrown(() => decodeRequest(future));
    expect(e).toMatchObject({ apiKey: 18, version: 9 });
    expect(e.reason).toMatch(/unsupported version/);
    expect(thrown(() => encodeRequest(12, 5, { correlationId: 1, clientId: null }, {})).reason).toMatch(/unsupported version/);
    expect(thrown(() => encodeRequest(9999, 0, { correlationId: 1, clientId: null }, {})).reason).toMatch(/unknown API key/);
  });
});

describe('response headers', () => {
  it('v0 for non-flexible versions, v1 (with tagged fields) for flexible ones', () => {
    expect(hex(encodeResponse(HEARTBEAT, 3, 5, { throttleTimeMs: 0, errorCode: 16 }))).toBe('0000000a' + '00000005' + '00000000' + '0010');
    expect(hex(encodeResponse(HEARTBEAT, 4, 5, { throttleTimeMs: 0, errorCode: 16 }))).toBe('0000000c' + '00000005' + '00' + '00000000' + '0010' + '00');
    expect(responseHeaderVersion(HEARTBEAT, 3)).toBe(0);
    expect(responseHeaderVersion(HEARTBEAT, 4)).toBe(1);
    expect(decodeResponse(HEARTBEAT, 4, fromHex('00000005 00 00000000 0010 00'))).toEqual({ correlationId: 5, body: { throttleTimeMs: 0, errorCode: 16 } });
  });
  it('ApiVersions responses use header v0 even at flexible v3', () => {
    expect(responseHeaderVersion(API_VERSIONS, 3)).toBe(0);
    expect(responseHeaderVersion(API_VERSIONS, 4)).toBe(0);
    const body = { errorCode: 0, apiKeys: [{ apiKey: 0, minVersion: 0, maxVersion: 9 }], throttleTimeMs: 0,
      supportedFeatures: [], finalizedFeaturesEpoch: -1n, finalizedFeatures: [], zkMigrationReady: true };
    const frame = encodeResponse(API_VERSIONS, 3, 5, body);
    expect(hex(frame)).toBe(
      '00000016' + '00000005' // header v0: no tagged-field byte
      + '0000' + '02' + '0000' + '0000' + '0009' + '00' + '00000000' // errorCode, apiKeys[1], throttle
      + '01' + '03' + '01' + '01', // one tagged field: zkMigrationReady (tag 3) = true
    );
    expect(decodeResponse(API_VERSIONS, 3, frame.subarray(4))).toEqual({ correlationId: 5, body });
  });
  it('a truncated response header is a ProtocolError naming the header field', () => {
    const e = thrown(() => decodeResponse(HEARTBEAT, 4, fromHex('000000')));
    expect(e).toMatchObject({ apiName: 'HeartbeatResponse', version: 4, path: 'header.correlationId' });
  });
});
