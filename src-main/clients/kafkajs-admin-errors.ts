/**
 * Turns kafkajs admin failures into readable TidepoolErrors: Kafka error names (TOPIC_ALREADY_EXISTS,
 * UNKNOWN_TOPIC_OR_PARTITION, INVALID_*...) become TP_CONFLICT / TP_NOT_FOUND / TP_VALIDATION with what to do
 * next; anything else that carries a Kafka error becomes TP_KAFKA; the rest is a connection problem.
 */
import { TidepoolError } from '../common/index.js';
import type { ConfigSourceName } from './kafka-backend.js';

interface KafkajsLike { type?: string; code?: number; message?: string; errors?: unknown[]; cause?: unknown; originalError?: unknown }

const VALIDATION = new Set([
  'INVALID_TOPIC_EXCEPTION', 'INVALID_PARTITIONS', 'INVALID_REPLICATION_FACTOR', 'INVALID_REPLICA_ASSIGNMENT',
  'INVALID_CONFIG', 'INVALID_REQUEST', 'POLICY_VIOLATION',
]);

/** The first Kafka error inside a kafkajs error (aggregate errors wrap one per topic). */
function kafkaCause(err: unknown): KafkajsLike | null {
  const e = err as KafkajsLike | null;
  if (e === null || typeof e !== 'object') return null;
  if (typeof e.type === 'string' && typeof e.code === 'number') return e;
  if (Array.isArray(e.errors)) for (const inner of e.errors) { const k = kafkaCause(inner); if (k) return k; }
  // kafkajs wraps the last attempt's error when its retrier gives up (retries are off, so that is the first).
  for (const inner of [e.cause, e.originalError]) { if (inner !== undefined && inner !== e) { const k = kafkaCause(inner); if (k) return k; } }
  return null;
}

/** `what` names the action ("create topic \"orders\""), `subject` the thing it acted on. */
export function adminError(err: unknown, what: string, subject: Record<string, unknown>, unavailable: (e: unknown) => TidepoolError): TidepoolError {
  if (err instanceof TidepoolError) return err;
  const k = kafkaCause(err);
  if (k === null) return unavailable(err);
  const details = { ...subject, kafkaError: k.type, kafkaCode: k.code };
  const why = k.message ?? k.type ?? 'unknown error';
  if (k.type === 'TOPIC_ALREADY_EXISTS') return new TidepoolError('TP_CONFLICT', `Cannot ${what}: the topic already exists. Pick another name.`, details);
  if (k.type === 'UNKNOWN_TOPIC_OR_PARTITION') return new TidepoolError('TP_NOT_FOUND', `Cannot ${what}: the topic does not exist (deleted meanwhile?). Refresh the list.`, details);
  if (VALIDATION.has(k.type ?? '')) return new TidepoolError('TP_VALIDATION', `Cannot ${what}: ${why}`, details);
  return new TidepoolError('TP_KAFKA', `Cannot ${what}: the broker answered ${k.type} (${why}).`, details);
}

const SOURCES: Record<number, ConfigSourceName> = {
  1: 'topic', 2: 'dynamic-broker', 3: 'dynamic-default-broker', 4: 'static-broker', 5: 'default', 6: 'broker-logger',
};

export function configSourceName(n: number | undefined): ConfigSourceName {
  return n === undefined ? 'unknown' : SOURCES[n] ?? 'unknown';
}
