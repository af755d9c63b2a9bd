/**
 * The producer form's data shaping, kept pure for tests: JSON validation with line and column, headers rows,
 * and turning the form into a `producer.send` / `producer.bulkStart` input (partition "auto" or a number,
 * acks, compression). The core validates again; this only spares a round trip and points at the mistake.
 */
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { InputOf, PayloadEncoding, ProduceCompression } from '../../../../src-main/contract/index.js';

export interface HeaderRow { key: string; value: string }

export interface ProducerForm {
  topic: string;
  keyNull: boolean;
  key: string;
  keyEncoding: PayloadEncoding;
  valueNull: boolean;
  value: string;
  valueEncoding: PayloadEncoding;
  headers: HeaderRow[];
  /** 'auto' or a partition number as typed. */
  partition: string;
  acks: 'all' | '1' | '0';
  compression: ProduceCompression;
}

export const EMPTY_FORM: ProducerForm = {
  topic: '', keyNull: false, key: '', keyEncoding: 'string', valueNull: false, value: '{\n  "hello": "world"\n}',
  valueEncoding: 'json', headers: [], partition: 'auto', acks: 'all', compression: 'none',
};

/**
 * Where a JSON text is broken, as "line L, column C: reason", or null when it parses. JSON.parse decides
 * validity; jsonc-parser (VS Code's JSON scanner) only locates the first error, since V8's message does not
 * always carry a position.
 */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first === undefined) return (e as Error).message;
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length;
    const col = first.offset - before.lastIndexOf('\n');
    return `line ${line}, column ${col}: ${printParseErrorCode(first.error)}`;
  }
}

export type FormErrors = Partial<Record<'topic' | 'key' | 'value' | 'headers' | 'partition' | 'count', string>>;

type SendInput = InputOf<'producer.send'>;
type Common = Pick<SendInput, 'clusterId' | 'topic' | 'keyEncoding' | 'valueEncoding' | 'headers' | 'partition' | 'acks' | 'compression'>;

function common(clusterId: string, f: ProducerForm, partitions: number | null, errors: FormErrors): Common | null {
  if (f.topic === '') errors.topic = 'Choose a topic.';
  let partition: number | 'auto' = 'auto';
  if (f.partition !== 'auto') {
    const n = /^\d+$/.test(f.partition.trim()) ? Number(f.partition.trim()) : NaN;
    if (!Number.isInteger(n)) errors.partition = 'A partition number or auto.';
    else if (partitions !== null && n >= partitions) errors.partition = `The topic has partitions 0-${partitions - 1}.`;
    else partition = n;
  }
  const headers = f.headers.filter((h) => h.key !== '' || h.value !== '');
  if (headers.some((h) => h.key.trim() === '')) errors.headers = 'Every header needs a key.';
  if (Object.keys(errors).length > 0) return null;
  return {
    clusterId, topic: f.topic, keyEncoding: f.keyEncoding, valueEncoding: f.valueEncoding, headers, partition,
    acks: f.acks === 'all' ? -1 : f.acks === '1' ? 1 : 0, compression: f.compression,
  };
}

function checkJson(text: string, encoding: PayloadEncoding, field: 'key' | 'value', errors: FormErrors): void {
  if (encoding !== 'json') return;
  const p = jsonProblem(text);
  if (p !== null) errors[field] = `Not valid JSON (${p}).`;
}

export function toSendInput(clusterId: string, f: ProducerForm, partitions: number | null): { ok: true; input: SendInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  if (!f.keyNull) checkJson(f.key, f.keyEncoding, 'key', errors);
  if (!f.valueNull) checkJson(f.value, f.valueEncoding, 'value', errors);
  const c = common(clusterId, f, partitions, errors);
  if (c === null) return { ok: false, errors };
  return { ok: true, input: { ...c, key: f.keyNull ? null : f.key, value: f.valueNull ? null : f.value } };
}

/** A bulk produce: the key and value fields are templates; JSON is checked on record 0 by the core. */
export function toBulkInput(clusterId: string, f: ProducerForm, partitions: number | null, countText: string): { ok: true; input: InputOf<'producer.bulkStart'> } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const count = /^\d+$/.test(countText.trim()) ? Number(countText.trim()) : NaN;
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) errors.count = 'Between 1 and 10,000,000 records.';
  if (f.valueNull) errors.value = 'A bulk produce needs a value template.';
  const c = common(clusterId, f, partitions, errors);
  if (c === null) return { ok: false, errors };
  return { ok: true, input: { ...c, count, keyTemplate: f.keyNull ? null : f.key, valueTemplate: f.value } };
}
