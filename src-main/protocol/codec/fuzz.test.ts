/**
 * Seeded fuzz: >= 100,000 mutated and truncated frames across every API, version and direction in the
 * registry (byte flips, truncations, inserted huge lengths and varints, inserted junk). Decoding must only
 * ever throw ProtocolError, finish (every loop is bounded by the bytes left), and keep memory bounded.
 */
import { describe, expect, it } from 'vitest';
import { API_DEFS, ProtocolError, decodeRequest, decodeResponse, encodeRequest, encodeResponse, parseVersions } from '../index.js';
import { ValueGenerator, prng } from './value-generator.js';

const ITERATIONS = 100_000;

interface Base { key: number; version: number; request: boolean; frame: Uint8Array }

function baseFrames(): Base[] {
  const out: Base[] = [];
  for (const def of API_DEFS) {
    for (const request of [true, false]) {
      const msg = request ? def.request : def.response;
      const r = parseVersions(msg.validVersions);
      if (r === null) continue;
      for (let v = r.min; v <= r.max; v++) {
        for (let s = 0; s < 2; s++) {
          const gen = new ValueGenerator(def.key * 1_000 + v * 10 + s + (request ? 0 : 500));
          const body = gen.message(msg, v);
          const frame = request
            ? encodeRequest(def, v, { correlationId: s, clientId: 'fuzz' }, body)
            : encodeResponse(def, v, s, body);
          out.push({ key: def.key, version: v, request, frame: frame.slice(4) });
        }
      }
    }
  }
  return out;
}

const HUGE: readonly number[][] = [
  [0x7f, 0xff, 0xff, 0xff], [0xff, 0xff, 0xff, 0xff], [0x80, 0x00, 0x00, 0x00], [0x7f, 0xff], [0xff, 0xfe],
  [0xff, 0xff, 0xff, 0xff, 0x0f], [0xfe, 0xff, 0xff, 0xff, 0x07], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
];

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const int = (n: number) => Math.floor(rnd() * n);
  let b: Uint8Array = src.slice();
  const rounds = 1 + int(3);
  for (let k = 0; k < rounds; k++) {
    const kind = int(5);
    if (kind === 0 && b.length > 0) { // flip bytes
      for (let i = 0, n = 1 + int(4); i < n; i++) b[int(b.length)] = int(256);
    } else if (kind === 1) { // truncate
      b = b.slice(0, int(b.length + 1));
    } else if (kind === 2 && b.length > 0) { // overwrite with a huge length or varint
      const h = HUGE[int(HUGE.length)];
      const at = int(b.length);
      for (let i = 0; i < h.length && at + i < b.length; i++) b[at + i] = h[i];
    } else if (kind === 3) { // insert a huge length
      const h = HUGE[int(HUGE.length)];
      const at = int(b.length + 1);
      b = Uint8Array.from([...b.subarray(0, at), ...h, ...b.subarray(at)]);
    } else { // insert junk
      const at = int(b.length + 1);
      const junk = Array.from({ length: 1 + int(6) }, () => int(256));
      b = Uint8Array.from([...b.subarray(0, at), ...junk, ...b.subarray(at)]);
    }
  }
  return b;
}

describe('fuzzing the decoders', () => {
  it(`${ITERATIONS} mutated frames: only ProtocolError, bounded memory`, () => {
    const bases = baseFrames();
    expect(bases.length).toBeGreaterThan(100);
    const rnd = prng(0xdecaf);
    global.gc?.();
    const before = process.memoryUsage();
    let ok = 0;
    let failed = 0;
    let inBody = 0;
    const wrong: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const base = bases[Math.floor(rnd() * bases.length)];
      const frame = mutate(base.frame, rnd);
      try {
        if (base.request) decodeRequest(frame);
        else decodeResponse(base.key, base.version, frame);
        ok++;
      } catch (e) {
        if (!(e instanceof ProtocolError)) {
          if (wrong.length < 5) wrong.push(`#${i} ${base.key} v${base.version} ${base.request ? 'req' : 'res'}: ${String(e)}`);
          continue;
        }
        failed++;
        if (e.path && !e.path.startsWith('header.')) inBody++;
      }
    }
    const after = process.memoryUsage();
    expect(wrong).toEqual([]);
    // The fuzz reaches past the headers, and not every mutation is fatal (e.g. a flipped int value).
    expect(ok).toBeGreaterThan(ITERATIONS / 50);
    expect(inBody).toBeGreaterThan(failed / 4);
    expect(after.rss - before.rss).toBeLessThan(200 * 2 ** 20);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(200 * 2 ** 20);
  }, 60_000); // ~5 s alone; headroom for a loaded 2-core machine
});
