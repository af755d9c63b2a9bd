/**
 * The local cluster: 1 to 9 in-process brokers and the controller over one data dir. Even one broker runs
 * with the controller, so the app has one code path.
 *
 * Public API (the CLI, the app and integration tests use it):
 *   const cluster = await LocalCluster.start({ dataDir, brokers: 3, port: 0 });   // port 0 = any free port
 *   cluster.bootstrap        // "127.0.0.1:54321,127.0.0.1:54322,..." for bootstrap.servers
 *   cluster.brokers          // the running Brokers (topics, settings, connection count)
 *   await cluster.killBroker(2); await cluster.startBroker(2);   // LocalClusterControl (control.ts)
 *   await cluster.stop();    // clean shutdown of every broker, then the controller
 * Layout: `<dataDir>/controller/` (the metadata log and the cluster id) and `<dataDir>/broker-<id>/`, so
 * starting again on the same dir brings back every topic and record. Broker i (1-based) listens on
 * port + i - 1 and keeps that port across restarts (port 0: any free port, then kept). `portFallback`
 * tries the next ports when one is taken (the app's default 9092); without it a taken port is a
 * ClusterError saying so. Faults (pause/slow/isolate) set the broker's FaultSwitches; their network
 * effects belong to broker/network and broker/replication.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FILE, TopicStore, type TopicRecord } from '../broker/topics/topic-store.js';
import { Broker, settingsFromConfig, type BrokerLogger, type RequestEvent } from '../broker/index.js';
import { FaultSwitches } from '../broker/faults.js';
import { replicaManager } from '../broker/replication/index.js';
import type { BrokerSettings } from '../broker/settings.js';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';
import { ControllerRuntime } from './controller-runtime.js';
import { NodeLink } from './node-link.js';
import { ClusterError } from './cluster-error.js';
import { ClusterEvents } from './cluster-events.js';
import { FaultInjector } from './fault-injector.js';
import { clusterStatus } from './cluster-status.js';
import type {
  BrokerRunState, ClusterEvent, IsolationMode, LocalClusterControl, LocalClusterStatus, PartitionReplication,
} from './control.js';

export { ClusterError } from './cluster-error.js';

export const MAX_BROKERS = 9;

export interface LocalClusterOptions {
  dataDir: string;
  /** Number of brokers, 1..9 (default 1). */
  brokers?: number;
  /** Bind host (default 127.0.0.1). */
  host?: string;
  /** First broker's port (default 9092; 0 = any free port). */
  port?: number;
  /** When a port is taken, try the next ones (up to 20) and report the one used. */
  portFallback?: boolean;
  advertisedHost?: string;
  /** Kafka broker settings by name (server.properties + --config), validated by broker/config. */
  config?: ReadonlyMap<string, string>;
  logger?: BrokerLogger;
  onRequest?: (e: RequestEvent) => void;
}

const FALLBACK_TRIES = 20;

/** One broker's place in the cluster: it keeps its id, port, data dir and fault switches across restarts. */
export interface BrokerSlot {
  readonly nodeId: number;
  port: number;
  readonly faults: FaultSwitches;
  state: BrokerRunState;
  broker: Broker | null;
  link: NodeLink | null;
  /** Serializes life-cycle operations on this broker. */
  busy: Promise<void>;
}

export class LocalCluster implements LocalClusterControl {
  private stopping: Promise<void> | null = null;
  private readonly faultOps: FaultInjector;
  private readonly unfollow: (() => void)[];

  private constructor(
    private readonly opts: LocalClusterOptions, readonly controller: ControllerRuntime, readonly slots: BrokerSlot[],
    readonly dataDir: string, readonly warnings: string[], private readonly unlock: () => void,
    private readonly eventLog: ClusterEvents,
  ) {
    this.faultOps = new FaultInjector({
      nodeIds: () => slots.map((s) => s.nodeId), switches: (id) => slots.find((s) => s.nodeId === id)?.faults, emit: (e) => eventLog.emit(e),
    });
    this.unfollow = [
      eventLog.follow(controller),
      controller.onControllerMove((next, prev, cause) => eventLog.controllerMoved(prev === -1 ? null : prev, next, cause)),
    ];
  }

  static async start(opts: LocalClusterOptions): Promise<LocalCluster> {
    const count = opts.brokers ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > MAX_BROKERS) {
      throw new ClusterError('TOO_MANY_BROKERS', `--brokers must be a whole number from 1 to ${MAX_BROKERS}, not ${count}`);
    }
    let unlock: () => void;
    try {
      unlock = lockDataDir(opts.dataDir);
    } catch (err) {
      if (err instanceof DataDirLockedError) throw new ClusterError('DATA_DIR_IN_USE', err.message);
      throw err;
    }
    let controller: ControllerRuntime | null = null;
    let cluster: LocalCluster | null = null;
    try {
      // Validate the settings once before anything is opened (a bad --config is a ConfigError, nothing started).
      const base = settingsFor(opts, 1, 0).settings;
      const legacy = legacyCatalog(opts.dataDir);
      const events = new ClusterEvents({ onListenerError: (err) => opts.logger?.warn(`cluster event listener failed: ${String(err)}`) });
      controller = ControllerRuntime.open({
        dir: join(opts.dataDir, 'controller'), sessionTimeoutMs: Number(base.raw['broker.session.timeout.ms'] ?? 9000), events,
        adoptClusterId: legacy?.clusterId,
      });
      const slots: BrokerSlot[] = Array.from({ length: count }, (_, i) => ({
        nodeId: i + 1, port: -1, faults: new FaultSwitches(), state: 'stopped', broker: null, link: null, busy: Promise.resolve(),
      }));
      cluster = new LocalCluster(opts, controller, slots, opts.dataDir, [], unlock, events);
      let next = opts.port ?? 9092;
      for (const slot of slots) {
        await cluster.launch(slot, next, opts.portFallback === true);
        if (next !== 0) next = slot.port + 1;
        if (slot.nodeId === 1 && legacy !== null && legacy.topics.length > 0) {
          const r = controller.importTopics(legacy.topics, 1);
          if (!r.ok) throw new Error(`cannot import the topics of ${join(opts.dataDir, 'broker-1')}: ${r.error} ${r.message}`);
        }
      }
      return cluster;
    } catch (err) {
      if (cluster) await cluster.stop().catch(() => {});
      else { controller?.close(); unlock(); }
      throw err;
    }
  }

  /** The running brokers, in id order. */
  get brokers(): Broker[] {
    return this.slots.flatMap((s) => (s.broker && s.state === 'running' ? [s.broker] : []));
  }

  broker(nodeId: number): Broker | null {
    return this.slot(nodeId).broker;
  }

  /** bootstrap.servers for clients: every running broker's advertised host:port. */
  get bootstrap(): string {
    return this.brokers.map((b) => b.bootstrap).join(',');
  }

  status(): LocalClusterStatus {
    return clusterStatus(this.controller, this.slots, this.bootstrap, this.dataDir);
  }

  async stopBroker(nodeId: number): Promise<void> {
    const slot = this.slot(nodeId);
    return this.serialize(slot, async () => {
      if (slot.broker === null) return;
      slot.state = 'stopping';
      slot.link?.leave();
      await slot.broker.stop();
      slot.broker = null;
      slot.link = null;
      slot.state = 'stopped';
    });
  }

  async killBroker(nodeId: number): Promise<void> {
    const slot = this.slot(nodeId);
    return this.serialize(slot, async () => {
      if (slot.broker === null) return;
      // The controller is not told: it notices when the session runs out, as with a real crash.
      this.eventLog.hint(nodeId, `broker ${nodeId} killed`);
      slot.link?.detach();
      const b = slot.broker;
      slot.broker = null;
      slot.link = null;
      slot.state = 'killed';
      await b.kill();
    });
  }

  async startBroker(nodeId: number): Promise<void> {
    const slot = this.slot(nodeId);
    return this.serialize(slot, async () => {
      if (slot.broker !== null) return;
      await this.launch(slot, slot.port, false);
    });
  }

  async restartBroker(nodeId: number): Promise<void> {
    await this.stopBroker(nodeId);
    await this.startBroker(nodeId);
  }

  // A paused or broker-isolated node stops heartbeating; the hint makes its later fence say why.
  pauseBroker(nodeId: number): void {
    this.faultOps.pause(nodeId);
    this.faultHint(nodeId);
  }

  resumeBroker(nodeId: number): void {
    this.faultOps.resume(nodeId);
    this.faultHint(nodeId);
  }

  slowBroker(nodeId: number, fetchDelayMs: number): void { this.faultOps.slow(nodeId, fetchDelayMs); }

  isolateBroker(nodeId: number, mode: IsolationMode): void {
    this.faultOps.isolate(nodeId, mode);
    this.faultHint(nodeId);
  }

  healBroker(nodeId: number): void {
    this.faultOps.heal(nodeId);
    this.faultHint(nodeId);
  }

  /** What the node's remaining faults will explain about its next fence, if anything. */
  private faultHint(nodeId: number): void {
    const f = this.faultOps.state(nodeId);
    const brokersCut = f.isolation === 'brokers' || f.isolation === 'all';
    this.eventLog.hint(nodeId, f.paused ? `broker ${nodeId} paused` : brokersCut ? `broker ${nodeId} isolated from the other brokers` : null);
  }

  /** Replication internals of every partition, as its leader's ReplicaManager sees them (running brokers only). */
  replication(topic?: string): PartitionReplication[] {
    return this.brokers.flatMap((b) => replicaManager(b).replication(topic))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  /** Metadata events of this run (cluster-events.ts): the bounded ring, optionally after `sinceSeq`. */
  events(sinceSeq?: number): ClusterEvent[] {
    return this.eventLog.events(sinceSeq);
  }

  onEvent(cb: (e: ClusterEvent) => void): () => void {
    return this.eventLog.onEvent(cb);
  }

  /**
   * Stops the whole cluster: every broker cleanly (flush, clean-shutdown markers), then the controller. The
   * metadata is left as it stands (no controlled shutdowns one by one, which would pile every leadership
   * onto the last broker up), so the next start comes back with the same leaders and ISRs.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.controller.stopSessionChecks();
      for (const s of this.slots) s.link?.detach();
      await Promise.all(this.slots.map((s) => this.serialize(s, async () => {
        if (s.broker === null) return;
        s.state = 'stopping';
        await s.broker.stop();
        s.broker = null;
        s.link = null;
        s.state = 'stopped';
      }).catch(() => {})));
      for (const off of this.unfollow) off();
      this.controller.close();
      this.unlock();
    })();
    return this.stopping;
  }

  private slot(nodeId: number): BrokerSlot {
    const s = this.slots.find((x) => x.nodeId === nodeId);
    if (s === undefined) throw new ClusterError('NO_SUCH_BROKER', `there is no broker ${nodeId} (brokers are 1..${this.slots.length})`);
    return s;
  }

  private serialize(slot: BrokerSlot, fn: () => Promise<void>): Promise<void> {
    const run = slot.busy.then(fn);
    slot.busy = run.catch(() => {});
    return run;
  }

  /** Starts the broker of `slot` on `port` (or the next free ones with `fallback`), joins it to the cluster. */
  private async launch(slot: BrokerSlot, port: number, fallback: boolean): Promise<void> {
    const tries = fallback && port !== 0 ? FALLBACK_TRIES : 1;
    slot.state = 'starting';
    for (let i = 0; i < tries; i++) {
      const p = port === 0 ? 0 : port + i;
      if (p > 65535) break;
      const { settings, warnings } = settingsFor(this.opts, slot.nodeId, p);
      const link = new NodeLink(this.controller, slot.nodeId, slot.faults, heartbeatMs(settings), (m) => this.opts.logger?.warn(m));
      try {
        const broker = await Broker.start({ ...settings, logger: this.opts.logger, onRequest: this.opts.onRequest, cluster: link, faults: slot.faults });
        try {
          link.join(broker.advertised);
        } catch (err) {
          await broker.stop(); // registration refused: the node never joined, so it does not keep running
          throw err;
        }
        slot.broker = broker;
        slot.link = link;
        slot.port = broker.port;
        slot.state = 'running';
        for (const w of warnings) if (!this.warnings.includes(w)) this.warnings.push(w);
        return;
      } catch (err) {
        link.detach();
        slot.state = 'stopped';
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          if (i + 1 < tries) continue;
          throw new ClusterError('PORT_IN_USE', tries > 1
            ? `ports ${port}-${p} on ${settings.host} are all in use`
            : `port ${p} on ${settings.host} is already in use; pick another with --port (0 = any free port)`);
        }
        if (code === 'EADDRNOTAVAIL') throw new ClusterError('BAD_ADDRESS', `cannot listen on ${settings.host}: no such address on this machine`);
        throw err;
      }
    }
    slot.state = 'stopped';
    throw new ClusterError('PORT_IN_USE', `no free port from ${port}`);
  }
}

/**
 * A data dir from before the controller: broker 1's own topic catalog and no controller directory yet. Its
 * topics are imported once (same ids, configs, broker 1 the only replica) and its cluster id adopted.
 */
function legacyCatalog(dataDir: string): { clusterId: string; topics: TopicRecord[] } | null {
  if (existsSync(join(dataDir, 'controller'))) return null;
  const broker1 = join(dataDir, 'broker-1');
  if (!existsSync(join(broker1, CATALOG_FILE))) return null;
  return new TopicStore(broker1).load();
}

function settingsFor(opts: LocalClusterOptions, nodeId: number, port: number): { settings: BrokerSettings; warnings: string[] } {
  // Each broker is its own node id; a node.id / broker.id in --config cannot name them all.
  const config = new Map(opts.config ?? []);
  config.delete('node.id');
  config.delete('broker.id');
  return settingsFromConfig({
    static: config, dataDir: join(opts.dataDir, `broker-${nodeId}`), nodeId, host: opts.host, port, advertisedHost: opts.advertisedHost,
  });
}

function heartbeatMs(settings: BrokerSettings): number {
  return Number(settings.raw['broker.heartbeat.interval.ms'] ?? 2000);
}
