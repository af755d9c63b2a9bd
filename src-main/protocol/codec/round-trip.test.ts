/**
 * Round-trip of every (API, version) in the registry, requests and responses, through the public door:
 * generated value -> frame -> decode -> deep-equal, and re-encode -> byte-identical. New definitions are
 * covered automatically.
 */
import { describe, expect, it } from 'vitest';
import { API_DEFS, decodeRequest, decodeResponse, encodeRequest, encodeResponse, parseVersions } from '../index.js';
import { ValueGenerator } from './value-generator.js';

const SAMPLES = 12;

function versionsOf(spec: string): number[] {
  const r = parseVersions(spec);
  if (r === null) return [];
  const out: number[] = [];
  for (let v = r.min; v <= r.max; v++) out.push(v);
  return out;
}

describe('round trip of every API and version in the registry', () => {
  it('has definitions to cover (an empty registry would make this suite vacuous)', () => {
    expect(API_DEFS.length).toBeGreaterThan(0);
  });
  for (const def of API_DEFS) {
    for (const version of versionsOf(def.request.validVersions)) {
      it(`${def.key} ${def.name} request v${version}`, () => {
        for (let s = 0; s < SAMPLES; s++) {
          const gen = new ValueGenerator(def.key * 10007 + version * 101 + s);
          const body = gen.message(def.request, version);
          const clientId = s % 3 === 0 ? null : gen.string(s % 7);
          const frame = encodeRequest(def, version, { correlationId: s * 7919 - 3, clientId }, body);
          expect(new DataView(frame.buffer, frame.byteOffset).getInt32(0)).toBe(frame.length - 4);
          const { header, body: decoded } = decodeRequest(frame.subarray(4));
          expect(header.apiKey).toBe(def.key);
          expect(header.apiVersion).toBe(version);
          expect(header.correlationId).toBe(s * 7919 - 3);
          // ControlledShutdown v0 has no client id in its header.
          expect(header.clientId).toBe(header.headerVersion === 0 ? null : clientId);
          expect(decoded).toStrictEqual(body);
          const again = encodeRequest(def, version, { correlationId: s * 7919 - 3, clientId }, decoded);
          expect(again).toStrictEqual(frame);
        }
      });
    }
    for (const version of versionsOf(def.response.validVersions)) {
      it(`${def.key} ${def.name} response v${version}`, () => {
        for (let s = 0; s < SAMPLES; s++) {
          const gen = new ValueGenerator(def.key * 20011 + version * 103 + s);
          const body = gen.message(def.response, version);
          const frame = encodeResponse(def, version, s + 1, body);
          const { correlationId, body: decoded } = decodeResponse(def, version, frame.subarray(4));
          expect(correlationId).toBe(s + 1);
          expect(decoded).toStrictEqual(body);
          expect(encodeResponse(def, version, s + 1, decoded)).toStrictEqual(frame);
        }
      });
    }
  }
});
