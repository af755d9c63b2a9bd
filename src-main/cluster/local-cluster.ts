/**
 * The local cluster: N in-process brokers over one data dir. Today N = 1; asking for more is refused with
 * a clear ClusterError, because replication (followers, ISR, leader election) arrives in a later issue.
 *
 * Public API (the CLI, the app and integration tests use it):
 *   const cluster = await LocalCluster.start({ dataDir, port: 0 });   // port 0 = any free port
 *   cluster.bootstrap     // "127.0.0.1:54321" for bootstrap.servers
 *   cluster.brokers[0]    // the Broker (topics, settings, connection count)
 *   await cluster.stop(); // clean shutdown: connections, services, logs
 * Each broker keeps its data in `<dataDir>/broker-<nodeId>/`, so starting again on the same dir brings
 * back every topic and record. `portFallback` tries the next ports when the first is taken (the app's
 * default 9092); without it a taken port is a ClusterError saying so.
 */
import { join } from 'node:path';
import { Broker, settingsFromConfig, type BrokerLogger, type RequestEvent } from '../broker/index.js';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(readonly code: 'TOO_MANY_BROKERS' | 'PORT_IN_USE' | 'BAD_ADDRESS' | 'DATA_DIR_IN_USE', message: string) {
    super(message);
  }
}

export interface LocalClusterOptions {
  dataDir: string;
  /** Number of brokers; only 1 until replication lands. */
  brokers?: number;
  /** Bind host (default 127.0.0.1). */
  host?: string;
  /** First broker's port (default 9092; 0 = any free port). */
  port?: number;
  /** When `port` is taken, try the next ones (up to 20) and report the one used. */
  portFallback?: boolean;
  advertisedHost?: string;
  /** Kafka broker settings by name (server.properties + --config), validated by broker/config. */
  config?: ReadonlyMap<string, string>;
  logger?: BrokerLogger;
  onRequest?: (e: RequestEvent) => void;
}

const FALLBACK_TRIES = 20;

export class LocalCluster {
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly brokers: readonly Broker[], readonly dataDir: string, readonly warnings: readonly string[], private readonly unlock: () => void,
  ) {}

  static async start(opts: LocalClusterOptions): Promise<LocalCluster> {
    let unlock: () => void;
    try {
      unlock = lockDataDir(opts.dataDir);
    } catch (err) {
      if (err instanceof DataDirLockedError) throw new ClusterError('DATA_DIR_IN_USE', err.message);
      throw err;
    }
    try {
      return await LocalCluster.startLocked(opts, unlock);
    } catch (err) {
      unlock();
      throw err;
    }
  }

  private static async startLocked(opts: LocalClusterOptions, unlock: () => void): Promise<LocalCluster> {
    const count = opts.brokers ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new ClusterError('TOO_MANY_BROKERS', `--brokers must be a whole number of at least 1, not ${count}`);
    if (count > 1) {
      throw new ClusterError('TOO_MANY_BROKERS',
        `a local cluster of ${count} brokers needs replication, which arrives in a later issue; run with --brokers 1 for now`);
    }
    const nodeId = 1;
    const first = opts.port ?? 9092;
    const tries = opts.portFallback && first !== 0 ? FALLBACK_TRIES : 1;
    for (let i = 0; i < tries; i++) {
      const port = first === 0 ? 0 : first + i;
      if (port > 65535) break;
      const { settings, warnings } = settingsFromConfig({
        static: opts.config ?? new Map(), dataDir: join(opts.dataDir, `broker-${nodeId}`), nodeId,
        host: opts.host, port, advertisedHost: opts.advertisedHost,
      });
      try {
        const broker = await Broker.start({ ...settings, logger: opts.logger, onRequest: opts.onRequest });
        return new LocalCluster([broker], opts.dataDir, warnings, unlock);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          if (i + 1 < tries) continue;
          throw new ClusterError('PORT_IN_USE', tries > 1
            ? `ports ${first}-${port} on ${settings.host} are all in use`
            : `port ${port} on ${settings.host} is already in use; pick another with --port (0 = any free port)`);
        }
        if (code === 'EADDRNOTAVAIL') throw new ClusterError('BAD_ADDRESS', `cannot listen on ${settings.host}: no such address on this machine`);
        throw err;
      }
    }
    throw new ClusterError('PORT_IN_USE', `no free port from ${first}`);
  }

  /** bootstrap.servers for clients: every broker's advertised host:port. */
  get bootstrap(): string {
    return this.brokers.map((b) => b.bootstrap).join(',');
  }

  stop(): Promise<void> {
    this.stopping ??= Promise.all(this.brokers.map((b) => b.stop())).then(() => this.unlock());
    return this.stopping;
  }
}
