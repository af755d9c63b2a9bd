/**
 * Turns what the user typed into record bytes: UTF-8 text, JSON (parsed first so a typo is reported with its
 * position instead of being sent), base64 or hex (strictly checked: Node's decoders silently skip bad
 * characters). Also expands bulk-produce templates ({{i}}, {{n}}, {{uuid}}, {{now}}, {{iso}}, {{random}}).
 */
import { randomUUID } from 'node:crypto';
import { TidepoolError } from '../common/index.js';
import type { PayloadEncoding } from '../contract/index.js';

const utf8 = new TextEncoder();

/** The bytes of `text` in `encoding`; TP_VALIDATION naming `field` when the text is not valid for it. */
export function encodePayload(text: string, encoding: PayloadEncoding, field: string): Uint8Array {
  switch (encoding) {
    case 'string': return utf8.encode(text);
    case 'json':
      try {
        JSON.parse(text);
      } catch (e) {
        throw new TidepoolError('TP_VALIDATION', `The ${field} is not valid JSON: ${(e as Error).message}. Fix it or switch the ${field} to text.`, { field, encoding });
      }
      // Sent exactly as typed: re-serialising would round 64-bit numbers and reorder nothing useful.
      return utf8.encode(text);
    case 'base64': {
      const clean = text.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
        throw new TidepoolError('TP_VALIDATION', `The ${field} is not valid base64 (only A-Z a-z 0-9 + / and = padding).`, { field, encoding });
      }
      return new Uint8Array(Buffer.from(clean, 'base64'));
    }
    case 'hex': {
      const clean = text.replace(/\s+/g, '').replace(/^0x/i, '');
      if (!/^[0-9a-fA-F]*$/.test(clean) || clean.length % 2 !== 0) {
        throw new TidepoolError('TP_VALIDATION', `The ${field} is not valid hex (pairs of 0-9 a-f).`, { field, encoding });
      }
      return new Uint8Array(Buffer.from(clean, 'hex'));
    }
  }
}

const PLACEHOLDER = /\{\{\s*(i|n|uuid|now|iso|random)\s*\}\}/g;

/** The placeholders a template may use; anything else in {{ }} is left as typed. */
export const TEMPLATE_PLACEHOLDERS = ['i', 'n', 'uuid', 'now', 'iso', 'random'] as const;

/** Expands a template for record `i` (0-based). `now` is passed in so a batch shares one clock reading. */
export function renderTemplate(template: string, i: number, now: number, random: () => number = Math.random): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => {
    switch (name) {
      case 'i': return String(i);
      case 'n': return String(i + 1);
      case 'uuid': return randomUUID();
      case 'now': return String(now);
      case 'iso': return new Date(now).toISOString();
      default: return String(Math.floor(random() * 1_000_000_000));
    }
  });
}
