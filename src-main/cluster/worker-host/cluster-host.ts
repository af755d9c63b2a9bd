/**
 * Runs the local cluster off the app's event loop, in a worker thread, and gives the app a proxy of it.
 * The app's API then shares only CPU with the brokers, never its event loop: a 10 MB Fetch or a burst of
 * synchronous log appends no longer sits in front of an API call (docs/architecture.md, "The embedded
 * cluster runs in a worker thread", says why a thread and not a child process).
 *
 *   const host = await ClusterHost.start({ dataDir, port: 9092, portFallback: true });
 *   host.bootstrap                      // as LocalCluster.bootstrap
 *   await host.control.status()         // any LocalClusterControl method, by name, as a Promise
 *   host.control.onEvent((e) => ...)    // the cluster's event stream, crossed from the worker
 *   host.onCrash((err) => ...)          // the worker died: pending calls fail with CRASHED, no hang
 *   await host.stop()                   // clean cluster stop inside the worker, then the thread ends
 *
 * Calls go by method name (`host.call('killBroker', 2)`), so methods LocalCluster gains later need no edit
 * here; the worker refuses names the cluster does not have with NO_SUCH_METHOD.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BrokerLogger } from '../../broker/index.js';
import type { ClusterEvent, LocalClusterControl } from '../control.js';
import {
  type BrokerAddress, type HostRequest, type HostedClusterOptions, type ReadyInfo, type SerializedError, type WorkerInit,
  type WorkerMessage, deserializeError,
} from './host-messages.js';

export type ClusterHostErrorCode = 'START_FAILED' | 'CRASHED' | 'STOPPED' | 'STOP_FAILED' | 'STOP_TIMEOUT' | 'NOT_CLONEABLE';

export class ClusterHostError extends Error {
  override readonly name = 'ClusterHostError';
  constructor(readonly code: ClusterHostErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Every method of T as a Promise of its result: what a call across a thread boundary can offer. */
export type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** LocalClusterControl across the thread: every method async, except onEvent, which is served locally. */
export type RemoteClusterControl = Omit<Remote<LocalClusterControl>, 'onEvent'> & Pick<LocalClusterControl, 'onEvent'>;

/** Every method of T returning its result or a Promise of it. */
export type Awaitable<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | Promise<Awaited<R>> : never;
};

/**
 * What a service can program against to accept both the in-process LocalCluster and the worker's proxy
 * (`host.control`): `await` every call, and it works with either.
 */
export type ClusterControlLike = Omit<Awaitable<LocalClusterControl>, 'onEvent'> & Pick<LocalClusterControl, 'onEvent'>;

export interface ClusterHostOptions extends HostedClusterOptions {
  /** Receives the brokers' log lines (default: warnings to the console, info dropped). */
  logger?: BrokerLogger;
  /** How long stop() waits for the cluster's clean stop before ending the thread (default 30 s). */
  stopTimeoutMs?: number;
  /** The worker's entry module; tests point it elsewhere. Default: cluster-worker next to this module. */
  entry?: URL;
}

const defaultLogger: BrokerLogger = { info: () => {}, warn: (m) => console.warn(`[local cluster] ${m}`) };

/** The worker entry: the .ts source next to this file when running from source, the built .js otherwise. */
export function defaultWorkerEntry(): URL {
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) return new URL('./cluster-worker.ts', here);
  // Bundled: out/main/cluster-worker.js sits beside the entry points; this code may be in out/main/chunks/.
  for (const rel of ['./cluster-worker.js', '../cluster-worker.js']) {
    const url = new URL(rel, here);
    if (existsSync(url)) return url;
  }
  throw new ClusterHostError('START_FAILED', `cluster-worker.js is missing next to ${here}: rebuild the app (npm run build)`);
}

/** tsx's ESM register API (its CommonJS twin cannot load the ESM hooks), found through tsx's own exports map. */
function tsxLoaderUrl(): string {
  const pkgJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgJson), pkg.exports['./esm/api'].import.default)).href;
}

function spawnWorker(entry: URL, workerData: WorkerInit): Worker {
  if (/\.ts$/.test(entry.pathname)) {
    // From source (vitest, tsx): the worker has no TypeScript loader of its own, so it registers tsx's first.
    const tsx = tsxLoaderUrl();
    const boot = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(entry.href)});`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(entry, { workerData });
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class ClusterHost {
  readonly control: RemoteClusterControl;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(e: ClusterEvent) => void>();
  private readonly crashListeners = new Set<(err: Error) => void>();
  private nextId = 1;
  private state: 'running' | 'stopping' | 'stopped' | 'crashed' = 'running';
  private stopped: Promise<void> | null = null;
  private stopWaiter: { resolve(): void; reject(err: Error): void } | null = null;

  private constructor(private readonly worker: Worker, readonly info: ReadyInfo, private readonly logger: BrokerLogger, private readonly stopTimeoutMs: number) {
    const call = (method: string) => (...args: unknown[]) => this.call(method, ...args);
    const onEvent = (cb: (e: ClusterEvent) => void) => this.onEvent(cb);
    // Any property is a remote method, so new LocalClusterControl methods work unchanged. `then` stays
    // undefined so that awaiting the proxy does not mistake it for a promise.
    this.control = new Proxy({} as RemoteClusterControl, {
      get: (_t, name) => (typeof name !== 'string' || name === 'then' ? undefined : name === 'onEvent' ? onEvent : call(name)),
    });
    worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    worker.on('error', (err) => this.crash(err));
    worker.on('exit', (code) => {
      if (this.state === 'running' || this.state === 'stopping') this.crash(new Error(`the cluster's worker thread exited with code ${code}`));
    });
  }

  /** Starts the worker and the cluster in it; resolves once every broker listens. Start errors keep their name and code. */
  static start(opts: ClusterHostOptions): Promise<ClusterHost> {
    const { logger = defaultLogger, stopTimeoutMs = 30_000, entry, ...options } = opts;
    let worker: Worker;
    try {
      worker = spawnWorker(entry ?? defaultWorkerEntry(), { options });
    } catch (err) {
      return Promise.reject(err instanceof ClusterHostError ? err : new ClusterHostError('START_FAILED', `cannot start the cluster's worker: ${(err as Error).message}`, { cause: err }));
    }
    return new Promise<ClusterHost>((resolve, reject) => {
      const onLog = (m: WorkerMessage) => { if (m.t === 'log') logger[m.level](m.message); };
      const cleanup = () => { worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit); };
      const onMessage = (m: WorkerMessage) => {
        if (m.t === 'ready') {
          cleanup();
          resolve(new ClusterHost(worker, m.info, logger, stopTimeoutMs));
        } else if (m.t === 'start-failed') {
          cleanup();
          void worker.terminate();
          reject(deserializeError(m.error));
        } else onLog(m);
      };
      const onError = (err: Error) => {
        cleanup();
        void worker.terminate();
        reject(new ClusterHostError('START_FAILED', `the cluster's worker failed while starting: ${err.message}`, { cause: err }));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new ClusterHostError('START_FAILED', `the cluster's worker exited with code ${code} before the cluster started`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  get bootstrap(): string { return this.info.bootstrap; }
  get brokers(): readonly BrokerAddress[] { return this.info.brokers; }
  get dataDir(): string { return this.info.dataDir; }
  get warnings(): readonly string[] { return this.info.warnings; }
  /** True until stop() is called or the worker dies. */
  get running(): boolean { return this.state === 'running'; }

  /** Calls the cluster's method `method` in the worker. Rejects with the cluster's own error (name, code, message). */
  call(method: string, ...args: unknown[]): Promise<unknown> {
    if (this.state !== 'running') {
      return Promise.reject(new ClusterHostError(this.state === 'crashed' ? 'CRASHED' : 'STOPPED', `the local cluster is ${this.state}; ${method}() was not sent`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      try {
        this.post({ t: 'call', id, method, args });
      } catch (err) {
        reject(new ClusterHostError('NOT_CLONEABLE', `${method}(): an argument cannot cross threads: ${(err as Error).message}`, { cause: err }));
        return;
      }
      this.pending.set(id, { resolve, reject });
    });
  }

  onEvent(cb: (e: ClusterEvent) => void): () => void {
    this.eventListeners.add(cb);
    return () => { this.eventListeners.delete(cb); };
  }

  /** Called once if the worker dies without being asked to stop (an uncaught error, a native crash, terminate()). */
  onCrash(cb: (err: Error) => void): () => void {
    this.crashListeners.add(cb);
    return () => { this.crashListeners.delete(cb); };
  }

  /** Clean stop (the cluster's own stop(), inside the worker), then the thread ends. Idempotent. */
  stop(): Promise<void> {
    if (this.stopped) return this.stopped;
    if (this.state === 'crashed') return (this.stopped = Promise.resolve());
    this.state = 'stopping';
    this.stopped = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stopWaiter = null;
        this.state = 'stopped';
        void this.worker.terminate();
        reject(new ClusterHostError('STOP_TIMEOUT', `the local cluster did not stop within ${this.stopTimeoutMs} ms; its thread was ended`));
      }, this.stopTimeoutMs);
      this.stopWaiter = {
        resolve: () => { clearTimeout(timer); resolve(); },
        reject: (err) => { clearTimeout(timer); reject(err); },
      };
      this.post({ t: 'stop' });
    });
    return this.stopped;
  }

  private post(req: HostRequest): void {
    this.worker.postMessage(req);
  }

  private onMessage(m: WorkerMessage): void {
    switch (m.t) {
      case 'result': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(deserializeError(m.error));
        return;
      }
      case 'event':
        for (const cb of this.eventListeners) {
          try {
            cb(m.event as ClusterEvent);
          } catch (err) {
            this.logger.warn(`a cluster event listener threw: ${(err as Error).message}`);
          }
        }
        return;
      case 'log':
        this.logger[m.level](m.message);
        return;
      case 'stopped':
      case 'stop-failed':
        void this.finishStop(m.t === 'stop-failed' ? m.error : undefined);
        return;
      default:
        return;
    }
  }

  private async finishStop(error: SerializedError | undefined): Promise<void> {
    this.state = 'stopped';
    this.failPending(new ClusterHostError('STOPPED', 'the local cluster stopped before answering'));
    // The cluster has stopped (or failed to); whatever the thread still holds (timers) is not worth waiting for.
    await this.worker.terminate();
    const waiter = this.stopWaiter;
    this.stopWaiter = null;
    if (error) waiter?.reject(new ClusterHostError('STOP_FAILED', `the local cluster did not stop cleanly: ${error.message}`, { cause: deserializeError(error) }));
    else waiter?.resolve();
  }

  private crash(cause: Error): void {
    if (this.state === 'crashed' || this.state === 'stopped') return;
    this.state = 'crashed';
    const err = new ClusterHostError('CRASHED', `the local cluster's thread died: ${cause.message}`, { cause });
    this.failPending(err);
    // A stop() in progress resolves: there is nothing left to stop.
    this.stopWaiter?.resolve();
    this.stopWaiter = null;
    for (const cb of this.crashListeners) {
      try {
        cb(err);
      } catch {
        // A crash listener's own failure must not hide the crash from the others.
      }
    }
  }

  private failPending(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
