/**
 * Field defaults as Kafka's generator defines them, derived from the definitions: the value an absent
 * field takes, whether a value equals the default (tagged fields are written only when it does not; a
 * field missing from a version may only carry its default), and fresh default values for decoding.
 *
 * Implicit defaults: numbers 0, int64 0n, bool false, string "", uuid all-zero, bytes empty, records null,
 * arrays empty, structs "every field at its default". An explicit `default: null` makes the default null.
 */
import type { Field, FieldType, Primitive, StructType } from '../schema/dsl.js';
import { inVersions } from '../schema/dsl.js';

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
const EMPTY_BYTES = new Uint8Array(0);
/** Shared, frozen stand-ins used only when encoding an absent field (never handed out by decoding). */
export const EMPTY_ARRAY: readonly unknown[] = Object.freeze([]);
export const EMPTY_STRUCT: Readonly<Record<string, unknown>> = Object.freeze({});

function primitiveZero(type: Primitive): unknown {
  switch (type) {
    case 'int64': return 0n;
    case 'bool': return false;
    case 'string': return '';
    case 'uuid': return ZERO_UUID;
    case 'bytes': return EMPTY_BYTES;
    case 'records': return null;
    default: return 0;
  }
}

function coerce(type: Primitive, d: unknown): unknown {
  switch (type) {
    case 'int64': return typeof d === 'bigint' ? d : BigInt(d as number | string);
    case 'bool': return d === true || d === 'true';
    case 'string': case 'uuid': return String(d);
    case 'bytes': case 'records': return primitiveZero(type);
    default: return typeof d === 'number' ? d : Number(d);
  }
}

/** The default of `field` (shared instances for bytes/arrays/structs: do not mutate). */
export function defaultOf(field: Field): unknown {
  const d = field.default;
  if (d === null) return null;
  const t: FieldType = field.type;
  if (typeof t !== 'string') return t.kind === 'array' ? EMPTY_ARRAY : EMPTY_STRUCT;
  if (d === undefined || (d === '' && t !== 'string')) return primitiveZero(t);
  return coerce(t, d);
}

/** True when `v` is absent or equals the field's default (deeply for structs, by emptiness for arrays/bytes). */
export function isDefaultValue(field: Field, v: unknown): boolean {
  if (v === undefined) return true;
  const d = defaultOf(field);
  if (d === null) return v === null;
  if (v === null) return false;
  const t = field.type;
  if (typeof t === 'string') {
    if (t === 'bytes' || t === 'records') return v instanceof Uint8Array && v.length === 0;
    return v === d;
  }
  if (t.kind === 'array') return Array.isArray(v) && v.length === 0;
  return isDefaultStruct(t, v);
}

function isDefaultStruct(s: StructType, v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return s.fields.every((f) => isDefaultValue(f, o[f.name]));
}

/** A new default value for `field` at `version`, as decoding fills an absent tagged field. */
export function freshDefault(field: Field, version: number): unknown {
  const d = defaultOf(field);
  if (d === null) return null;
  const t = field.type;
  if (typeof t === 'string') return t === 'bytes' ? new Uint8Array(0) : d;
  if (t.kind === 'array') return [];
  return freshStruct(t, version);
}

/** A struct with every field present at `version` set to its default. */
export function freshStruct(s: StructType, version: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of s.fields) if (inVersions(f.versions, version)) o[f.name] = freshDefault(f, version);
  return o;
}
