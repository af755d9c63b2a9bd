/**
 * Decoding a record's bytes for display, in the renderer (the core sends raw bytes): UTF-8 string (invalid
 * sequences shown as U+FFFD and flagged), JSON pretty-printed with lossless-json so 64-bit numbers keep every
 * digit, hex and base64. A value that is not JSON in JSON mode says so and falls back to the string.
 */
import { parse, stringify } from 'lossless-json';

export const DECODE_MODES = ['string', 'json', 'hex', 'base64'] as const;
export type DecodeMode = (typeof DECODE_MODES)[number];

export interface Decoded {
  text: string;
  /** Why the bytes could not be shown as asked (e.g. not JSON, invalid UTF-8); the text is still usable. */
  warning?: string;
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false });

export function utf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: strict.decode(bytes), valid: true };
  } catch {
    return { text: lenient.decode(bytes), valid: false };
  }
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i > 0 && i % 16 === 0 ? '\n' : i > 0 ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return s;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Pretty JSON with every number kept exactly as written (lossless-json keeps them as strings internally). */
export function prettyJson(text: string): string {
  return stringify(parse(text), undefined, 2) ?? '';
}

export function decodeBytes(bytes: Uint8Array | null, mode: DecodeMode): Decoded {
  if (bytes === null) return { text: '', warning: 'null (no bytes)' };
  switch (mode) {
    case 'hex': return { text: toHex(bytes) };
    case 'base64': return { text: toBase64(bytes) };
    case 'string': {
      const u = utf8(bytes);
      return u.valid ? { text: u.text } : { text: u.text, warning: 'not valid UTF-8: invalid bytes are shown as \uFFFD; use hex or base64 to see them' };
    }
    case 'json': {
      const u = utf8(bytes);
      if (!u.valid) return { text: u.text, warning: 'not valid UTF-8, so not JSON: use hex or base64' };
      try {
        return { text: prettyJson(u.text) };
      } catch (e) {
        return { text: u.text, warning: `not JSON (${e instanceof Error ? e.message : String(e)}): shown as text` };
      }
    }
  }
}

/** One-line preview for the table: JSON compacted, control characters made visible, cut at `max`. */
export function preview(bytes: Uint8Array | null, mode: DecodeMode, max = 160): string {
  if (bytes === null) return 'null';
  const head = bytes.length > max * 4 ? bytes.subarray(0, max * 4) : bytes;
  let text: string;
  if (mode === 'hex') text = toHex(head.subarray(0, max / 3)).replace(/\n/g, ' ');
  else if (mode === 'base64') text = toBase64(head.subarray(0, Math.floor((max * 3) / 4)));
  else text = lenient.decode(head).replace(/[\u0000-\u001f]+/g, ' ');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
