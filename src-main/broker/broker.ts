/**
 * One broker node: its settings, its TCP listener, its topics (over the storage layer) and the services
 * its handlers need. This is the object handlers see as `ctx.node`.
 *
 * Public API (what tests, the cluster and the CLI use):
 *   const broker = await Broker.start({ dataDir, port: 0 });   // port 0 = any free port
 *   broker.bootstrap          // "127.0.0.1:54321": the advertised host:port for clients
 *   broker.topics.create('t', { partitions: 3 })
 *   await broker.stop();       // closes connections, services, then the logs (clean shutdown)
 * Settings use Kafka's names in BrokerSettings (settings.ts); `raw` overrides carry any other Kafka key.
 * In a local cluster the node gets a ClusterLink (cluster-link.ts): its broker list, controller and topic
 * catalog then come from the cluster's metadata, and topic changes go to the controller. `kill()` is the
 * abrupt end a killed process has (sockets reset, nothing flushed, no clean-shutdown markers).
 */
import { makeSettings, type BrokerSettings, type SettingsInput } from './settings.js';
import { BrokerServer, type BrokerLogger, type RequestEvent } from './network/index.js';
import { DEFAULT_REGISTRY, type ApiVersionRange, type HandlerRegistry } from './handlers/registry.js';
import type { BrokerNode, ServiceKey, ServiceLifecycle } from './handlers/handler.js';
import { TopicManager } from './topics/index.js';
import { topicConfigProblem } from './config/index.js';
import { liveBrokers, replicationPorts, type ClusterLink } from './cluster-link.js';
import { replicaManager } from './replication/index.js';
import { FaultSwitches } from './faults.js';

export interface BrokerOptions extends SettingsInput {
  /** Handlers to serve (default: every handler in handlers/registry.ts). */
  registry?: HandlerRegistry;
  logger?: BrokerLogger;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Called after every request (trace, metrics). */
  onRequest?: (e: RequestEvent) => void;
  /** Topic-config validation (default: broker/config's catalog, Kafka 3.9's names, types and ranges). */
  validateTopicConfig?: (name: string, value: string) => string | null;
  /** Cluster membership (absent: a standalone node). */
  cluster?: ClusterLink;
  /** This node's fault switches, held by the cluster (default: a fresh set, all off). */
  faults?: FaultSwitches;
}

export interface BrokerAddress {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export const consoleLogger: BrokerLogger = {
  info: (m) => console.log(`[broker] ${m}`),
  warn: (m) => console.warn(`[broker] ${m}`),
};

export class Broker implements BrokerNode {
  readonly topics: TopicManager;
  readonly cluster: ClusterLink | null;
  readonly faults: FaultSwitches;
  private server: BrokerServer | null = null;
  private bound: { host: string; port: number } | null = null;
  private readonly services = new Map<ServiceKey<unknown>, unknown>();
  private readonly registry: HandlerRegistry;
  private readonly clock: () => number;
  private peers: BrokerAddress[] | null = null;
  private controller: number | null = null;
  private stopping: Promise<void> | null = null;

  private constructor(readonly settings: BrokerSettings, private readonly opts: BrokerOptions) {
    this.registry = opts.registry ?? DEFAULT_REGISTRY;
    this.clock = opts.now ?? Date.now;
    this.cluster = opts.cluster ?? null;
    this.faults = opts.faults ?? new FaultSwitches();
    this.topics = new TopicManager({
      settings, validateConfig: opts.validateTopicConfig ?? topicConfigProblem, onStorageError: (m) => this.logger.warn(`storage: ${m}`),
      cluster: opts.cluster,
    });
  }

  /** Opens the data dir (topics come back from it), starts services, then listens. */
  static async start(opts: BrokerOptions): Promise<Broker> {
    const broker = new Broker(makeSettings(opts), opts);
    try {
      for (const key of broker.registry.services()) await broker.createService(key);
      if (broker.cluster !== null) broker.joinReplication(broker.cluster);
      await broker.listen();
    } catch (err) {
      await broker.stop();
      throw err;
    }
    return broker;
  }

  get nodeId(): number { return this.settings.nodeId; }
  get clusterId(): string { return this.topics.clusterId; }
  get controllerId(): number { return this.cluster?.controllerId() ?? this.controller ?? this.settings.nodeId; }
  get logger(): BrokerLogger { return this.opts.logger ?? consoleLogger; }

  /**
   * The address clients use: advertised host/port, else the bound ones. A wildcard bind (0.0.0.0, ::)
   * is not an address a client can use, so it advertises 127.0.0.1 unless told otherwise.
   */
  get advertised(): { host: string; port: number } {
    if (!this.bound) throw new Error('broker is not listening');
    const bound = this.bound.host === '0.0.0.0' || this.bound.host === '::' ? '127.0.0.1' : this.bound.host;
    return { host: this.settings.advertisedHost ?? bound, port: this.settings.advertisedPort ?? this.bound.port };
  }

  /** "host:port" to give clients as bootstrap.servers. */
  get bootstrap(): string {
    const { host, port } = this.advertised;
    return `${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** The port actually bound (useful with port 0). */
  get port(): number {
    if (!this.bound) throw new Error('broker is not listening');
    return this.bound.port;
  }

  get connectionCount(): number {
    return this.server?.connectionCount ?? 0;
  }

  brokers(): readonly BrokerAddress[] {
    if (this.cluster) return liveBrokers(this.cluster.metadata()).map((b) => ({ nodeId: b.id, host: b.host, port: b.port, rack: b.rack }));
    return this.peers ?? [{ nodeId: this.nodeId, ...this.advertised, rack: null }];
  }

  /** Set by a cluster that runs several nodes: the full broker list and the controller. */
  setClusterView(brokers: BrokerAddress[], controllerId: number): void {
    this.peers = brokers;
    this.controller = controllerId;
  }

  now(): bigint {
    return BigInt(this.clock());
  }

  apiVersions(): ApiVersionRange[] {
    return this.registry.apiVersions();
  }

  service<T>(key: ServiceKey<T>): T {
    if (this.services.has(key)) return this.services.get(key) as T;
    const created = key.create(this);
    if (created instanceof Promise) throw new Error(`service ${key.name} is async: name it in a handler's services so it starts with the node`);
    this.services.set(key, created);
    return created;
  }

  /** Stops listening, closes services, then closes every log (idempotent). */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.server?.close();
      await this.closeServices();
      await this.topics.close();
    })();
    return this.stopping;
  }

  /**
   * Abrupt end, as a killed process: every socket reset, services dropped, logs abandoned without flush or
   * clean-shutdown markers (the next start recovers them). No-op after stop() or kill().
   */
  kill(): Promise<void> {
    this.stopping ??= (async () => {
      const closing = this.server?.close(true);
      // Services go first only so that no replica fetcher writes to a log being abandoned; none flushes.
      await this.closeServices();
      this.topics.abandon();
      await closing;
    })();
    return this.stopping;
  }

  private async closeServices(): Promise<void> {
    for (const [key, svc] of [...this.services].reverse()) {
      try {
        await (svc as ServiceLifecycle | null)?.close?.();
      } catch (err) {
        this.logger.warn(`service ${key.name} failed to close: ${(err as Error).message}`);
      }
    }
    this.services.clear();
  }

  /**
   * Cluster mode: the node's ReplicaManager gets the ports to the cluster and this node's fault switches,
   * and hears the state of every partition this node holds (leader, follower, or no longer a replica).
   */
  private joinReplication(link: ClusterLink): void {
    const rm = replicaManager(this);
    rm.attach(replicationPorts(link), { faults: this.faults, logger: this.logger });
    this.topics.onPartitionState((state, topic, partition) => {
      if (state === null) rm.stopReplica(topic, partition);
      else rm.applyPartitionState(state);
    });
  }

  private async createService(key: ServiceKey<unknown>): Promise<void> {
    this.services.set(key, await key.create(this));
  }

  private async listen(): Promise<void> {
    const s = this.settings;
    this.server = new BrokerServer({
      node: this, registry: this.registry, logger: this.logger,
      maxFrameBytes: s.socketRequestMaxBytes, maxQueuedBytes: s.maxQueuedResponseBytes, idleMs: s.connectionsMaxIdleMs,
      onRequest: this.opts.onRequest, faults: this.faults,
    });
    this.bound = await this.server.listen(s.host, s.port);
  }
}
