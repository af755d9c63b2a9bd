/**
 * What the renderer knows about a failed call: the core's error code and its message. Clients reject
 * with the core's TidepoolError (code, message, details); anything else (a bug, a dropped transport
 * surfacing as a plain Error) is shown as TP_INTERNAL with its message, never swallowed.
 */
export interface CoreError {
  code: string;
  message: string;
  details?: unknown;
}

export function toCoreError(err: unknown): CoreError {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; details?: unknown };
    const message = typeof e.message === 'string' ? e.message : String(err);
    if (typeof e.code === 'string' && e.code.startsWith('TP_')) {
      return { code: e.code, message, ...(e.details === undefined ? {} : { details: e.details }) };
    }
    return { code: 'TP_INTERNAL', message };
  }
  return { code: 'TP_INTERNAL', message: String(err) };
}

/** An Error carrying a core error code, as the transports' clients produce; for fakes and tests. */
export function coreError(code: string, message: string): Error & CoreError {
  return Object.assign(new Error(message), { code });
}
