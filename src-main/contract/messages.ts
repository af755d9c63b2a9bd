/**
 * The `messages.*` domain: the message browser. Browse a topic without a consumer group (seek Beginning,
 * Newest-N, Offset or Timestamp; partition filter; max results), live tail as an event, and export as a
 * cancellable event stream of records with progress. Filters match key, value and header text and a JSONPath
 * (RFC 9535: a query language, no script evaluation). Records carry raw bytes; the renderer decodes them.
 * Browse results and export batches travel packed in one buffer (packed-messages.ts); tail events are small.
 * Offsets and timestamps are bigint end to end.
 */
import { z } from 'zod';
import { event, method } from './define.js';
import type { SerializedError } from '../common/errors.js';
import { topicName } from './topics.js';
import type { PackedMessages } from './packed-messages.js';

export interface MessageHeader {
  key: string;
  value: Uint8Array | null;
}

export interface MessageRecord {
  partition: number;
  offset: bigint;
  /** Epoch ms as the broker returned it (CreateTime or LogAppendTime); -1 when the producer set none. */
  timestamp: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: MessageHeader[];
}

export interface PartitionRange {
  partition: number;
  /** Where the scan started. */
  start: bigint;
  /** Where it stopped (the next offset it would read). */
  next: bigint;
  /** The partition's end offset when the scan began: the scan never reads past it. */
  end: bigint;
}

export interface BrowseResult {
  /** The records sorted by timestamp, packed (contract/packed-messages.ts: `unpackMessages`). */
  messages: PackedMessages;
  /** Records read, matched or not. */
  scanned: number;
  partitions: PartitionRange[];
  /** Why the scan stopped before the end offsets, if it did. */
  stopped: 'max-results' | 'scan-limit' | null;
}

export type TailEvent =
  | { kind: 'started'; partitions: { partition: number; offset: bigint }[] }
  /** Partitions added to the topic after the start (CreatePartitions), tailed from the offset given (0). */
  | { kind: 'partitions-added'; partitions: { partition: number; offset: bigint }[] }
  | { kind: 'messages'; messages: MessageRecord[] }
  | { kind: 'error'; error: SerializedError };

export type ExportEvent =
  | { kind: 'started'; total: bigint }
  /** Matching records read since the last event, in partition/offset order within each partition. */
  | { kind: 'records'; records: PackedMessages }
  | { kind: 'progress'; scanned: bigint; total: bigint; matched: number }
  | { kind: 'done'; matched: number; scanned: bigint; stopped: BrowseResult['stopped'] }
  | { kind: 'error'; error: SerializedError };

const clusterId = z.string().min(1).max(200);
/** bigint, or a decimal string (what a text box gives). */
const int64 = z.union([z.bigint(), z.string().regex(/^\d{1,19}$/, 'expected a whole number').transform((s) => BigInt(s))])
  .refine((v) => v >= 0n && v <= 9223372036854775807n, { message: 'expected a number from 0 to 2^63-1' });

export const seekSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('beginning') }).strict(),
  /** The N newest records of each selected partition (then the newest N overall). */
  z.object({ mode: z.literal('newest'), count: z.number().int().min(1).max(1_000_000) }).strict(),
  z.object({ mode: z.literal('offset'), offset: int64 }).strict(),
  /** Epoch milliseconds: starts at the first record with a timestamp at or after it. */
  z.object({ mode: z.literal('timestamp'), timestamp: int64 }).strict(),
]);
export type Seek = z.input<typeof seekSchema>;

export const messageFiltersSchema = z.object({
  /** Case-insensitive text in the key (decoded as UTF-8). */
  key: z.string().max(1000).optional(),
  value: z.string().max(1000).optional(),
  /** Case-insensitive text in any header name or value. */
  header: z.string().max(1000).optional(),
  /** RFC 9535 JSONPath over the value parsed as JSON; a record matches when it selects at least one node. */
  jsonPath: z.string().max(2000).optional(),
}).strict();
export type MessageFilters = z.input<typeof messageFiltersSchema>;

const partitions = z.array(z.number().int().min(0).max(100_000)).min(1).max(10_000).optional();

const browseInput = z.object({
  clusterId, topic: topicName, seek: seekSchema, partitions,
  maxResults: z.number().int().min(1).max(100_000).default(500),
  filters: messageFiltersSchema.optional(),
}).strict();

export const messagesContract = {
  'messages.browse': method<BrowseResult>()(browseInput,
    'Reads records without a consumer group: seek Beginning / Newest-N / Offset / Timestamp, partition filter, max results, filters.'),
  'messages.tail': event<TailEvent>()(z.object({ clusterId, topic: topicName, partitions, filters: messageFiltersSchema.optional() }).strict(),
    'Live tail: records appended after subscribing, filtered; unsubscribe to stop.'),
  'messages.export': event<ExportEvent>()(browseInput.extend({ maxResults: z.number().int().min(1).max(10_000_000).default(1_000_000) }),
    'Streams matching records with progress for an export; unsubscribe to cancel.'),
} as const;
