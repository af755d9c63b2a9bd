/**
 * The producer and topic-admin part of the KafkaBackend seam (producer-admin): records to send as bytes,
 * what the broker answered (offsets as bigint), topic config changes, purging and simple-consumer commits.
 * Plain data shapes, independent of the client library underneath.
 */

export const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = typeof COMPRESSIONS[number];
/** Kafka's acks: 0 (no answer), 1 (the leader wrote it), -1 (all in-sync replicas). */
export type Acks = 0 | 1 | -1;

export interface ProduceHeader {
  key: string;
  value: Uint8Array;
}

export interface OutgoingRecord {
  /** null: a record without key. */
  key: Uint8Array | null;
  /** null: a tombstone. */
  value: Uint8Array | null;
  headers: ProduceHeader[];
  /** Always chosen by the caller (the service applies the Java partitioner for "auto"). */
  partition: number;
  /** Epoch ms; the broker's clock when omitted. */
  timestamp?: bigint;
}

export interface ProduceOptions {
  acks: Acks;
  compression: CompressionName;
  /** How long the broker may wait for the acks (ms). */
  timeoutMs?: number;
}

export interface ProducedRecord {
  partition: number;
  /** The record's offset; null with acks=0 (the broker does not answer). */
  offset: bigint | null;
}

export interface ConfigChange {
  name: string;
  /** null resets the config to its default (removes the topic-level override). */
  value: string | null;
}

export interface DeleteRecordsTarget {
  partition: number;
  /** Records below this offset are deleted; -1n means "up to the high watermark". */
  offset: bigint;
}

export interface DeletedRecords {
  partition: number;
  /** The partition's new log start offset. */
  lowWatermark: bigint;
}
