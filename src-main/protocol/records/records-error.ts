/**
 * The one error type of the records layer. Every failure on bad bytes (corrupt, truncated, inconsistent,
 * unsupported codec, over-limit decompression) is a RecordsError carrying the Kafka error code a broker
 * should answer with, so handlers can map it without parsing messages.
 */

/** The Kafka error codes this layer can produce (values from the Kafka protocol error table). */
export const RecordsErrorCode = {
  CORRUPT_MESSAGE: 2,
  MESSAGE_TOO_LARGE: 10,
  UNSUPPORTED_COMPRESSION_TYPE: 76,
  INVALID_RECORD: 87,
} as const;
export type RecordsErrorCode = (typeof RecordsErrorCode)[keyof typeof RecordsErrorCode];

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(RecordsErrorCode).map(([k, v]) => [v, k]));

export class RecordsError extends Error {
  override readonly name = 'RecordsError';
  /** The message without the error-name prefix. */
  readonly detail: string;
  constructor(readonly kafkaCode: RecordsErrorCode, message: string) {
    super(`${NAMES[kafkaCode]}: ${message}`);
    this.detail = message;
  }
}

export const corrupt = (msg: string): RecordsError => new RecordsError(RecordsErrorCode.CORRUPT_MESSAGE, msg);
export const invalidRecord = (msg: string): RecordsError => new RecordsError(RecordsErrorCode.INVALID_RECORD, msg);
