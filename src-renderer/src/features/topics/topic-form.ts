/**
 * Validation for the topic dialogs, shared with the core's rules (the contract's topic-name schema), so the
 * dialog says what is wrong before anything is sent; the core checks again.
 */
import { topicName } from '../../../../src-main/contract/index.js';

export interface CreateTopicForm { name: string; partitions: string; replicationFactor: string; configs: string }
export interface CreateTopicValues { topic: string; partitions: number; replicationFactor: number; configs: Record<string, string> }
export type FormErrors<T> = Partial<Record<keyof T, string>>;

function positiveInt(s: string, what: string, max: number): number | string {
  if (!/^\d+$/.test(s.trim())) return `${what} must be a whole number`;
  const n = Number(s.trim());
  if (n < 1) return `${what} must be at least 1`;
  if (n > max) return `${what} can be at most ${max}`;
  return n;
}

/** "key=value" per line; blank lines and lines starting with # are skipped. */
export function parseConfigs(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return `line ${i + 1}: write config as key=value`;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export function validateCreateTopic(f: CreateTopicForm, existing: ReadonlySet<string>):
  { ok: true; values: CreateTopicValues } | { ok: false; errors: FormErrors<CreateTopicForm> } {
  const errors: FormErrors<CreateTopicForm> = {};
  const name = topicName.safeParse(f.name.trim());
  if (!name.success) errors.name = name.error.issues[0]?.message ?? 'invalid name';
  else if (existing.has(name.data)) errors.name = `a topic named "${name.data}" already exists`;
  const partitions = positiveInt(f.partitions, 'Partitions', 10_000);
  if (typeof partitions === 'string') errors.partitions = partitions;
  const rf = positiveInt(f.replicationFactor, 'Replication factor', 32);
  if (typeof rf === 'string') errors.replicationFactor = rf;
  const configs = parseConfigs(f.configs);
  if (typeof configs === 'string') errors.configs = configs;
  if (Object.keys(errors).length > 0 || typeof partitions === 'string' || typeof rf === 'string' || typeof configs === 'string' || !name.success) {
    return { ok: false, errors };
  }
  return { ok: true, values: { topic: name.data, partitions, replicationFactor: rf, configs } };
}

export function validateAddPartitions(text: string, current: number): number | string {
  const n = positiveInt(text, 'The new partition count', 10_000);
  if (typeof n === 'string') return n;
  if (n <= current) return `the topic has ${current} partitions; Kafka can only add partitions, so enter more than ${current}`;
  return n;
}
