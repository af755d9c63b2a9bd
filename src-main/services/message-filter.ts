/**
 * The message browser's filters, compiled once per browse: case-insensitive text in the key, the value or any
 * header, and an RFC 9535 JSONPath over the value (jsonpath-rfc9535: a query language with its own parser and
 * no script evaluation, so no user code runs in the main process). A record matches when the path selects at
 * least one node; a top-level filter `$[?@.amount > 100]` also tests the value itself (see below). An invalid JSONPath is a TP_VALIDATION
 * error before anything is read.
 */
import { query } from 'jsonpath-rfc9535';
import { TidepoolError } from '../common/index.js';
import type { MessageFilters, MessageRecord } from '../contract/index.js';

type Rec = Pick<MessageRecord, 'key' | 'value' | 'headers'>;
export type RecordFilter = (r: Rec) => boolean;

const utf8 = new TextDecoder('utf-8', { fatal: false });
const text = (b: Uint8Array | null): string => (b === null ? '' : utf8.decode(b));
const contains = (b: Uint8Array | null, needle: string): boolean => text(b).toLowerCase().includes(needle);

/** Returns null when no filter is set (callers can skip matching), else a predicate. */
export function compileFilters(f: MessageFilters | undefined): RecordFilter | null {
  if (f === undefined) return null;
  const tests: RecordFilter[] = [];
  const key = f.key?.toLowerCase();
  const value = f.value?.toLowerCase();
  const header = f.header?.toLowerCase();
  if (key) tests.push((r) => contains(r.key, key));
  if (value) tests.push((r) => contains(r.value, value));
  if (header) tests.push((r) => r.headers.some((h) => h.key.toLowerCase().includes(header) || contains(h.value, header)));
  const path = f.jsonPath?.trim();
  if (path) {
    try {
      query({}, path);
    } catch (e) {
      throw new TidepoolError('TP_VALIDATION',
        `The JSONPath "${path}" is not valid: ${e instanceof Error ? e.message : String(e)}. Write it as RFC 9535, e.g. $.user.id or $[?@.amount > 100].`,
        { field: 'filters.jsonPath' });
    }
    // RFC 9535 applies a top-level filter ($[?...]) to the value's members; people mean the value itself
    // ("records whose amount > 100"), so such a filter is also tried on the value wrapped in an array.
    const topFilter = /^\$\s*\[\s*\?/.test(path);
    tests.push((r) => {
      if (r.value === null) return false;
      let doc: unknown;
      try {
        doc = JSON.parse(text(r.value));
      } catch {
        return false; // not JSON: a JSONPath cannot select anything in it
      }
      const json = doc as Parameters<typeof query>[0];
      return query(json, path).length > 0 || (topFilter && query([json], path).length > 0);
    });
  }
  if (tests.length === 0) return null;
  return (r) => tests.every((t) => t(r));
}
