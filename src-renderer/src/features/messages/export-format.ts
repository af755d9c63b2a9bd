/**
 * Export files built in the renderer from the records the core streams (`messages.export`): a JSON array or
 * CSV. Keys, values and header values are UTF-8 text when they are valid UTF-8, otherwise base64 (JSON says
 * so in `keyEncoding`/`valueEncoding`; CSV prefixes "base64:"), so no byte is lost. Offsets and timestamps are
 * written as exact decimal strings. The parts are kept as a list for a Blob (no giant string concatenation).
 */
import type { MessageRecord } from '../../../../src-main/contract/index.js';
import { toBase64, utf8 } from './decode.js';

export type ExportFormat = 'json' | 'csv';

function field(b: Uint8Array | null): { text: string | null; base64: boolean } {
  if (b === null) return { text: null, base64: false };
  const u = utf8(b);
  return u.valid ? { text: u.text, base64: false } : { text: toBase64(b), base64: true };
}

const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvBytes = (b: Uint8Array | null): string => {
  const f = field(b);
  return f.text === null ? '' : csvCell(f.base64 ? `base64:${f.text}` : f.text);
};
const isoTime = (ts: bigint): string => (ts < 0n ? '' : new Date(Number(ts)).toISOString());

export function jsonRow(topic: string, m: MessageRecord): Record<string, unknown> {
  const key = field(m.key);
  const value = field(m.value);
  return {
    topic, partition: m.partition, offset: m.offset.toString(), timestamp: m.timestamp.toString(), time: isoTime(m.timestamp),
    key: key.text, ...(key.base64 ? { keyEncoding: 'base64' } : {}),
    value: value.text, ...(value.base64 ? { valueEncoding: 'base64' } : {}),
    headers: m.headers.map((h) => {
      const v = field(h.value);
      return { key: h.key, value: v.text, ...(v.base64 ? { valueEncoding: 'base64' } : {}) };
    }),
  };
}

export const CSV_HEADER = 'topic,partition,offset,timestamp,time,key,value,headers';

export class ExportWriter {
  readonly parts: string[] = [];
  private count = 0;

  constructor(readonly format: ExportFormat, private readonly topic: string) {
    this.parts.push(format === 'json' ? '[' : `${CSV_HEADER}\r\n`);
  }

  add(records: readonly MessageRecord[]): void {
    if (records.length === 0) return;
    const lines: string[] = [];
    for (const m of records) {
      if (this.format === 'json') {
        lines.push(`${this.count === 0 ? '\n' : ',\n'}  ${JSON.stringify(jsonRow(this.topic, m))}`);
      } else {
        const headers = m.headers.length === 0 ? '' : csvCell(JSON.stringify(jsonRow(this.topic, m).headers));
        lines.push(`${csvCell(this.topic)},${m.partition},${m.offset},${m.timestamp},${isoTime(m.timestamp)},${csvBytes(m.key)},${csvBytes(m.value)},${headers}\r\n`);
      }
      this.count++;
    }
    this.parts.push(lines.join(''));
  }

  get records(): number {
    return this.count;
  }

  finish(): string[] {
    if (this.format === 'json') this.parts.push(this.count === 0 ? ']\n' : '\n]\n');
    return this.parts;
  }
}

export function exportFileName(topic: string, format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return `${topic}-${stamp}.${format}`;
}
