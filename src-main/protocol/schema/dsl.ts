/**
 * The vocabulary in which every Kafka message is declared once, as plain data.
 *
 * A definition module (`schema/NN-name.ts`) describes one API: its request and response, each a list of
 * fields with Kafka's version ranges ("0+", "3-7", "none"). The codec is derived from these definitions;
 * nothing is written per version. Field names are Kafka's, in lowerCamelCase (`GroupInstanceId` ->
 * `groupInstanceId`); the drift test (`drift.test.ts`) compares every definition with Kafka 3.9's JSON.
 *
 * Value types are inferred from the data, so a definition and its TypeScript type cannot drift apart:
 * int64 -> bigint, uuid -> string (Kafka's base64url form), bytes/records -> Uint8Array.
 */

export type Primitive =
  | 'bool' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'float64'
  | 'uuid' | 'string' | 'bytes' | 'records';

export interface StructType<F extends readonly Field[] = readonly Field[]> {
  readonly kind: 'struct';
  /** Kafka's struct name (e.g. `FetchableTopicResponse`); informative only. */
  readonly name: string;
  readonly fields: F;
}

export interface ArrayType<E extends Primitive | StructType = Primitive | StructType> {
  readonly kind: 'array';
  readonly element: E;
}

export type FieldType = Primitive | StructType | ArrayType;

/** A default as Kafka writes it: number, bigint for int64, boolean, string, or null. */
export type DefaultValue = number | bigint | boolean | string | null;

export interface FieldOptions {
  /** Versions in which the field may be null ("0+", "3+", ...). */
  readonly nullableVersions?: string;
  /** Tagged field: its tag and the versions in which it is tagged. */
  readonly tag?: number;
  readonly taggedVersions?: string;
  readonly default?: DefaultValue;
  /** A non-default value may be silently dropped when encoding a version that lacks the field. */
  readonly ignorable?: boolean;
  readonly mapKey?: boolean;
}

export interface Field<N extends string = string, T extends FieldType = FieldType> extends FieldOptions {
  readonly name: N;
  readonly type: T;
  readonly versions: string;
}

export interface MessageDef<F extends readonly Field[] = readonly Field[]> {
  readonly apiKey: number;
  readonly kind: 'request' | 'response';
  /** Kafka's message name, e.g. `HeartbeatRequest`. */
  readonly name: string;
  readonly validVersions: string;
  readonly flexibleVersions: string;
  readonly fields: F;
}

export interface ApiDef<Req extends readonly Field[] = readonly Field[], Res extends readonly Field[] = readonly Field[]> {
  readonly key: number;
  /** Kafka's API name without suffix, e.g. `Heartbeat`. */
  readonly name: string;
  readonly request: MessageDef<Req>;
  readonly response: MessageDef<Res>;
}

// NoInfer: without options, O would be inferred from the contextual type of struct()'s field list
// (Field), and `type: T & FieldType` would widen every value type nested in a struct.
export function field<const N extends string, const T extends FieldType, const V extends string, const O extends FieldOptions = {}>(
  name: N, type: T, versions: V, options?: O,
): Field<N, T> & { readonly versions: V } & NoInfer<O> {
  return { name, type, versions, ...(options ?? ({} as O)) };
}

export function struct<const F extends readonly Field[]>(name: string, fields: F): StructType<F> {
  return { kind: 'struct', name, fields };
}

export function array<const E extends Primitive | StructType>(element: E): ArrayType<E> {
  return { kind: 'array', element };
}

interface ApiInput<Req extends readonly Field[], Res extends readonly Field[]> {
  key: number;
  name: string;
  /** validVersions / flexibleVersions shared by request and response unless overridden. */
  validVersions: string;
  flexibleVersions: string;
  request: Req;
  response: Res;
  responseValidVersions?: string;
  responseFlexibleVersions?: string;
}

export function api<const Req extends readonly Field[], const Res extends readonly Field[]>(
  input: ApiInput<Req, Res>,
): ApiDef<Req, Res> {
  return {
    key: input.key,
    name: input.name,
    request: {
      apiKey: input.key, kind: 'request', name: `${input.name}Request`,
      validVersions: input.validVersions, flexibleVersions: input.flexibleVersions, fields: input.request,
    },
    response: {
      apiKey: input.key, kind: 'response', name: `${input.name}Response`,
      validVersions: input.responseValidVersions ?? input.validVersions,
      flexibleVersions: input.responseFlexibleVersions ?? input.flexibleVersions,
      fields: input.response,
    },
  };
}

// ---- value types inferred from definitions ----

export type PrimitiveValue<P extends Primitive> =
  P extends 'bool' ? boolean
  : P extends 'int64' ? bigint
  : P extends 'string' | 'uuid' ? string
  : P extends 'bytes' | 'records' ? Uint8Array
  : number;

export type ValueOf<T extends FieldType> =
  T extends Primitive ? PrimitiveValue<T>
  : T extends StructType<infer F> ? InferFields<F>
  : T extends ArrayType<infer E> ? ValueOf<E>[]
  : never;

type NullIfNullable<F> = F extends { nullableVersions: string } ? null : never;
/** A field is required in the version-agnostic type only when present in every version and untagged. */
type IsRequired<F> = F extends { tag: number } ? false : F extends { versions: '0+' } ? true : false;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type InferFields<F extends readonly Field[]> = Simplify<
  { [K in F[number] as IsRequired<K> extends true ? K['name'] : never]: ValueOf<K['type']> | NullIfNullable<K> } &
  { [K in F[number] as IsRequired<K> extends true ? never : K['name']]?: ValueOf<K['type']> | NullIfNullable<K> }
>;

export type RequestOf<A> = A extends ApiDef<infer Req, readonly Field[]> ? InferFields<Req> : never;
export type ResponseOf<A> = A extends ApiDef<readonly Field[], infer Res> ? InferFields<Res> : never;

// ---- version ranges ----

/** Parses Kafka's version syntax: "3+", "0-7", "5", "none". `max` is Infinity for "N+". */
export function parseVersions(spec: string): { min: number; max: number } | null {
  if (spec === 'none') return null;
  const plus = /^(\d+)\+$/.exec(spec);
  if (plus) return { min: Number(plus[1]), max: Infinity };
  const range = /^(\d+)-(\d+)$/.exec(spec);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  if (/^\d+$/.test(spec)) return { min: Number(spec), max: Number(spec) };
  throw new Error(`bad version range "${spec}"`);
}

export function inVersions(spec: string | undefined, version: number): boolean {
  if (spec === undefined) return false;
  const r = parseVersions(spec);
  return r !== null && version >= r.min && version <= r.max;
}
