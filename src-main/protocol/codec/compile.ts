/**
 * Derives, once per (message, version), an encoder and a decoder from a MessageDef, and caches them.
 *
 * Why compile rather than interpret: an interpreter re-walks the definition on every call, testing each
 * field's version ranges, nullability and flexibility. Compiling resolves all of that once: per version we
 * keep only the fields present, each bound to the exact primitive codec (classic/compact, nullable or not),
 * with tagged fields pre-sorted by tag. The hot loop is then "for each field: read/write". Measured on this
 * machine against a scratch interpreter over the same Reader/Writer (BENCHMARKS.md, "Protocol codec"): encode
 * 1.3-4.5x faster, decode about 1.7x faster (Metadata v12 response with 1,000 topics: encode 1.8 vs 4.5 ms,
 * decode 3.8 vs 6.4 ms), for a one-off compile per (message, version). The closures are created
 * at compile time only, never per call.
 *
 * Semantics follow Kafka's message generator:
 * - a field outside its `versions` is neither written nor read; decoding leaves it out of the object
 *   (the property is absent, not undefined), so decode(encode(x)) has exactly the fields of that version;
 * - a missing (undefined) field is written as its default (see defaults.ts);
 * - flexible versions use compact strings/bytes/arrays and end every struct with a tagged-field section;
 *   tagged fields are written only when != default, in ascending tag order; decoding rejects tags out of
 *   order or repeated, skips unknown tags, and fills absent known tagged fields with fresh defaults;
 * - encoding a version that lacks a field whose value is not the default is an error unless `ignorable`;
 * - null is accepted only in `nullableVersions`; nullable structs carry Kafka's presence marker (int8, or a
 *   uvarint inside a tagged field).
 */
import type { Field, MessageDef, Primitive, StructType } from '../schema/dsl.js';
import { inVersions } from '../schema/dsl.js';
import { inRange } from './versions.js';
import { ProtocolError } from '../errors.js';
import { defaultOf, freshDefault, isDefaultValue } from './defaults.js';
import type { CodecContext, Reader } from './reader.js';
import type { Writer } from './writer.js';

// `any`: values are checked by the Writer as they are written, with the field path in the error.
type Obj = Record<string, any>;

interface TypeCodec {
  readonly write: (w: Writer, v: any) => void;
  readonly read: (r: Reader) => unknown;
  /** Fewest bytes one value can take: bounds array counts against the bytes left. */
  readonly minSize: number;
}

const tc = (write: TypeCodec['write'], read: TypeCodec['read'], minSize: number): TypeCodec => ({ write, read, minSize });

const FIXED: Record<string, TypeCodec> = {
  bool: tc((w, v) => w.bool(v), (r) => r.bool(), 1),
  int8: tc((w, v) => w.int8(v), (r) => r.int8(), 1),
  int16: tc((w, v) => w.int16(v), (r) => r.int16(), 2),
  uint16: tc((w, v) => w.uint16(v), (r) => r.uint16(), 2),
  int32: tc((w, v) => w.int32(v), (r) => r.int32(), 4),
  uint32: tc((w, v) => w.uint32(v), (r) => r.uint32(), 4),
  int64: tc((w, v) => w.int64(v), (r) => r.int64(), 8),
  float64: tc((w, v) => w.float64(v), (r) => r.float64(), 8),
  uuid: tc((w, v) => w.uuid(v), (r) => r.uuid(), 16),
};

// [classic, classic nullable, compact, compact nullable]
const STRINGS: readonly TypeCodec[] = [
  tc((w, v) => w.string(v), (r) => r.string(), 2),
  tc((w, v) => w.nullableString(v), (r) => r.nullableString(), 2),
  tc((w, v) => w.compactString(v), (r) => r.compactString(), 1),
  tc((w, v) => w.compactNullableString(v), (r) => r.compactNullableString(), 1),
];
const BYTES: readonly TypeCodec[] = [
  tc((w, v) => w.bytes(v), (r) => r.bytes(), 4),
  tc((w, v) => w.nullableBytes(v), (r) => r.nullableBytes(), 4),
  tc((w, v) => w.compactBytes(v), (r) => r.compactBytes(), 1),
  tc((w, v) => w.compactNullableBytes(v), (r) => r.compactNullableBytes(), 1),
];

function primitiveCodec(t: Primitive, flexible: boolean, nullable: boolean): TypeCodec {
  const i = (flexible ? 2 : 0) + (nullable ? 1 : 0);
  if (t === 'string') return STRINGS[i];
  if (t === 'bytes' || t === 'records') return BYTES[i];
  return FIXED[t];
}

function arrayCodec(el: TypeCodec, flexible: boolean, nullable: boolean): TypeCodec {
  const minEl = el.minSize;
  const write = (w: Writer, v: any): void => {
    if (v === null) {
      if (!nullable) w.fail('null is not allowed at this version');
      if (flexible) w.uvarint(0); else w.int32(-1);
      return;
    }
    if (!Array.isArray(v)) w.fail('value is not an array');
    if (flexible) w.uvarint(v.length + 1); else w.int32(v.length);
    const path = w.path;
    for (let i = 0; i < v.length; i++) { w.path = path; el.write(w, v[i]); }
  };
  const read = (r: Reader): unknown[] | null => {
    const n = flexible ? r.compactArrayLength(minEl, nullable) : r.arrayLength(minEl, nullable);
    if (n < 0) return null;
    const out: unknown[] = [];
    const path = r.path;
    for (let i = 0; i < n; i++) { r.path = path; out.push(el.read(r)); }
    return out;
  };
  return tc(write, read, flexible ? 1 : 4);
}

interface Entry {
  readonly name: string;
  readonly path: string;
  readonly codec: TypeCodec;
  readonly dflt: unknown;
}
interface TaggedEntry extends Entry {
  readonly tag: number;
  readonly isDefault: (v: unknown) => boolean;
  readonly fresh: () => unknown;
}
interface AbsentEntry {
  readonly name: string;
  readonly path: string;
  readonly isDefault: (v: unknown) => boolean;
}

class StructCodec {
  readonly regular: Entry[] = [];
  readonly tagged: TaggedEntry[] = [];
  readonly byTag = new Map<number, TaggedEntry>();
  readonly absent: AbsentEntry[] = [];
  readonly minSize: number;
  private readonly taggedPath: string;

  constructor(fields: readonly Field[], readonly version: number, readonly flexible: boolean, prefix: string) {
    this.taggedPath = `${prefix}<tagged fields>`;
    for (const f of fields) {
      const path = prefix + f.name;
      if (!inVersions(f.versions, version)) {
        if (!f.ignorable) this.absent.push({ name: f.name, path, isDefault: (v) => isDefaultValue(f, v) });
        continue;
      }
      const tagged = f.tag !== undefined && inVersions(f.taggedVersions, version);
      const codec = fieldCodec(f, version, flexible, path, tagged);
      const entry = { name: f.name, path, codec, dflt: defaultOf(f) };
      if (tagged && f.tag !== undefined) {
        const te: TaggedEntry = { ...entry, tag: f.tag, isDefault: (v) => isDefaultValue(f, v), fresh: () => freshDefault(f, version) };
        this.tagged.push(te);
        this.byTag.set(f.tag, te);
      } else {
        this.regular.push(entry);
      }
    }
    this.tagged.sort((a, b) => a.tag - b.tag);
    this.minSize = this.regular.reduce((n, e) => n + e.codec.minSize, flexible ? 1 : 0);
  }

  encode(w: Writer, obj: Obj): void {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) w.fail('value is not an object');
    const absent = this.absent;
    for (let i = 0; i < absent.length; i++) {
      const a = absent[i];
      if (!a.isDefault(obj[a.name])) {
        w.path = a.path;
        w.fail(`non-default value, but version ${this.version} lacks this field and it is not ignorable`);
      }
    }
    const regular = this.regular;
    for (let i = 0; i < regular.length; i++) {
      const e = regular[i];
      w.path = e.path;
      const v = obj[e.name];
      e.codec.write(w, v === undefined ? e.dflt : v);
    }
    if (this.flexible) this.writeTagged(w, obj);
  }

  private writeTagged(w: Writer, obj: Obj): void {
    const tagged = this.tagged;
    let count = 0;
    for (let i = 0; i < tagged.length; i++) if (!tagged[i].isDefault(obj[tagged[i].name])) count++;
    w.path = this.taggedPath;
    w.uvarint(count);
    if (count === 0) return;
    for (let i = 0; i < tagged.length; i++) {
      const t = tagged[i];
      const v = obj[t.name];
      if (t.isDefault(v)) continue;
      w.path = t.path;
      w.uvarint(t.tag);
      const mark = w.beginSized();
      t.codec.write(w, v);
      w.endSized(mark);
    }
  }

  decode(r: Reader): Obj {
    const o: Obj = {};
    const regular = this.regular;
    for (let i = 0; i < regular.length; i++) {
      const e = regular[i];
      r.path = e.path;
      o[e.name] = e.codec.read(r);
    }
    if (this.flexible) this.readTagged(r, o);
    return o;
  }

  private readTagged(r: Reader, o: Obj): void {
    r.path = this.taggedPath;
    const n = r.uvarint();
    if (n * 2 > r.remaining()) r.fail(`${n} tagged fields cannot fit in the ${r.remaining()} bytes left`);
    let last = -1;
    for (let i = 0; i < n; i++) {
      r.path = this.taggedPath;
      const tag = r.uvarint();
      if (tag <= last) r.fail(`tag ${tag} after tag ${last}: tags must be strictly ascending`);
      last = tag;
      const size = r.uvarint();
      r.need(size);
      const t = this.byTag.get(tag);
      if (t === undefined) { r.pos += size; continue; } // unknown tag: skipped, as Kafka does
      r.path = t.path;
      const end = r.end;
      r.end = r.pos + size;
      o[t.name] = t.codec.read(r);
      if (r.pos !== r.end) r.fail(`tagged field declared ${size} bytes but used ${size - (r.end - r.pos)}`);
      r.end = end;
    }
    const tagged = this.tagged;
    for (let i = 0; i < tagged.length; i++) if (!(tagged[i].name in o)) o[tagged[i].name] = tagged[i].fresh();
  }
}

function structTypeCodec(s: StructType, version: number, flexible: boolean, prefix: string, nullable: boolean, tagged: boolean): TypeCodec {
  const sc = new StructCodec(s.fields, version, flexible, prefix);
  if (!nullable) return tc((w, v) => sc.encode(w, v), (r) => sc.decode(r), sc.minSize);
  // Kafka marks a nullable struct with an int8 (-1 = null, 1 = present), or inside a tagged field with a
  // uvarint (0 = null, 1 = present), as its message generator does.
  if (tagged) {
    return tc(
      (w, v) => { if (v === null) w.uvarint(0); else { w.uvarint(1); sc.encode(w, v); } },
      (r) => (r.uvarint() === 0 ? null : sc.decode(r)),
      1,
    );
  }
  return tc(
    (w, v) => { if (v === null) w.int8(-1); else { w.int8(1); sc.encode(w, v); } },
    (r) => (r.int8() < 0 ? null : sc.decode(r)),
    1,
  );
}

function fieldCodec(f: Field, version: number, flexible: boolean, path: string, tagged: boolean): TypeCodec {
  const nullable = inVersions(f.nullableVersions, version);
  const t = f.type;
  if (typeof t === 'string') return primitiveCodec(t, flexible, nullable);
  if (t.kind === 'struct') return structTypeCodec(t, version, flexible, `${path}.`, nullable, tagged);
  const el = typeof t.element === 'string'
    ? primitiveCodec(t.element, flexible, false)
    : structTypeCodec(t.element, version, flexible, `${path}[].`, false, false);
  return arrayCodec(el, flexible, nullable);
}

/** The compiled encoder/decoder of one message at one version. */
export class MessageCodec {
  readonly ctx: CodecContext;
  private readonly root: StructCodec;

  constructor(readonly def: MessageDef, readonly version: number) {
    this.ctx = Object.freeze({ apiKey: def.apiKey, apiName: def.name, version });
    this.root = new StructCodec(def.fields, version, inVersions(def.flexibleVersions, version), '');
  }

  encode(w: Writer, body: object): void {
    w.ctx = this.ctx;
    w.path = '';
    this.root.encode(w, body as Obj);
  }

  decode(r: Reader): Obj {
    r.ctx = this.ctx;
    r.path = '';
    return this.root.decode(r);
  }
}

const cache = new WeakMap<MessageDef, (MessageCodec | undefined)[]>();

export function isValidVersion(def: MessageDef, version: number): boolean {
  return Number.isInteger(version) && inRange(def.validVersions, version);
}

/** The cached codec of `def` at `version`; a ProtocolError if the version is not in validVersions. */
export function messageCodec(def: MessageDef, version: number): MessageCodec {
  let byVersion = cache.get(def);
  if (byVersion === undefined) { byVersion = []; cache.set(def, byVersion); }
  let c = byVersion[version];
  if (c === undefined) {
    if (!isValidVersion(def, version)) {
      throw new ProtocolError(`unsupported version (valid: ${def.validVersions})`, { apiKey: def.apiKey, apiName: def.name, version });
    }
    c = new MessageCodec(def, version);
    byVersion[version] = c;
  }
  return c;
}
