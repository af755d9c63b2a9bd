/**
 * Fault switches of one broker: the levers the local cluster's fault injection pulls (issue 5). Pure state
 * plus change listeners; each part of the broker that a fault affects reads them where it acts:
 * - network (broker/network): `paused` = accept and read nothing, answer nothing, but keep every socket open
 *   (a long GC pause); `isolatedFromClients` = client connections are reset; `isolatedFromBrokers` = replica
 *   fetcher connections (clientId starting with REPLICA_FETCHER_CLIENT_PREFIX) are reset.
 * - replication (broker/replication): a paused or broker-isolated follower does not fetch; `fetchDelayMs`
 *   delays each of its fetches (a slow follower).
 * - cluster runtime: a paused or broker-isolated node sends no heartbeats to the controller, so it gets fenced.
 * Kill and stop are not switches: they are life-cycle operations of the cluster.
 */

/** Follower fetchers name themselves with this clientId prefix plus their node id, e.g. "tidepool-replica-fetcher-2". */
export const REPLICA_FETCHER_CLIENT_PREFIX = 'tidepool-replica-fetcher-';

export interface FaultState {
  paused: boolean;
  isolatedFromBrokers: boolean;
  isolatedFromClients: boolean;
  /** Delay added before each follower fetch this node sends (0 = none). */
  fetchDelayMs: number;
}

export const NO_FAULTS: Readonly<FaultState> = Object.freeze({
  paused: false, isolatedFromBrokers: false, isolatedFromClients: false, fetchDelayMs: 0,
});

export class FaultSwitches {
  private state: FaultState = { ...NO_FAULTS };
  private readonly listeners = new Set<(s: Readonly<FaultState>, prev: Readonly<FaultState>) => void>();

  get current(): Readonly<FaultState> {
    return this.state;
  }

  /** True when the node can talk to other brokers and the controller (not paused, not isolated from brokers). */
  get reachesCluster(): boolean {
    return !this.state.paused && !this.state.isolatedFromBrokers;
  }

  set(patch: Partial<FaultState>): void {
    const prev = this.state;
    this.state = { ...prev, ...patch };
    for (const cb of [...this.listeners]) cb(this.state, prev);
  }

  clear(): void {
    this.set({ ...NO_FAULTS });
  }

  onChange(cb: (s: Readonly<FaultState>, prev: Readonly<FaultState>) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
}
