/**
 * The worker side of the cluster host: starts a cluster with the options the app sent, then answers calls
 * by method name, forwards the cluster's events and log lines, and stops the cluster when asked. Calls are
 * generic: any method on the cluster's prototype chain can be called (except the life-cycle ones below),
 * so methods that LocalCluster gains later pass through without edits here. cluster-worker.ts runs it
 * with LocalCluster; tests run it with other clusters.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BrokerLogger } from '../../broker/index.js';
import {
  type HostRequest, type HostedClusterOptions, type ReadyInfo, type WorkerInit, type WorkerMessage, serializeError,
} from './host-messages.js';

/** What the worker needs of a started cluster (LocalCluster has it). */
export interface ServedCluster {
  readonly bootstrap: string;
  readonly dataDir: string;
  readonly warnings: readonly string[];
  readonly brokers: readonly { readonly nodeId: number; readonly port: number; readonly advertised: { host: string } }[];
  stop(): Promise<void>;
}

export type ClusterStarter = (options: HostedClusterOptions & { logger: BrokerLogger }) => Promise<ServedCluster>;

/** Not callable by name: the life-cycle is the host's (start/stop), events cross as their own stream. */
const RESERVED = new Set(['constructor', 'stop', 'onEvent']);

/** Public methods of the object's class chain (own fields such as bound callbacks are not exposed). */
export function callableMethods(target: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(target) as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (d && typeof d.value === 'function' && !RESERVED.has(name) && !name.startsWith('_')) names.add(name);
    }
  }
  return [...names].sort();
}

function post(msg: WorkerMessage): void {
  parentPort!.postMessage(msg);
}

/** Runs in the worker thread: starts the cluster with `start` and serves the app's requests until stopped. */
export async function serveCluster(start: ClusterStarter): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveCluster runs only in a worker thread');
  const { options } = workerData as WorkerInit;
  let cluster: ServedCluster;
  try {
    cluster = await start({
      ...options,
      logger: { info: (message) => post({ t: 'log', level: 'info', message }), warn: (message) => post({ t: 'log', level: 'warn', message }) },
    });
  } catch (err) {
    post({ t: 'start-failed', error: serializeError(err) });
    port.close();
    return;
  }
  const methods = callableMethods(cluster);
  const callable = new Set(methods);
  const target = cluster as unknown as Record<string, (...args: unknown[]) => unknown>;
  // The events stream exists once the cluster implements LocalClusterControl's onEvent.
  const onEvent = target.onEvent as ((cb: (e: unknown) => void) => () => void) | undefined;
  const unsubscribe = typeof onEvent === 'function' ? onEvent.call(cluster, (event) => post({ t: 'event', event })) : undefined;

  const info: ReadyInfo = {
    bootstrap: cluster.bootstrap,
    brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.advertised.host, port: b.port })),
    dataDir: cluster.dataDir,
    warnings: [...cluster.warnings],
    methods,
  };
  post({ t: 'ready', info });

  let stopping = false;
  port.on('message', (req: HostRequest) => {
    if (req.t === 'stop') {
      if (stopping) return;
      stopping = true;
      unsubscribe?.();
      cluster.stop().then(
        () => { post({ t: 'stopped' }); port.close(); },
        (err: unknown) => { post({ t: 'stop-failed', error: serializeError(err) }); port.close(); },
      );
      return;
    }
    const { id, method, args } = req;
    const reply = (value: unknown) => {
      try {
        post({ t: 'result', id, ok: true, value });
      } catch (err) {
        // A result that cannot be cloned (a function, a socket) is the caller's error, not a crash.
        post({ t: 'result', id, ok: false, error: serializeError(new TypeError(`${method}() returned a value that cannot cross threads: ${(err as Error).message}`)) });
      }
    };
    const fail = (err: unknown) => post({ t: 'result', id, ok: false, error: serializeError(err) });
    if (stopping) { fail(Object.assign(new Error('the local cluster is stopping'), { name: 'ClusterHostError', code: 'STOPPED' })); return; }
    if (!callable.has(method)) {
      fail(Object.assign(new Error(`the local cluster has no method "${method}"`), { name: 'ClusterHostError', code: 'NO_SUCH_METHOD' }));
      return;
    }
    try {
      const out = target[method].apply(cluster, args);
      if (out instanceof Promise) out.then(reply, fail);
      else reply(out);
    } catch (err) {
      fail(err);
    }
  });
}
