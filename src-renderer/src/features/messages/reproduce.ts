/**
 * Re-produce: the selected record turned into the Producer screen's form (features/producer), so the user can
 * check or edit it before sending it again with `producer.send`. Keys and values keep their exact bytes (UTF-8
 * text, or base64 when they are not valid UTF-8); header values are text in the producer, so a header value
 * that is null or not UTF-8 cannot be sent back exactly, and the warning says which.
 */
import type { MessageRecord } from '../../../../src-main/contract/index.js';
import type { useProducerStore } from '../producer/index.js';
import { toBase64, utf8 } from './decode.js';

export type ProducerPatch = Parameters<ReturnType<typeof useProducerStore.getState>['patch']>[0];

function payload(b: Uint8Array | null): { isNull: boolean; text: string; encoding: 'string' | 'base64' } {
  if (b === null) return { isNull: true, text: '', encoding: 'string' };
  const u = utf8(b);
  return u.valid ? { isNull: false, text: u.text, encoding: 'string' } : { isNull: false, text: toBase64(b), encoding: 'base64' };
}

export function reproduceForm(topic: string, m: MessageRecord): { patch: ProducerPatch; warning: string | null } {
  const key = payload(m.key);
  const value = payload(m.value);
  const lossy: string[] = [];
  const headers = m.headers.map((h) => {
    if (h.value === null) { lossy.push(`${h.key} (null, sent as empty)`); return { key: h.key, value: '' }; }
    const u = utf8(h.value);
    if (!u.valid) lossy.push(`${h.key} (not UTF-8)`);
    return { key: h.key, value: u.text };
  });
  return {
    patch: {
      topic, partition: String(m.partition),
      keyNull: key.isNull, key: key.text, keyEncoding: key.encoding,
      valueNull: value.isNull, value: value.text, valueEncoding: value.encoding,
      headers,
    },
    warning: lossy.length === 0 ? null : `Header values that cannot be sent back exactly: ${lossy.join(', ')}.`,
  };
}
