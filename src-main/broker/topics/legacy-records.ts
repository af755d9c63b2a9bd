/**
 * Legacy message format (MessageSet v0/v1) at the broker's edge: Produce v0-2 up-converts to one v2 batch
 * before the log; Fetch v0-3 down-converts stored v2 batches. The conversions themselves belong to
 * protocol/records (branch `records`); until it is merged these report "unavailable" and the handlers
 * answer UNSUPPORTED_FOR_MESSAGE_FORMAT instead of pretending.
 */
import type { Buffer } from 'node:buffer';
import { KafkaError, type KafkaErrorInfo } from '../../protocol/index.js';

export class ConversionError extends Error {
  override readonly name = 'ConversionError';
  constructor(readonly error: KafkaErrorInfo, message: string) {
    super(message);
  }
}

/** MessageSet v0/v1 -> one v2 batch (offsets from 0, timestamps kept; magic 0 gets -1). */
export function upConvertMessageSet(_messageSet: Uint8Array): Buffer {
  throw new ConversionError(KafkaError.UNSUPPORTED_FOR_MESSAGE_FORMAT, 'message format v0/v1 conversion is not available in this build');
}

/** Stored v2 batches -> MessageSet of `magic`, dropping records below `firstOffset`. */
export function downConvertBatches(_batches: Uint8Array, _magic: 0 | 1, _firstOffset: bigint): Uint8Array {
  throw new ConversionError(KafkaError.UNSUPPORTED_FOR_MESSAGE_FORMAT, 'message format v0/v1 conversion is not available in this build');
}
