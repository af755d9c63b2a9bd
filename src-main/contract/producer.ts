/**
 * The `producer.*` domain: send one record (key, value, headers, partition or "auto", acks, compression) and
 * bulk-produce N records from a template with progress events and cancel. "auto" is the Java client's
 * partitioner: murmur2(key bytes) made positive, mod the partition count; keyless records are sticky
 * (KIP-480): one partition with a leader per send or per bulk batch, picked again for the next.
 * Offsets are bigint; null when acks=0 (the broker sends no answer).
 */
import { z } from 'zod';
import { event, method } from './define.js';
import { topicName } from './topics.js';

/** How a text field becomes bytes: UTF-8 text, JSON (validated, then UTF-8), base64 or hex. */
export const PAYLOAD_ENCODINGS = ['string', 'json', 'base64', 'hex'] as const;
export type PayloadEncoding = typeof PAYLOAD_ENCODINGS[number];
export const PRODUCE_COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type ProduceCompression = typeof PRODUCE_COMPRESSIONS[number];

export interface ProduceResult {
  topic: string;
  partition: number;
  offset: bigint | null;
  /** How the partition was chosen. */
  partitioner: 'explicit' | 'murmur2' | 'sticky';
  acks: 0 | 1 | -1;
  compression: ProduceCompression;
}

export type BulkState = 'running' | 'done' | 'cancelled' | 'failed';

export interface BulkProgress {
  jobId: string;
  topic: string;
  total: number;
  /** Records the broker acknowledged (or, with acks=0, handed to the socket). */
  sent: number;
  state: BulkState;
  /** What went wrong, when failed. */
  error?: string;
  elapsedMs: number;
  /** Offset of the first and last record sent (acks >= 1). */
  firstOffset: bigint | null;
  lastOffset: bigint | null;
  /** Records per partition, so the spread of "auto" can be seen. */
  perPartition: Record<string, number>;
}

const clusterId = z.string().min(1).max(200);
const MAX_VALUE = 4 * 1024 * 1024;
const header = z.object({ key: z.string().min(1, 'a header needs a key').max(1000), value: z.string().max(1024 * 1024) }).strict();
const common = {
  clusterId,
  topic: topicName,
  keyEncoding: z.enum(PAYLOAD_ENCODINGS).default('string'),
  valueEncoding: z.enum(PAYLOAD_ENCODINGS).default('string'),
  headers: z.array(header).max(200).default([]),
  /** A partition number or "auto" (Java's murmur2 partitioner for keyed records, sticky for keyless). */
  partition: z.union([z.literal('auto'), z.number().int().min(0).max(100_000)]).default('auto'),
  /** 'all' and -1 are the same. */
  acks: z.union([z.literal(0), z.literal(1), z.literal(-1), z.literal('all').transform(() => -1 as const)]).default(-1),
  compression: z.enum(PRODUCE_COMPRESSIONS).default('none'),
};

export const produceInput = z.object({
  ...common,
  /** null: no key. */
  key: z.string().max(MAX_VALUE).nullable().default(null),
  /** null: a tombstone. */
  value: z.string().max(MAX_VALUE).nullable(),
}).strict();

export const bulkInput = z.object({
  ...common,
  count: z.number().int().min(1).max(10_000_000),
  /** Templates: {{i}} (0-based index), {{n}} (1-based), {{uuid}}, {{now}} (epoch ms), {{iso}}, {{random}}. */
  keyTemplate: z.string().max(64 * 1024).nullable().default(null),
  valueTemplate: z.string().max(MAX_VALUE),
  /** Records per produce request. */
  batchSize: z.number().int().min(1).max(10_000).default(500),
}).strict();

export const producerContract = {
  'producer.send': method<ProduceResult>()(produceInput,
    'Sends one record (key, value, headers; partition or auto = Java murmur2; acks; compression) and answers its partition and offset.'),
  'producer.bulkStart': method<{ jobId: string; total: number }>()(bulkInput,
    'Starts producing `count` records from key/value templates ({{i}}, {{uuid}}, ...); follow it with producer.bulkProgress.'),
  'producer.bulkCancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict(),
    'Stops a bulk produce after the request in flight; false when the job already ended or is unknown.'),
  'producer.bulkProgress': event<BulkProgress>()(z.object({ jobId: z.string().min(1).max(100) }).strict(),
    'Progress of one bulk produce: the current state at once, then after every request, ending with done/cancelled/failed.'),
} as const;
