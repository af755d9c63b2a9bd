/**
 * Fault injection for the local cluster (issue 5, point 3): pause, resume, slow, isolate and heal one
 * broker by pulling its FaultSwitches (broker/faults.ts; the network layer, the follower fetchers and the
 * runtime's heartbeats act on them), and say so on the cluster's event stream as 'fault' events with a
 * cause. Works over a minimal view of the cluster so the runtime, tests and a worker host can all drive it.
 * Kill, stop and restart are life-cycle operations of the runtime, not switches, so they are not here.
 */
import type { FaultState, FaultSwitches } from '../broker/faults.js';
import type { IsolationMode } from './control.js';
import type { NewClusterEvent } from './cluster-events.js';
import { ClusterError } from './cluster-error.js';

/** What the injector needs of the cluster. */
export interface FaultTarget {
  nodeIds(): readonly number[];
  /** The node's switches; undefined for an unknown node. */
  switches(nodeId: number): FaultSwitches | undefined;
  emit(e: NewClusterEvent): void;
}

const MODES: readonly IsolationMode[] = ['none', 'brokers', 'clients', 'all'];
/** Above this a slow follower is simply a dead one; the API caps lower (contract MAX_FETCH_DELAY_MS). */
const MAX_DELAY_MS = 3_600_000;

export function isolationOf(s: Readonly<FaultState>): IsolationMode {
  if (s.isolatedFromBrokers && s.isolatedFromClients) return 'all';
  if (s.isolatedFromBrokers) return 'brokers';
  if (s.isolatedFromClients) return 'clients';
  return 'none';
}

export class FaultInjector {
  constructor(private readonly target: FaultTarget) {}

  pause(nodeId: number, cause = `broker ${nodeId} paused (like a long GC pause)`): void {
    this.change(nodeId, 'pause', { paused: true }, cause);
  }

  resume(nodeId: number, cause = `broker ${nodeId} resumed`): void {
    this.change(nodeId, 'resume', { paused: false }, cause);
  }

  slow(nodeId: number, fetchDelayMs: number, cause?: string): void {
    if (!Number.isInteger(fetchDelayMs) || fetchDelayMs < 0 || fetchDelayMs > MAX_DELAY_MS) {
      throw new ClusterError('BAD_FAULT', `a fetch delay must be a whole number of ms from 0 to ${MAX_DELAY_MS}, not ${fetchDelayMs}`);
    }
    const text = cause ?? (fetchDelayMs === 0 ? `broker ${nodeId} follower fetches no longer delayed` : `broker ${nodeId} follower fetches delayed by ${fetchDelayMs} ms`);
    this.change(nodeId, 'slow', { fetchDelayMs }, text);
  }

  isolate(nodeId: number, mode: IsolationMode, cause?: string): void {
    if (!MODES.includes(mode)) throw new ClusterError('BAD_FAULT', `isolation is one of ${MODES.join(', ')}, not ${String(mode)}`);
    const what = { none: 'reconnected', brokers: 'isolated from the other brokers', clients: 'isolated from clients', all: 'isolated from brokers and clients' }[mode];
    this.change(nodeId, 'isolate', { isolatedFromBrokers: mode === 'brokers' || mode === 'all', isolatedFromClients: mode === 'clients' || mode === 'all' },
      cause ?? `broker ${nodeId} ${what}`, { mode });
  }

  /** Clears every switch of the node. */
  heal(nodeId: number, cause = `broker ${nodeId} healed (faults cleared)`): void {
    this.change(nodeId, 'heal', { paused: false, isolatedFromBrokers: false, isolatedFromClients: false, fetchDelayMs: 0 }, cause);
  }

  /** The node's current faults, as the status shows them. */
  state(nodeId: number): { paused: boolean; isolation: IsolationMode; fetchDelayMs: number } {
    const s = this.switches(nodeId).current;
    return { paused: s.paused, isolation: isolationOf(s), fetchDelayMs: s.fetchDelayMs };
  }

  private switches(nodeId: number): FaultSwitches {
    const sw = this.target.switches(nodeId);
    if (sw === undefined) {
      throw new ClusterError('NO_SUCH_BROKER', `there is no broker ${nodeId} (brokers are ${this.target.nodeIds().join(', ')})`);
    }
    return sw;
  }

  /** Sets the switches; a 'fault' event only when something actually changed. */
  private change(nodeId: number, fault: string, patch: Partial<FaultState>, cause: string, extra: Record<string, unknown> = {}): void {
    const sw = this.switches(nodeId);
    const before = sw.current;
    if ((Object.keys(patch) as (keyof FaultState)[]).every((k) => before[k] === patch[k])) return;
    sw.set(patch);
    const after = sw.current;
    this.target.emit({
      kind: 'fault', brokerId: nodeId, cause,
      detail: { fault, ...extra, paused: after.paused, isolation: isolationOf(after), fetchDelayMs: after.fetchDelayMs },
    });
  }
}
