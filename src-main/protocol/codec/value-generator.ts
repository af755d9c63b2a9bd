/**
 * Seeded generator of valid message values, derived from the definitions (for round-trip tests, the fuzz
 * test and benchmarks). For a given version it sets exactly the fields present in that version, uses null
 * only where the version allows it, and sets tagged fields sometimes to their default (so they are not
 * written) and sometimes not. Deterministic for a seed, so a failing case can be replayed.
 */
import { Buffer } from 'node:buffer';
import type { Field, FieldType, MessageDef, Primitive, StructType } from '../schema/dsl.js';
import { inVersions } from '../schema/dsl.js';
import { freshDefault } from './defaults.js';

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = ['a', 'b', 'z', 'A', '0', '9', '-', '_', '.', ' ', 'é', 'ß', '漢', '字', '🙂', '\u0000'];

export interface GeneratorOptions {
  /** Largest array length generated (default 3). */
  maxArray?: number;
  /** Largest bytes/records length generated (default 24). */
  maxBytes?: number;
}

export class ValueGenerator {
  private readonly rnd: () => number;
  private readonly maxArray: number;
  private readonly maxBytes: number;

  constructor(seed: number, options: GeneratorOptions = {}) {
    this.rnd = prng(seed);
    this.maxArray = options.maxArray ?? 3;
    this.maxBytes = options.maxBytes ?? 24;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.rnd() < p;
  }

  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.int(0, 255);
    return b;
  }

  /** A valid body of `def` at `version`. */
  message(def: MessageDef, version: number): Record<string, unknown> {
    return this.struct(def.fields, version);
  }

  private struct(fields: readonly Field[], version: number): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const f of fields) {
      if (!inVersions(f.versions, version)) continue;
      const tagged = f.tag !== undefined && inVersions(f.taggedVersions, version);
      if (tagged && this.chance(0.4)) { o[f.name] = freshDefault(f, version); continue; }
      if (inVersions(f.nullableVersions, version) && this.chance(0.2)) { o[f.name] = null; continue; }
      o[f.name] = this.value(f.type, version);
    }
    return o;
  }

  private value(t: FieldType, version: number): unknown {
    if (typeof t === 'string') return this.primitive(t);
    if (t.kind === 'struct') return this.struct((t as StructType).fields, version);
    const n = this.int(0, this.maxArray);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(this.value(t.element, version));
    return out;
  }

  primitive(t: Primitive): unknown {
    switch (t) {
      case 'bool': return this.chance(0.5);
      case 'int8': return this.int(-128, 127);
      case 'int16': return this.int(-32768, 32767);
      case 'uint16': return this.int(0, 0xffff);
      case 'int32': return this.edge() ?? this.int(-2147483648, 2147483647);
      case 'uint32': return this.int(0, 0xffffffff);
      case 'int64': return BigInt.asIntN(64, (BigInt(this.int(0, 0xffffffff)) << 32n) | BigInt(this.int(0, 0xffffffff)));
      case 'float64': return this.chance(0.5) ? this.int(-1000, 1000) : (this.rnd() - 0.5) * 1e12;
      case 'uuid': return Buffer.from(this.bytes(16)).toString('base64url');
      case 'string': return this.string(this.int(0, 12));
      case 'bytes': case 'records': return this.bytes(this.int(0, this.maxBytes));
    }
  }

  private edge(): number | undefined {
    return this.chance(0.1) ? [-1, 0, 2147483647, -2147483648][this.int(0, 3)] : undefined;
  }

  string(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += CHARS[this.int(0, CHARS.length - 1)];
    return s;
  }
}
