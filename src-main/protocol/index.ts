/**
 * The protocol layer's public door: frame-level encode/decode of requests and responses for every API in
 * the schema registry, the registry itself, Kafka's error table and ProtocolError. Other layers import
 * only this module. Frames passed to decoders exclude the 4-byte size prefix; encoders return
 * size-prefixed frames ready for the socket.
 *
 * Value model (see codec/compile.ts): a decoded body has exactly the fields of its version (fields of other
 * versions are absent; known tagged fields that were not sent hold their defaults); bytes/records fields
 * are views into the frame, so copy them before reusing the frame's memory; int64 is bigint; uuid is
 * Kafka's base64url string. Bytes after the body are ignored (lenient; we believe Kafka's parser does not
 * check for them either, not verified against its source). Every bad frame or value raises ProtocolError
 * (api, version, field path, byte offset).
 */
import { API_BY_KEY } from './schema/index.js';
import { type ApiDef, type RequestOf, type ResponseOf, parseVersions } from './schema/dsl.js';
import { ProtocolError } from './errors.js';
import { isValidVersion, messageCodec } from './codec/compile.js';
import { Reader } from './codec/reader.js';
import { Writer } from './codec/writer.js';
import {
  type RequestHeader, readRequestHeaderRest, readRequestHeaderStart, readResponseHeader, requestHeaderVersion,
  responseHeaderVersion, writeRequestHeader, writeResponseHeader,
} from './codec/headers.js';

export * from './schema/index.js';
export * from './errors.js';
export { Reader, type CodecContext } from './codec/reader.js';
export { Writer, utf8Length, uvarintSize } from './codec/writer.js';
export { ZERO_UUID } from './codec/defaults.js';
export { requestHeaderVersion, responseHeaderVersion, type RequestHeader } from './codec/headers.js';

/** A message body; typed per API with `RequestOf<typeof def>` / `ResponseOf<typeof def>`. */
export type Body = Record<string, unknown>;
/** The body type for `A`: inferred from a specific definition, loose for a key or the generic ApiDef. */
export type RequestBody<A> = A extends ApiDef ? (ApiDef extends A ? Body : RequestOf<A>) : Body;
export type ResponseBody<A> = A extends ApiDef ? (ApiDef extends A ? Body : ResponseOf<A>) : Body;

export interface DecodedRequestHeader extends RequestHeader {
  headerVersion: 0 | 1 | 2;
  /** Offset of the body in the frame. */
  bodyOffset: number;
}

function apiDef(api: ApiDef | number): ApiDef {
  if (typeof api !== 'number') return api;
  const def = API_BY_KEY.get(api);
  if (def === undefined) throw new ProtocolError(`unknown API key ${api}`, { apiKey: api });
  return def;
}

/** True when `version` of request/response `apiKey` is in our definitions' validVersions. */
export function isVersionSupported(apiKey: number, version: number): boolean {
  const def = API_BY_KEY.get(apiKey);
  return def !== undefined && isValidVersion(def.request, version);
}

/** The request version range our definitions support for `apiKey` (for the ApiVersions response). */
export function supportedVersions(apiKey: number): { min: number; max: number } | undefined {
  const def = API_BY_KEY.get(apiKey);
  const r = def === undefined ? null : parseVersions(def.request.validVersions);
  return r === null ? undefined : { min: r.min, max: r.max };
}

function sizePrefixed(initialCapacity: number): Writer {
  const w = new Writer(initialCapacity);
  w.pos = 4;
  return w;
}

function finishFrame(w: Writer): Uint8Array {
  const frame = w.finish();
  new DataView(frame.buffer, frame.byteOffset).setInt32(0, frame.length - 4);
  return frame;
}

/** Encodes a request as a size-prefixed frame. */
export function encodeRequest<A extends ApiDef>(
  api: A | number, version: number, header: { correlationId: number; clientId: string | null },
  body: RequestBody<A>, initialCapacity = 256,
): Uint8Array {
  const def = apiDef(api);
  const codec = messageCodec(def.request, version);
  const w = sizePrefixed(initialCapacity);
  w.ctx = codec.ctx;
  // Explicit fields, not an object spread: spreads cost microseconds per call on this hot path.
  writeRequestHeader(w, requestHeaderVersion(def, version),
    { apiKey: def.key, apiVersion: version, correlationId: header.correlationId, clientId: header.clientId });
  codec.encode(w, body as object);
  return finishFrame(w);
}

/**
 * Decodes a request header. The API key must be known; the version need not be supported (check with
 * `isVersionSupported`), so that an ApiVersions request from a newer client can still be answered.
 */
export function decodeRequestHeader(frame: Uint8Array): DecodedRequestHeader {
  return readHeader(new Reader(frame));
}

function readHeader(r: Reader): DecodedRequestHeader {
  const start = readRequestHeaderStart(r);
  const def = API_BY_KEY.get(start.apiKey);
  if (def === undefined) r.fail(`unknown API key ${start.apiKey}`);
  if (start.apiVersion < 0) r.fail(`negative API version ${start.apiVersion}`);
  r.ctx = { apiKey: def.key, apiName: `${def.name}Request`, version: start.apiVersion };
  const headerVersion = requestHeaderVersion(def, start.apiVersion);
  const clientId = readRequestHeaderRest(r, headerVersion);
  // Explicit fields, not a spread of `start`: object spreads cost microseconds per call here.
  return { apiKey: start.apiKey, apiVersion: start.apiVersion, correlationId: start.correlationId, clientId, headerVersion, bodyOffset: r.pos };
}

/** Decodes a whole request frame (without the size prefix). */
export function decodeRequest(frame: Uint8Array): { header: DecodedRequestHeader; body: Body } {
  const r = new Reader(frame);
  const header = readHeader(r);
  const body = messageCodec(apiDef(header.apiKey).request, header.apiVersion).decode(r);
  return { header, body };
}

/** Decodes a request body of a known API into its inferred type. */
export function decodeRequestBody<A extends ApiDef>(def: A, version: number, frame: Uint8Array, offset = 0): RequestOf<A> {
  return messageCodec(def.request, version).decode(new Reader(frame, offset)) as RequestOf<A>;
}

/** Encodes a response as a size-prefixed frame (ApiVersions always with response header v0). */
export function encodeResponse<A extends ApiDef>(
  api: A | number, version: number, correlationId: number, body: ResponseBody<A>, initialCapacity = 256,
): Uint8Array {
  const def = apiDef(api);
  const codec = messageCodec(def.response, version);
  const w = sizePrefixed(initialCapacity);
  w.ctx = codec.ctx;
  writeResponseHeader(w, responseHeaderVersion(def, version), correlationId);
  codec.encode(w, body as object);
  return finishFrame(w);
}

/** Decodes a response frame (without the size prefix) of a request sent at `version`. */
export function decodeResponse<A extends ApiDef>(
  api: A | number, version: number, frame: Uint8Array,
): { correlationId: number; body: ResponseBody<A> } {
  const def = apiDef(api);
  const codec = messageCodec(def.response, version);
  const r = new Reader(frame);
  r.ctx = codec.ctx;
  const correlationId = readResponseHeader(r, responseHeaderVersion(def, version));
  return { correlationId, body: codec.decode(r) as ResponseBody<A> };
}
