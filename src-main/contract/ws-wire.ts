/** Messages of the browser-mode WebSocket transport, text frames encoded with common/wire-json. */
import type { SerializedError } from '../common/errors.js';

export type ClientMessage =
  | { t: 'call'; id: number; method: string; args: unknown }
  | { t: 'sub'; id: number; event: string; args: unknown }
  | { t: 'unsub'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: SerializedError }
  | { t: 'event'; id: number; value: unknown }
  | { t: 'sub-error'; id: number; error: SerializedError }
  /** A frame the server could not read at all; the connection stays open. */
  | { t: 'protocol-error'; error: SerializedError };

export const WS_PATH = '/api';
export const TOKEN_PARAM = 'token';
