/**
 * Seeded fuzz of the encoders: valid generated bodies with one node replaced by a wrong value (wrong type,
 * out of range, null, missing, huge). Encoding must either throw ProtocolError or produce a frame that
 * decodes, and whose decoded value re-encodes to the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { API_DEFS, ProtocolError, decodeRequest, decodeResponse, encodeRequest, encodeResponse, parseVersions } from '../index.js';
import { ValueGenerator, prng } from './value-generator.js';

const ITERATIONS = 20_000;
const WEIRD: readonly unknown[] = [
  undefined, null, 'str', '', 1.5, -1, 0, NaN, Infinity, 2 ** 40, 5n, -(2n ** 70n), true, false, {}, [], [1, 2], [null],
  new Uint8Array(3), Symbol('s'), 'x'.repeat(40_000), 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAA', () => 1, new Date(0),
];

type Node = Record<string, unknown> | unknown[];

/** Replaces one random node (field or array element) of `root` with a weird value. */
function corrupt(root: Record<string, unknown>, rnd: () => number): void {
  let node: Node = root;
  for (let depth = 0; depth < 8; depth++) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[Math.floor(rnd() * keys.length)];
    const child = (node as Record<string | number, unknown>)[k];
    const descend = typeof child === 'object' && child !== null && !(child instanceof Uint8Array) && rnd() < 0.6;
    if (descend) { node = child as Node; continue; }
    const weird = WEIRD[Math.floor(rnd() * WEIRD.length)];
    if (weird === undefined && !Array.isArray(node) && rnd() < 0.5) delete (node as Record<string, unknown>)[k as string];
    else (node as Record<string | number, unknown>)[k] = weird;
    return;
  }
}

describe('fuzzing the encoders with wrong values', () => {
  it(`${ITERATIONS} corrupted bodies: ProtocolError, or a frame that decodes and re-encodes identically`, () => {
    const cases: { def: (typeof API_DEFS)[number]; version: number; request: boolean }[] = [];
    for (const def of API_DEFS) {
      for (const request of [true, false]) {
        const r = parseVersions((request ? def.request : def.response).validVersions);
        if (r !== null) for (let v = r.min; v <= r.max; v++) cases.push({ def, version: v, request });
      }
    }
    const rnd = prng(0xbadbeef);
    let rejected = 0;
    const wrong: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const c = cases[Math.floor(rnd() * cases.length)];
      const gen = new ValueGenerator(i);
      const body = gen.message(c.request ? c.def.request : c.def.response, c.version);
      corrupt(body, rnd);
      try {
        if (c.request) {
          const frame = encodeRequest(c.def, c.version, { correlationId: i, clientId: 'f' }, body);
          const again = encodeRequest(c.def, c.version, { correlationId: i, clientId: 'f' }, decodeRequest(frame.subarray(4)).body);
          if (Buffer.compare(again, frame) !== 0) wrong.push(`#${i} ${c.def.name} v${c.version} request: re-encode differs`);
        } else {
          const frame = encodeResponse(c.def, c.version, i, body);
          const again = encodeResponse(c.def, c.version, i, decodeResponse(c.def, c.version, frame.subarray(4)).body);
          if (Buffer.compare(again, frame) !== 0) wrong.push(`#${i} ${c.def.name} v${c.version} response: re-encode differs`);
        }
      } catch (e) {
        if (e instanceof ProtocolError) { rejected++; continue; }
        wrong.push(`#${i} ${c.def.name} v${c.version} ${c.request ? 'request' : 'response'}: ${String(e)}`);
      }
      if (wrong.length >= 5) break;
    }
    expect(wrong).toEqual([]);
    expect(rejected).toBeGreaterThan(ITERATIONS / 4);
    expect(rejected).toBeLessThan(ITERATIONS);
  });
});
