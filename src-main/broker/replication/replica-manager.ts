/**
 * ReplicaManager: one per broker node, the broker side of issue 5's replication. The cluster runtime
 * attaches it (ReplicationPorts, fault switches) and pushes every partition state this node replicates;
 * `applyPartitionState` turns each into
 * - become leader: a LeaderState on the partition (epoch stamped into appends and recorded at the log end,
 *   IsrTracker from the log's LEO/HW), the partition dropped from any follower fetcher;
 * - become follower: leader work stopped (waiting acks=all produces answered NOT_LEADER_OR_FOLLOWER), a log
 *   without epoch history truncated to its HW (Kafka's rule when no epoch can be compared), the partition
 *   added to the fetcher for its leader, where fetching with the last fetched epoch does the truncation;
 * - stop: this node is no longer a replica (reassignment) or the topic goes away; it stops serving it.
 * It also runs the periodic ISR check (every replica.lag.time.max.ms / 2, as Kafka schedules it) that sends
 * leaders' proposals through ports.alterPartition, and gives the replication readout for the UI.
 * Without attach (a standalone Broker) nothing here runs and partitions keep their single-replica behaviour.
 */
import type { BrokerLogger } from '../network/index.js';
import { FaultSwitches } from '../faults.js';
import type { BrokerSettings } from '../settings.js';
import type { TopicManager } from '../topics/index.js';
import type { Partition } from '../topics/partition.js';
import { FollowerFetcher } from './follower-fetcher.js';
import { LeaderState } from './leader-state.js';
import type { AlterIsrRequest, PartitionState, ReplicationPorts } from './partition-state.js';
import { replicationConfig, type ReplicationConfig } from './replication-config.js';
import type { PartitionReplication } from './replication-status.js';

export class ReplicationError extends Error {
  override readonly name = 'ReplicationError';
  constructor(readonly code: 'NOT_ATTACHED' | 'UNKNOWN_PARTITION' | 'CLOSED', message: string) {
    super(message);
  }
}

export interface ReplicaManagerNode {
  readonly nodeId: number;
  readonly settings: BrokerSettings;
  readonly topics: TopicManager;
}

export interface ReplicaManagerOptions {
  now?: () => number;
  logger?: BrokerLogger;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
const silent: BrokerLogger = { info: () => {}, warn: () => {} };

export class ReplicaManager {
  readonly config: ReplicationConfig;
  private ports: ReplicationPorts | null = null;
  private faults = new FaultSwitches();
  private logger: BrokerLogger;
  private readonly now: () => number;
  private readonly leaders = new Map<string, LeaderState>();
  private readonly fetchers = new Map<number, FollowerFetcher>();
  private isrTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly node: ReplicaManagerNode, opts: ReplicaManagerOptions = {}) {
    this.config = replicationConfig(node.settings);
    this.now = opts.now ?? Date.now;
    this.logger = opts.logger ?? silent;
  }

  get attached(): boolean { return this.ports !== null; }

  /** Connects this node to its cluster: the ports to the controller and brokers, and its fault switches. */
  attach(ports: ReplicationPorts, opts: { faults?: FaultSwitches; logger?: BrokerLogger } = {}): void {
    if (this.closed) throw new ReplicationError('CLOSED', 'the replica manager is closed');
    this.ports = ports;
    if (opts.faults) this.faults = opts.faults;
    if (opts.logger) this.logger = opts.logger;
    if (this.isrTimer === null) {
      this.isrTimer = setInterval(() => this.checkIsr(), Math.max(10, Math.floor(this.config.lagTimeMaxMs / 2)));
      this.isrTimer.unref();
    }
  }

  /** Applies the metadata image's state of one partition this node hosts (see the header). */
  applyPartitionState(state: PartitionState): void {
    const ports = this.requirePorts();
    const p = this.node.topics.partition(state.topic, state.partition);
    if (p === undefined) {
      throw new ReplicationError('UNKNOWN_PARTITION', `node ${this.node.nodeId} has no partition ${state.topic}-${state.partition} (create the topic first)`);
    }
    const me = this.node.nodeId;
    if (!state.replicas.includes(me)) { this.stopReplica(state.topic, state.partition); return; }
    // A state older than what this partition already follows is stale metadata: ignore it.
    if (p.role !== null && p.role.kind !== 'stopped' && state.leaderEpoch < p.leaderEpoch) return;
    if (state.leader === me) this.becomeLeader(p, state);
    else this.becomeFollower(p, state, ports);
  }

  /** This node stops replicating the partition (removed replica, deleted topic): it serves nothing for it. */
  stopReplica(topic: string, partition: number): void {
    const k = key(topic, partition);
    this.leaders.get(k)?.resign();
    this.leaders.delete(k);
    this.unfollow(topic, partition);
    const p = this.node.topics.partition(topic, partition);
    if (p !== undefined) {
      p.role = { kind: 'stopped' };
      p.notify();
    }
  }

  /** The replication readout of the partitions this node leads (optionally of one topic). */
  replication(topic?: string): PartitionReplication[] {
    const out: PartitionReplication[] = [];
    for (const ls of this.leaders.values()) {
      if (topic !== undefined && ls.state.topic !== topic) continue;
      out.push(ls.status());
    }
    return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  /** The leader state of a partition this node leads (tests, the cluster's readout). */
  leaderOf(topic: string, partition: number): LeaderState | undefined {
    return this.leaders.get(key(topic, partition));
  }

  /** Leader ids this node currently runs a fetcher for. */
  get fetcherLeaders(): number[] {
    return [...this.fetchers.keys()].sort((a, b) => a - b);
  }

  /** One pass of the ISR check (the timer runs it; tests may call it). */
  checkIsr(): void {
    if (this.ports === null || this.closed || !this.faults.reachesCluster) return;
    for (const ls of this.leaders.values()) this.proposeFor(ls);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.isrTimer) clearInterval(this.isrTimer);
    for (const ls of this.leaders.values()) ls.resign();
    this.leaders.clear();
    const fetchers = [...this.fetchers.values()];
    this.fetchers.clear();
    await Promise.all(fetchers.map((f) => f.close()));
  }

  private requirePorts(): ReplicationPorts {
    if (this.closed) throw new ReplicationError('CLOSED', 'the replica manager is closed');
    if (this.ports === null) throw new ReplicationError('NOT_ATTACHED', 'attach the replica manager to a cluster before pushing partition states');
    return this.ports;
  }

  private becomeLeader(p: Partition, state: PartitionState): void {
    const k = key(state.topic, state.partition);
    const cur = this.leaders.get(k);
    if (cur !== undefined && p.role === cur && cur.state.leaderEpoch === state.leaderEpoch) {
      cur.applyCommitted(state);
      return;
    }
    cur?.resign();
    this.unfollow(state.topic, state.partition);
    const ls = new LeaderState(p, state, {
      nodeId: this.node.nodeId, lagTimeMaxMs: this.config.lagTimeMaxMs, now: this.now,
      // Deferred: the check may reach the controller, whose answer may change this partition's role, and the
      // caller is in the middle of serving a fetch.
      requestIsrCheck: (l) => queueMicrotask(() => {
        if (!this.closed && !l.isResigned && this.faults.reachesCluster) this.proposeFor(l);
      }),
    });
    this.leaders.set(k, ls);
    p.role = ls;
    this.logger.info(`${state.topic}-${state.partition}: leader at epoch ${state.leaderEpoch} (log end ${p.log.logEndOffset}, HW ${p.log.highWatermark})`);
    p.notify(); // fetches waiting under the old role re-check
  }

  private becomeFollower(p: Partition, state: PartitionState, ports: ReplicationPorts): void {
    const k = key(state.topic, state.partition);
    const wasLeader = this.leaders.get(k);
    wasLeader?.resign();
    this.leaders.delete(k);
    const prev = p.role;
    const sameLeader = prev !== null && prev.kind === 'follower' && prev.leaderId === state.leader && p.leaderEpoch === state.leaderEpoch;
    p.leaderEpoch = state.leaderEpoch;
    p.role = { kind: 'follower', leaderId: state.leader };
    if (wasLeader !== undefined || prev === null) p.notify();
    const current = this.fetchers.get(state.leader);
    if (current?.has(state.topic, state.partition)) {
      // Same leader: an ISR-only change keeps fetching as is; a new leader epoch updates what is sent.
      if (!sameLeader) current.add(p, state.leaderEpoch);
      return;
    }
    const log = p.log;
    // Without epochs to compare, Kafka truncates to the HW: only committed records are known to match.
    if (log.leaderEpochs.latestEpoch < 0 && log.logEndOffset > log.highWatermark) log.truncateTo(log.highWatermark);
    this.unfollow(state.topic, state.partition);
    if (state.leader < 0) return; // offline: nothing to fetch from until a leader is elected
    let fetcher = this.fetchers.get(state.leader);
    if (fetcher === undefined) {
      fetcher = new FollowerFetcher(state.leader, { nodeId: this.node.nodeId, ports, faults: this.faults, config: this.config, logger: this.logger, now: this.now });
      this.fetchers.set(state.leader, fetcher);
    }
    fetcher.add(p, state.leaderEpoch);
  }

  private unfollow(topic: string, partition: number): void {
    for (const [leader, f] of this.fetchers) {
      if (!f.has(topic, partition)) continue;
      f.remove(topic, partition);
      if (f.size === 0) {
        this.fetchers.delete(leader);
        void f.close();
      }
    }
  }

  private proposeFor(ls: LeaderState): void {
    const ports = this.ports;
    if (ports === null) return;
    const req = ls.proposeIsrChange((id) => ports.brokerAddress(id) !== null);
    if (req === null) return;
    this.send(ports, ls, req);
  }

  private send(ports: ReplicationPorts, ls: LeaderState, req: AlterIsrRequest): void {
    const what = `${req.topic}-${req.partition}: ISR ${ls.isr.join(',')} -> ${req.newIsr.join(',')}`;
    ports.alterPartition(req).then(
      (res) => {
        if (!res.ok) this.logger.warn(`${what} refused: ${res.error} ${res.message}`);
        ls.onAlterResult(req, res);
      },
      (err: unknown) => {
        this.logger.warn(`${what} failed: ${(err as Error).message}`);
        ls.onAlterResult(req, { ok: false, error: 'UNKNOWN_SERVER_ERROR', message: (err as Error).message });
      },
    );
  }
}
