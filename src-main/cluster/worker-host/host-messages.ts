/**
 * The messages between the app's thread and the worker thread that hosts the local cluster, and how an
 * error crosses that boundary. Everything here is structured-clone data (bigint allowed); Error objects
 * are flattened to { name, message, code, stack, details } because a cloned Error loses its class and
 * its `code`, which callers (compose, the services) branch on.
 */
import type { LocalClusterOptions } from '../local-cluster.js';

/** The cloneable part of LocalClusterOptions (logger and onRequest are functions and stay on the app side). */
export type HostedClusterOptions = Omit<LocalClusterOptions, 'logger' | 'onRequest'>;

export interface WorkerInit {
  options: HostedClusterOptions;
}

export interface BrokerAddress {
  nodeId: number;
  host: string;
  port: number;
}

/** What the worker reports once the cluster listens. */
export interface ReadyInfo {
  bootstrap: string;
  brokers: BrokerAddress[];
  dataDir: string;
  warnings: string[];
  /** Names of the cluster's methods that can be called by name (for diagnostics and the docs). */
  methods: string[];
}

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
  details?: unknown;
}

/** App -> worker. */
export type HostRequest =
  | { t: 'call'; id: number; method: string; args: unknown[] }
  | { t: 'stop' };

/** Worker -> app. */
export type WorkerMessage =
  | { t: 'ready'; info: ReadyInfo }
  | { t: 'start-failed'; error: SerializedError }
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: SerializedError }
  | { t: 'event'; event: unknown }
  | { t: 'log'; level: 'info' | 'warn'; message: string }
  | { t: 'stopped' }
  | { t: 'stop-failed'; error: SerializedError };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) {
    const e = err as Error & { code?: unknown; details?: unknown };
    const out: SerializedError = { name: e.name, message: e.message, stack: e.stack };
    if (typeof e.code === 'string') out.code = e.code;
    if (e.details !== undefined) {
      try {
        out.details = structuredClone(e.details);
      } catch {
        // Details that cannot be cloned are dropped; the message still says what went wrong.
      }
    }
    return out;
  }
  return { name: 'Error', message: String(err) };
}

/**
 * Rebuilds an error on the app's side with the same name, message, code and details. The stack is the
 * worker's (where it was thrown), which is the useful one.
 */
export function deserializeError(s: SerializedError): Error & { code?: string; details?: unknown } {
  const err = new Error(s.message) as Error & { code?: string; details?: unknown };
  err.name = s.name;
  if (s.code !== undefined) err.code = s.code;
  if (s.details !== undefined) err.details = s.details;
  if (s.stack !== undefined) err.stack = s.stack;
  return err;
}
