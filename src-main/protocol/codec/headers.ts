/**
 * Request headers v0/v1/v2 and response headers v0/v1, with Kafka's two hard-coded exceptions:
 * ControlledShutdown v0 requests use header v0, and ApiVersions responses always use header v0 (so a
 * client that does not yet know the broker's versions can read the answer). `client_id` is a classic
 * nullable string in every header version, even the flexible v2.
 */
import type { ApiDef } from '../schema/dsl.js';
import { inRange } from './versions.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

export const CONTROLLED_SHUTDOWN_KEY = 7;
export const API_VERSIONS_KEY = 18;

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  /** Absent (null) in header v0. */
  clientId: string | null;
}

/**
 * Header version of a request. Flexibility is decided by the "N+" range alone, so an ApiVersions request
 * newer than we support still parses (the broker must answer it with UNSUPPORTED_VERSION).
 */
export function requestHeaderVersion(def: ApiDef, apiVersion: number): 0 | 1 | 2 {
  if (def.key === CONTROLLED_SHUTDOWN_KEY && apiVersion === 0) return 0;
  return inRange(def.request.flexibleVersions, apiVersion) ? 2 : 1;
}

export function responseHeaderVersion(def: ApiDef, apiVersion: number): 0 | 1 {
  if (def.key === API_VERSIONS_KEY) return 0;
  return inRange(def.response.flexibleVersions, apiVersion) ? 1 : 0;
}

export function writeRequestHeader(w: Writer, headerVersion: 0 | 1 | 2, h: RequestHeader): void {
  w.path = 'header.requestApiKey'; w.int16(h.apiKey);
  w.path = 'header.requestApiVersion'; w.int16(h.apiVersion);
  w.path = 'header.correlationId'; w.int32(h.correlationId);
  if (headerVersion >= 1) { w.path = 'header.clientId'; w.nullableString(h.clientId); }
  if (headerVersion >= 2) { w.path = 'header.taggedFields'; w.uvarint(0); }
}

/** Reads api key, version and correlation id (common to all request header versions). */
export function readRequestHeaderStart(r: Reader): { apiKey: number; apiVersion: number; correlationId: number } {
  r.path = 'header.requestApiKey'; const apiKey = r.int16();
  r.path = 'header.requestApiVersion'; const apiVersion = r.int16();
  r.path = 'header.correlationId'; const correlationId = r.int32();
  return { apiKey, apiVersion, correlationId };
}

/** Reads the rest of a request header of the given version (after `readRequestHeaderStart`). */
export function readRequestHeaderRest(r: Reader, headerVersion: 0 | 1 | 2): string | null {
  let clientId: string | null = null;
  if (headerVersion >= 1) { r.path = 'header.clientId'; clientId = r.nullableString(); }
  if (headerVersion >= 2) { r.path = 'header.taggedFields'; r.skipTaggedFields(); } // Kafka 3.9 defines no header tags
  return clientId;
}

export function writeResponseHeader(w: Writer, headerVersion: 0 | 1, correlationId: number): void {
  w.path = 'header.correlationId'; w.int32(correlationId);
  if (headerVersion >= 1) { w.path = 'header.taggedFields'; w.uvarint(0); }
}

export function readResponseHeader(r: Reader, headerVersion: 0 | 1): number {
  r.path = 'header.correlationId';
  const correlationId = r.int32();
  if (headerVersion >= 1) { r.path = 'header.taggedFields'; r.skipTaggedFields(); } // Kafka 3.9 defines no header tags
  return correlationId;
}
