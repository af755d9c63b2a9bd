/**
 * One connection manager for every cluster: profiles are registered by id, connected lazily on first use
 * (`get`) or explicitly (`connect`), reconnected with exponential backoff after a failure, and closed on
 * `disconnect`/`remove`/`close`. Several clusters are connected at once, each with its own backend.
 * Listeners hear every status change, which the service turns into the `clusters.status` event.
 */
import { TidepoolError } from '../common/index.js';
import type { ClusterStatus } from '../contract/index.js';
import type { BackendFactory, BackendOptions, ClusterInfo, KafkaBackend } from './kafka-backend.js';
import type { ConnectionProfile } from './profile.js';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface PoolOptions {
  backendFactory: BackendFactory;
  backoff?: Partial<Backoff>;
  backend?: Partial<BackendOptions>;
}

export interface PoolState {
  status: ClusterStatus;
  error?: string;
  retries: number;
  nextRetryAt?: number;
  info?: ClusterInfo;
}

interface Entry {
  profile: ConnectionProfile;
  state: PoolState;
  backend: KafkaBackend | null;
  connecting: Promise<KafkaBackend> | null;
  timer: NodeJS.Timeout | null;
  /** Bumped on disconnect/update so an attempt that finishes late is discarded. */
  generation: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 60_000, factor: 2 };

/** Delay before retry number `retries` (1-based): initial * factor^(n-1), capped. */
export function backoffDelay(b: Backoff, retries: number): number {
  return Math.min(b.maxMs, Math.round(b.initialMs * b.factor ** Math.max(0, retries - 1)));
}

export class ConnectionPool {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(id: string, s: PoolState) => void>();
  private readonly backoff: Backoff;
  private readonly backendOpts: BackendOptions;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.backendOpts = { connectTimeoutMs: 5000, requestTimeoutMs: 15_000, ...opts.backend };
  }

  onChange(fn: (id: string, s: PoolState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (e === undefined) throw new TidepoolError('TP_NOT_FOUND', `No cluster profile with id "${id}".`, { id });
    return e;
  }

  private set(id: string, e: Entry, state: PoolState): void {
    e.state = state;
    for (const fn of this.listeners) fn(id, state);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  state(id: string): PoolState {
    return this.entry(id).state;
  }

  /** Adds a profile (disconnected) or replaces one; a replaced, connected profile reconnects with the new settings. */
  async upsert(profile: ConnectionProfile): Promise<void> {
    const old = this.entries.get(profile.id);
    if (old === undefined) {
      this.entries.set(profile.id, { profile, state: { status: 'disconnected', retries: 0 }, backend: null, connecting: null, timer: null, generation: 0 });
      return;
    }
    const wasActive = old.state.status !== 'disconnected';
    await this.disconnect(profile.id);
    old.profile = profile;
    if (wasActive) void this.connect(profile.id).catch(() => undefined);
  }

  async remove(id: string): Promise<void> {
    if (!this.entries.has(id)) return;
    await this.disconnect(id);
    this.entries.delete(id);
  }

  /** The connected backend, connecting first if needed (lazy connect). Rejects with TP_UNAVAILABLE. */
  async get(id: string): Promise<KafkaBackend> {
    const e = this.entry(id);
    if (e.backend !== null) return e.backend;
    return this.attempt(id, e);
  }

  /** Connects now; on failure the pool keeps retrying with backoff until `disconnect`. */
  async connect(id: string): Promise<PoolState> {
    const e = this.entry(id);
    if (e.backend !== null) return e.state;
    try { await this.attempt(id, e); } catch { /* state carries the error and the retry time */ }
    return e.state;
  }

  private attempt(id: string, e: Entry): Promise<KafkaBackend> {
    if (this.closed) return Promise.reject(new TidepoolError('TP_UNAVAILABLE', 'The client pool is closed.'));
    if (e.connecting !== null) return e.connecting;
    if (e.timer !== null) { clearTimeout(e.timer); e.timer = null; }
    const generation = e.generation;
    this.set(id, e, { ...e.state, status: 'connecting', nextRetryAt: undefined });
    const backend = this.opts.backendFactory(e.profile, this.backendOpts);
    const pending: Promise<KafkaBackend> = backend.connect().then(async (info) => {
      if (e.connecting === pending) e.connecting = null;
      if (generation !== e.generation || this.closed) {
        await backend.close();
        throw new TidepoolError('TP_CANCELLED', 'The connection was closed while it was being opened.');
      }
      e.backend = backend;
      this.set(id, e, { status: 'connected', retries: 0, info });
      return backend;
    }, (err: unknown) => {
      if (e.connecting === pending) e.connecting = null;
      const error = TidepoolError.from(err);
      if (generation === e.generation && !this.closed) {
        // A profile the library cannot use will not get better by waiting: report it without retrying.
        if (error.code === 'TP_VALIDATION') this.set(id, e, { status: 'error', error: error.message, retries: e.state.retries });
        else this.scheduleRetry(id, e, error.message);
      }
      throw error;
    });
    e.connecting = pending;
    return pending;
  }

  private scheduleRetry(id: string, e: Entry, error: string): void {
    const retries = e.state.retries + 1;
    const delay = backoffDelay(this.backoff, retries);
    e.timer = setTimeout(() => {
      e.timer = null;
      void this.attempt(id, e).catch(() => undefined);
    }, delay);
    e.timer.unref();
    this.set(id, e, { status: 'error', error, retries, nextRetryAt: Date.now() + delay });
  }

  /**
   * A service saw the connection fail (e.g. every broker gone): drop the backend and reconnect with backoff.
   */
  async reportFailure(id: string, err: unknown): Promise<void> {
    const e = this.entry(id);
    if (e.backend === null) return;
    const backend = e.backend;
    e.backend = null;
    await backend.close();
    this.scheduleRetry(id, e, TidepoolError.from(err).message);
  }

  /** Closes the connection and stops retrying. */
  async disconnect(id: string): Promise<PoolState> {
    const e = this.entry(id);
    e.generation++;
    if (e.timer !== null) { clearTimeout(e.timer); e.timer = null; }
    const backend = e.backend;
    e.backend = null;
    e.connecting = null;
    if (backend !== null) await backend.close();
    if (e.state.status !== 'disconnected') this.set(id, e, { status: 'disconnected', retries: 0 });
    return e.state;
  }

  async close(): Promise<void> {
    for (const id of [...this.entries.keys()]) await this.disconnect(id);
    this.closed = true;
    this.listeners.clear();
  }
}
