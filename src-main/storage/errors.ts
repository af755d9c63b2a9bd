/**
 * Typed storage errors. Every failure that leaves the storage layer is a StorageError carrying a stable code,
 * the file or directory involved and the underlying cause, so the broker can map it to a Kafka error code and
 * the UI can show where it happened. (There is no src-main/common yet; when its TidepoolError lands this class
 * can extend it without changing the codes.)
 */

export const StorageErrorCodes = [
  'TP_STORAGE_IO', // any other I/O failure
  'TP_STORAGE_DISK_FULL', // ENOSPC / EDQUOT
  'TP_STORAGE_PERMISSION', // EACCES / EPERM / EROFS
  'TP_STORAGE_CORRUPT', // bytes on disk are not a valid log (e.g. a bad batch in a middle segment)
  'TP_STORAGE_INVALID_BATCH', // bytes handed to append are not valid v2 batches (Kafka: CORRUPT_MESSAGE)
  'TP_STORAGE_INVALID_RECORD', // e.g. a keyless record on a compacted log (Kafka: INVALID_RECORD)
  'TP_STORAGE_OFFSET_OUT_OF_RANGE', // read/lookup outside [logStartOffset, logEndOffset]
  'TP_STORAGE_NON_MONOTONIC_OFFSET', // follower append whose offsets go backwards
  'TP_STORAGE_OUT_OF_ORDER_SEQUENCE', // idempotent producer sequence gap (Kafka 45)
  'TP_STORAGE_INVALID_PRODUCER_EPOCH', // stale producer epoch (Kafka 47)
  'TP_STORAGE_INVALID_CONFIG',
  'TP_STORAGE_CLOSED', // the log was closed (or failed) and refuses further use
] as const;
export type StorageErrorCode = (typeof StorageErrorCodes)[number];

export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;
  readonly path: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: StorageErrorCode, message: string, opts: { path?: string; cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(opts.path ? `${message} (${opts.path})` : message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.path = opts.path;
    this.details = opts.details;
  }
}

/** Wraps a Node fs error into a StorageError, choosing the code from its errno name. */
export function ioError(op: string, path: string, cause: unknown): StorageError {
  if (cause instanceof StorageError) return cause;
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  const code: StorageErrorCode =
    errno === 'ENOSPC' || errno === 'EDQUOT' ? 'TP_STORAGE_DISK_FULL'
      : errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS' ? 'TP_STORAGE_PERMISSION'
        : 'TP_STORAGE_IO';
  const why = cause instanceof Error ? cause.message : String(cause);
  return new StorageError(code, `${op} failed: ${why}`, { path, cause, details: { errno } });
}
