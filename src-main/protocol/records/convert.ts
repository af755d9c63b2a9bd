/**
 * Conversions between the legacy message format and RecordBatch v2 (NOTES.md §4): up-convert a produced
 * MessageSet v0/v1 into one v2 batch, and down-convert stored v2 batches for old fetchers (Fetch v0-1 read
 * magic 0, v2-3 magic 1). Offsets are kept; v2-only information (headers, producer state, control batches)
 * has no legacy form and is dropped, as Kafka's RecordsUtil.downConvert does; zstd cannot go below magic 2.
 */
import { concatBytes } from './bytes.js';
import type { CompressionCodec } from './compression.js';
import { compressionOf, decodeRecordBatch, encodeRecordBatch, isControl, isLogAppendTime, iterateBatches, NO_TIMESTAMP, type RawRecord } from './record-batch.js';
import { decodeMessageSet, encodeMessageSet, type LegacyCodec, type LegacyMagic } from './message-set.js';
import { invalidRecord, RecordsError, RecordsErrorCode } from './records-error.js';

/** The record format a Fetch version reads. */
export function magicForFetchVersion(version: number): 0 | 1 | 2 {
  return version <= 1 ? 0 : version <= 3 ? 1 : 2;
}

/** The record format a Produce version carries. */
export function magicForProduceVersion(version: number): 0 | 1 | 2 {
  return version <= 1 ? 0 : version === 2 ? 1 : 2;
}

export interface UpConvertOptions {
  /** Give the records consecutive offsets from this base (the produce path: client offsets mean nothing). */
  assignOffsets?: bigint;
  /** Override the codec; by default the producer's (the first compressed wrapper's) codec is kept. */
  compression?: CompressionCodec;
  maxDecompressedBytes?: number;
}

/** Turns a complete MessageSet v0/v1 into one v2 batch. Magic-0 records get timestamp -1. */
export function upConvert(messageSet: Uint8Array, opts: UpConvertOptions = {}): Uint8Array {
  const { records } = decodeMessageSet(messageSet, { allowPartial: false, maxDecompressedBytes: opts.maxDecompressedBytes });
  if (records.length === 0) throw invalidRecord('message set holds no messages');
  const base = opts.assignOffsets ?? records[0].offset;
  const baseTimestamp = records[0].timestamp;
  const raw: RawRecord[] = records.map((r, i) => {
    const delta = opts.assignOffsets !== undefined ? BigInt(i) : r.offset - base;
    if (delta > 0x7fffffffn) throw invalidRecord(`offset ${r.offset} is too far from the first offset ${base} for one batch`);
    return { offsetDelta: Number(delta), timestampDelta: r.timestamp - baseTimestamp, key: r.key, value: r.value, headers: [] };
  });
  const logAppend = records.every((r) => r.timestampType === 'logAppend');
  let maxTimestamp = NO_TIMESTAMP;
  for (const r of records) if (r.timestamp > maxTimestamp) maxTimestamp = r.timestamp;
  return encodeRecordBatch({
    baseOffset: base,
    compression: opts.compression ?? records.find((r) => r.codec !== 0)?.codec ?? 0,
    timestampType: logAppend ? 'logAppend' : 'create',
    baseTimestamp,
    maxTimestamp,
    records: raw, // encodeRecordBatch rejects offsets that do not increase (INVALID_RECORD)
  });
}

export interface DownConvertOptions {
  /** Drop records below this offset (the fetch position inside the first batch), as Kafka does. */
  firstOffset?: bigint;
  maxDecompressedBytes?: number;
}

/**
 * Converts concatenated v2 batches (fetch data; a partial trailing batch is ignored) to a magic 0 or 1
 * message set: uncompressed batches become plain messages, compressed ones one wrapper each with the same
 * codec. Control batches and empty batches are skipped.
 */
export function downConvert(data: Uint8Array, toMagic: LegacyMagic, opts: DownConvertOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const { at } of iterateBatches(data)) {
    const batch = decodeRecordBatch(data, at, { maxDecompressedBytes: opts.maxDecompressedBytes });
    if (isControl(batch.header)) continue;
    const codec = compressionOf(batch.header);
    const records = opts.firstOffset === undefined ? batch.records : batch.records.filter((r) => r.offset >= opts.firstOffset!);
    if (records.length === 0) continue;
    if (codec === 4) {
      throw new RecordsError(RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `batch at offset ${batch.header.baseOffset} is zstd-compressed and cannot be read as magic ${toMagic}`);
    }
    parts.push(encodeMessageSet({
      magic: toMagic,
      compression: codec as LegacyCodec,
      logAppendTime: isLogAppendTime(batch.header) ? batch.header.maxTimestamp : undefined,
      records: records.map((r) => ({ offset: r.offset, timestamp: r.timestamp, key: r.key, value: r.value })),
    }));
  }
  return concatBytes(parts);
}
