/**
 * Drift test: every project definition is compared, field by field, with Kafka 3.9's message JSON in
 * ../shared/kafka-protocol/messages (names, types, version ranges, nullable/tagged versions, tags,
 * defaults, ignorable, struct nesting). A transcription error fails here. The reference is read, never
 * copied or generated from. Where ../shared is absent the suite says so and fails loudly in CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_DEFS, type Field, type FieldType, type MessageDef } from './index.js';

const REF_DIR = resolve(import.meta.dirname, '../../../../shared/kafka-protocol/messages');
const haveRef = existsSync(REF_DIR);

interface RefField {
  name: string; type: string; versions: string;
  nullableVersions?: string; taggedVersions?: string; tag?: number;
  default?: string; ignorable?: boolean; mapKey?: boolean; fields?: RefField[];
}
interface RefMessage {
  apiKey: number; type: string; name: string; validVersions: string; flexibleVersions: string;
  fields: RefField[]; commonStructs?: { name: string; fields: RefField[] }[];
}

/** Kafka's JSON allows // comments; strip them outside strings. */
function parseJsonWithComments(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') { out += text[++i]; continue; }
      if (c === '"') inString = false;
    } else if (c === '"') { inString = true; out += c; }
    else if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; out += '\n'; }
    else out += c;
  }
  return JSON.parse(out);
}

const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function typeName(t: FieldType): string {
  if (typeof t === 'string') return t;
  if (t.kind === 'array') return `[]${typeof t.element === 'string' ? t.element : 'struct'}`;
  return 'struct';
}

function refTypeName(f: RefField): string {
  if (f.type.startsWith('[]')) {
    const el = f.type.slice(2);
    return `[]${/^[a-z]/.test(el) ? el : 'struct'}`;
  }
  return /^[a-z]/.test(f.type) ? f.type : 'struct';
}

function normDefault(v: unknown, type: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v)) return String(BigInt(v));
  if (v === '' && type !== 'string') return undefined;
  return String(v);
}

function fieldsOf(f: RefField, common: Map<string, RefField[]>): RefField[] | undefined {
  if (f.fields) return f.fields;
  const el = f.type.startsWith('[]') ? f.type.slice(2) : f.type;
  return common.get(el);
}

function compareFields(path: string, ours: readonly Field[], ref: RefField[], common: Map<string, RefField[]>, problems: string[]) {
  const ourNames = ours.map((f) => f.name);
  const refNames = ref.map((f) => camel(f.name));
  if (ourNames.join(',') !== refNames.join(',')) {
    problems.push(`${path}: fields [${ourNames.join(', ')}] != reference [${refNames.join(', ')}]`);
    return;
  }
  ref.forEach((r, i) => {
    const o = ours[i];
    const p = `${path}.${o.name}`;
    const check = (what: string, a: unknown, b: unknown) => {
      if (a !== b) problems.push(`${p}: ${what} ${String(a)} != reference ${String(b)}`);
    };
    check('type', typeName(o.type), refTypeName(r));
    check('versions', o.versions, r.versions);
    check('nullableVersions', o.nullableVersions, r.nullableVersions);
    check('taggedVersions', o.taggedVersions, r.taggedVersions);
    check('tag', o.tag, r.tag);
    check('ignorable', o.ignorable ?? false, r.ignorable ?? false);
    check('mapKey', o.mapKey ?? false, r.mapKey ?? false);
    const t = typeName(o.type);
    check('default', normDefault(o.default, t), normDefault(r.default, t));
    const sub = fieldsOf(r, common);
    const ourStruct = typeof o.type === 'string' ? undefined
      : o.type.kind === 'struct' ? o.type : typeof o.type.element === 'string' ? undefined : o.type.element;
    if (ourStruct && sub) compareFields(p, ourStruct.fields, sub, common, problems);
    else if (ourStruct || sub) problems.push(`${p}: struct fields present on one side only`);
  });
}

function compareMessage(ours: MessageDef, problems: string[]) {
  const file = join(REF_DIR, `${ours.name}.json`);
  if (!existsSync(file)) { problems.push(`${ours.name}: no reference file ${file}`); return; }
  const ref = parseJsonWithComments(readFileSync(file, 'utf8')) as RefMessage;
  const common = new Map((ref.commonStructs ?? []).map((s) => [s.name, s.fields]));
  if (ref.apiKey !== ours.apiKey) problems.push(`${ours.name}: apiKey ${ours.apiKey} != ${ref.apiKey}`);
  if (ref.type !== ours.kind) problems.push(`${ours.name}: kind ${ours.kind} != ${ref.type}`);
  if (ref.validVersions !== ours.validVersions) problems.push(`${ours.name}: validVersions ${ours.validVersions} != ${ref.validVersions}`);
  if (ref.flexibleVersions !== ours.flexibleVersions) problems.push(`${ours.name}: flexibleVersions ${ours.flexibleVersions} != ${ref.flexibleVersions}`);
  compareFields(ours.name, ours.fields, ref.fields, common, problems);
}

describe('protocol definitions match Kafka 3.9 message JSON', () => {
  it('has the reference directory (../shared/kafka-protocol/messages)', () => {
    // Not skipped silently: a checkout without ../shared cannot vouch for its definitions.
    expect(haveRef, `reference JSON not found at ${REF_DIR}; the drift test cannot run here`).toBe(true);
  });
  for (const def of API_DEFS) {
    it.runIf(haveRef)(`${String(def.key).padStart(2, '0')} ${def.name}`, () => {
      const problems: string[] = [];
      compareMessage(def.request, problems);
      compareMessage(def.response, problems);
      expect(problems).toEqual([]);
    });
  }
});
