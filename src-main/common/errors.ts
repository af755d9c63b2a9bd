/**
 * Application errors: one class, codes from one `as const` list. Every transport serialises them as
 * { code, message, details } and clients rethrow them as TidepoolError, so a failure is never confused
 * with an empty result. Kafka's own error codes live in protocol/errors.ts, not here.
 */
export const TP_ERROR_CODES = [
  'TP_VALIDATION',       // the call's arguments did not match the contract
  'TP_UNKNOWN_METHOD',   // no such method or event in the contract
  'TP_NOT_FOUND',        // the named thing (cluster, topic, group...) does not exist
  'TP_CONFLICT',         // the action conflicts with current state (e.g. group has active members)
  'TP_UNAVAILABLE',      // a cluster or broker cannot be reached
  'TP_TIMEOUT',
  'TP_CANCELLED',
  'TP_KAFKA',            // a Kafka error code came back; details.kafkaCode says which
  'TP_STORAGE',          // a disk error; details.path and details.cause say where and why
  'TP_TRANSPORT',        // the connection to the core failed
  'TP_INTERNAL',         // a bug: the message says what failed
] as const;
export type TpErrorCode = (typeof TP_ERROR_CODES)[number];

export interface SerializedError {
  code: TpErrorCode;
  message: string;
  details?: unknown;
}

export class TidepoolError extends Error {
  override readonly name = 'TidepoolError';
  constructor(readonly code: TpErrorCode, message: string, readonly details?: unknown) {
    super(message);
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }

  static fromSerialized(e: SerializedError): TidepoolError {
    return new TidepoolError(TP_ERROR_CODES.includes(e.code) ? e.code : 'TP_INTERNAL', e.message, e.details);
  }

  /** Wraps anything thrown into a TidepoolError, keeping the message a user can act on. */
  static from(err: unknown): TidepoolError {
    if (err instanceof TidepoolError) return err;
    if (err instanceof Error) return new TidepoolError('TP_INTERNAL', err.message);
    return new TidepoolError('TP_INTERNAL', String(err));
  }
}
