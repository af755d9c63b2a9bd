/**
 * Legacy message format (MessageSet v0/v1) at the broker's edge: Produce v0-2 up-converts to one v2 batch
 * before the log (the log stores v2 only, as Kafka 3.x does); Fetch v0-3 down-converts stored v2 batches
 * per fetch (magic 0 for Fetch v0-1, magic 1 for v2-3). The conversions are protocol/records'; this
 * module maps their typed errors to the Kafka error the handler answers with.
 */
import { Buffer } from 'node:buffer';
import { KafkaError, errorForCode, type KafkaErrorInfo } from '../../protocol/index.js';
import { RecordsError, downConvert, upConvert } from '../../protocol/records/index.js';

export class ConversionError extends Error {
  override readonly name = 'ConversionError';
  constructor(readonly error: KafkaErrorInfo, message: string) {
    super(message);
  }
}

function mapped(err: unknown): ConversionError {
  if (err instanceof RecordsError) return new ConversionError(errorForCode(err.kafkaCode) ?? KafkaError.CORRUPT_MESSAGE, err.detail);
  return new ConversionError(KafkaError.CORRUPT_MESSAGE, err instanceof Error ? err.message : String(err));
}

/** MessageSet v0/v1 -> one v2 batch (offsets from 0, timestamps kept; magic 0 gets -1). */
export function upConvertMessageSet(messageSet: Uint8Array, maxDecompressedBytes?: number): Buffer {
  const magic = messageSet.length > 16 ? messageSet[16] : -1;
  if (magic !== 0 && magic !== 1) {
    throw new ConversionError(KafkaError.INVALID_RECORD, `Produce v0-2 must carry message format v0/v1, got magic ${magic}`);
  }
  try {
    const batch = upConvert(messageSet, { assignOffsets: 0n, maxDecompressedBytes });
    return Buffer.isBuffer(batch) ? batch : Buffer.from(batch.buffer, batch.byteOffset, batch.byteLength);
  } catch (err) {
    throw mapped(err);
  }
}

/** Stored v2 batches -> MessageSet of `magic`, dropping records below `firstOffset`. */
export function downConvertBatches(batches: Uint8Array, magic: 0 | 1, firstOffset: bigint): Uint8Array {
  try {
    return downConvert(batches, magic, { firstOffset });
  } catch (err) {
    throw mapped(err);
  }
}
