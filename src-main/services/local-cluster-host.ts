/**
 * Owns the app's local cluster across runs: starts it with N brokers through a starter the composition root
 * supplies, stops it, re-registers the `local` profile's bootstrap in the cluster registry each time, and
 * forwards the running cluster's metadata events tagged with the run they belong to (a cluster's event seq
 * restarts with each run). Start and stop are serialised: one life-cycle operation at a time. The control
 * may answer synchronously (LocalCluster in-process) or with promises (the worker-thread host's proxy).
 */
import { TidepoolError } from '../common/index.js';
import type { LocalClusterEvent, LocalClusterInfo } from '../contract/index.js';
import type { LocalClusterControl } from '../cluster/control.js';
import { type ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';

type MaybeAsync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | Promise<Awaited<R>> : never;
};

/** LocalClusterControl in-process or across a thread (every method may return a promise, except onEvent). */
export type ClusterControlPort = Omit<MaybeAsync<LocalClusterControl>, 'onEvent'> & Pick<LocalClusterControl, 'onEvent'>;

/** A started local cluster, as the host needs it. */
export interface RunningLocalCluster {
  control: ClusterControlPort;
  /** bootstrap.servers of the cluster. */
  bootstrap: string;
  /** Stops every broker cleanly and releases the data dir. */
  stop(): Promise<void>;
  /**
   * Where the cluster can die on its own (the worker-thread host): calls `cb` once if it does. The host then
   * reports the run as failed with that error instead of answering for a cluster that is gone.
   */
  onCrash?(cb: (err: Error) => void): () => void;
}

export type LocalClusterStarter = (brokers: number) => Promise<RunningLocalCluster>;

export interface LocalClusterHostOptions {
  /** Omitted: this app run has no local cluster (start is refused). */
  start?: LocalClusterStarter;
  /** Where the `local` profile is registered while the cluster runs. */
  registry?: ClusterRegistry;
  /** Connect the registry's pool to the cluster once started (the app opens onto it). */
  connect?: boolean;
  /** Where non-fatal problems go (the registry could not connect, a stop failed). */
  warn?: (message: string) => void;
}

type State = LocalClusterInfo['state'];

export class LocalClusterHost {
  private state: State = 'stopped';
  private run = 0;
  private brokerCount = 0;
  private error: string | null = null;
  private current: RunningLocalCluster | null = null;
  private detach: (() => void) | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  private readonly stateListeners = new Set<(info: LocalClusterInfo) => void>();
  private readonly runListeners = new Set<(run: number) => void>();
  private readonly eventListeners = new Set<(e: LocalClusterEvent) => void>();
  /** State notifications go out in order even though each may wait for the cluster's status. */
  private notified: Promise<void> = Promise.resolve();

  constructor(private readonly opts: LocalClusterHostOptions = {}) {}

  get available(): boolean {
    return this.opts.start !== undefined;
  }

  info(): Promise<LocalClusterInfo> {
    return this.describe(this.state, this.current);
  }

  private async describe(state: State, current: RunningLocalCluster | null): Promise<LocalClusterInfo> {
    const base = { state, running: state === 'running', run: this.run, brokerCount: this.brokerCount, error: this.error };
    if (state !== 'running' || current === null) return { ...base, status: null };
    try {
      return { ...base, status: await current.control.status() };
    } catch (err) {
      this.opts.warn?.(`local cluster status failed: ${(err as Error).message}`);
      return { ...base, status: null };
    }
  }

  /** The running cluster's control; TP_UNAVAILABLE when it does not run. */
  control(): ClusterControlPort {
    if (this.state !== 'running' || this.current === null) {
      throw new TidepoolError('TP_UNAVAILABLE', `The local cluster is not running (it is ${this.state}); start it first.`, { state: this.state });
    }
    return this.current.control;
  }

  /** The current run's number when running, else null. */
  get currentRun(): number | null {
    return this.state === 'running' ? this.run : null;
  }

  start(brokers: number): Promise<LocalClusterInfo> {
    const starter = this.opts.start;
    if (starter === undefined) throw new TidepoolError('TP_UNAVAILABLE', 'This app run has no local cluster to start.');
    if (this.state === 'running' || this.state === 'starting') {
      throw new TidepoolError('TP_CONFLICT', `The local cluster is already ${this.state}; stop it first to start it with another broker count.`,
        { state: this.state });
    }
    if (this.state === 'stopping') throw new TidepoolError('TP_CONFLICT', 'The local cluster is stopping; start it again once stopped.');
    this.setState('starting', { brokerCount: brokers, error: null });
    return this.serial(async () => {
      let started: RunningLocalCluster;
      try {
        started = await starter(brokers);
      } catch (err) {
        const message = (err as Error).message ?? String(err);
        this.setState('failed', { error: message });
        throw new TidepoolError('TP_UNAVAILABLE', `The local cluster did not start: ${message}`);
      }
      this.current = started;
      this.run += 1;
      try {
        await this.opts.registry?.registerLocal(started.bootstrap);
      } catch (err) {
        this.opts.warn?.(`could not register the local cluster: ${(err as Error).message}`);
      }
      this.setState('running', {});
      const run = this.run;
      // Subscribers start their backlog replay (buffering live events) before forwarding starts, in the same
      // tick, so no event falls between backlog and live.
      for (const cb of [...this.runListeners]) cb(run);
      const offEvents = started.control.onEvent((e) => {
        for (const cb of [...this.eventListeners]) cb({ ...e, run });
      });
      const offCrash = started.onCrash?.((err) => { void this.crashed(started, err); });
      this.detach = () => { offEvents(); offCrash?.(); };
      if (this.opts.connect && this.opts.registry) {
        await this.opts.registry.connect(LOCAL_CLUSTER_ID)
          .catch((err: unknown) => this.opts.warn?.(`could not connect to the local cluster: ${(err as Error).message}`));
      }
      return this.info();
    });
  }

  /** Stops the whole cluster; a no-op when it does not run. */
  stop(): Promise<LocalClusterInfo> {
    if (this.state === 'stopping') return this.serial(async () => this.info());
    return this.serial(async () => {
      const running = this.current;
      if (running === null) return this.info();
      this.setState('stopping', {});
      this.detach?.();
      this.detach = null;
      try {
        await this.opts.registry?.unregisterLocal();
      } catch (err) {
        this.opts.warn?.(`could not unregister the local cluster: ${(err as Error).message}`);
      }
      try {
        await running.stop();
      } finally {
        this.current = null;
        this.setState('stopped', {});
      }
      return this.info();
    });
  }

  /** The running cluster died on its own: the run is over, failed with the reason; a new start is allowed. */
  private crashed(run: RunningLocalCluster, err: Error): Promise<void> {
    return this.serial(async () => {
      if (this.current !== run) return; // stopped or replaced meanwhile
      this.opts.warn?.(`the local cluster stopped unexpectedly: ${err.message}`);
      this.detach?.();
      this.detach = null;
      this.current = null;
      try {
        await this.opts.registry?.unregisterLocal();
      } catch (e) {
        this.opts.warn?.(`could not unregister the local cluster: ${(e as Error).message}`);
      }
      this.setState('failed', { error: `The local cluster stopped unexpectedly: ${err.message}` });
    });
  }

  onState(cb: (info: LocalClusterInfo) => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  /** Told synchronously when a new run starts, before its live events are forwarded. */
  onRun(cb: (run: number) => void): () => void {
    this.runListeners.add(cb);
    return () => this.runListeners.delete(cb);
  }

  onEvent(cb: (e: LocalClusterEvent) => void): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  private setState(state: State, patch: { brokerCount?: number; error?: string | null }): void {
    this.state = state;
    if (patch.brokerCount !== undefined) this.brokerCount = patch.brokerCount;
    if (patch.error !== undefined) this.error = patch.error;
    const snapshot = this.describe(state, this.current);
    this.notified = this.notified.then(async () => {
      const info = await snapshot;
      for (const cb of [...this.stateListeners]) cb(info);
    });
  }

  /** Resolves once every state change so far has been told to the listeners (tests, shutdown). */
  settled(): Promise<void> {
    return this.notified;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.busy.then(op, op);
    this.busy = next.catch(() => {});
    return next;
  }
}
