/**
 * Memoized version-range checks for the per-request path (headers, supported-version checks):
 * dsl.ts's parseVersions runs regexes and allocates, which costs microseconds per request.
 */
import { parseVersions } from '../schema/dsl.js';

const ranges = new Map<string, { min: number; max: number } | null>();

/** True when `version` is in Kafka's version range `spec` ("3+", "0-7", "5", "none"). */
export function inRange(spec: string | undefined, version: number): boolean {
  if (spec === undefined) return false;
  let r = ranges.get(spec);
  if (r === undefined) { r = parseVersions(spec); ranges.set(spec, r); }
  return r !== null && version >= r.min && version <= r.max;
}
