/**
 * The local cluster's fault levers as switch settings on each broker's FaultSwitches (broker/faults.ts):
 * pause, slow follower fetches, isolate from brokers and/or clients, heal. Setting a switch is all this
 * does; what each switch means is acted out where it applies (broker/network for sockets, replication for
 * follower fetches, NodeLink for heartbeats and metadata). Bad arguments are ClusterError BAD_FAULT.
 */
import type { FaultSwitches } from '../broker/faults.js';
import { ClusterError } from './cluster-error.js';
import type { IsolationMode } from './control.js';

interface FaultSlot { readonly nodeId: number; readonly faults: FaultSwitches }

export class ClusterFaults {
  constructor(private readonly slots: readonly FaultSlot[]) {}

  pause(nodeId: number): void { this.switches(nodeId).set({ paused: true }); }
  resume(nodeId: number): void { this.switches(nodeId).set({ paused: false }); }

  slow(nodeId: number, fetchDelayMs: number): void {
    if (!Number.isInteger(fetchDelayMs) || fetchDelayMs < 0) throw new ClusterError('BAD_FAULT', `a fetch delay must be a whole number of ms >= 0, not ${fetchDelayMs}`);
    this.switches(nodeId).set({ fetchDelayMs });
  }

  isolate(nodeId: number, mode: IsolationMode): void {
    if (!['none', 'brokers', 'clients', 'all'].includes(mode)) throw new ClusterError('BAD_FAULT', `isolation is none, brokers, clients or all, not ${String(mode)}`);
    this.switches(nodeId).set({ isolatedFromBrokers: mode === 'brokers' || mode === 'all', isolatedFromClients: mode === 'clients' || mode === 'all' });
  }

  heal(nodeId: number): void { this.switches(nodeId).clear(); }

  private switches(nodeId: number): FaultSwitches {
    const s = this.slots.find((x) => x.nodeId === nodeId);
    if (s === undefined) throw new ClusterError('NO_SUCH_BROKER', `there is no broker ${nodeId}`);
    return s.faults;
  }
}

export function isolationOf(f: FaultSwitches): IsolationMode {
  const { isolatedFromBrokers: b, isolatedFromClients: c } = f.current;
  return b && c ? 'all' : b ? 'brokers' : c ? 'clients' : 'none';
}
