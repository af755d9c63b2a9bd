/**
 * The TCP listener of one broker: accepts connections, gives each a Connection, and closes them all on
 * stop. Binding errors (EADDRINUSE, EADDRNOTAVAIL) reject `listen` with Node's error so callers can say
 * which port is taken.
 *
 * Fault switches (broker/faults.ts), when given, act here: `paused` holds every connection (accepted ones
 * too: accepted but never read) with its socket open; `isolatedFromClients` resets client connections and
 * `isolatedFromBrokers` resets replica fetcher connections (clientId starting with
 * REPLICA_FETCHER_CLIENT_PREFIX), existing ones at once and later ones at their next request.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { type FaultState, type FaultSwitches, REPLICA_FETCHER_CLIENT_PREFIX } from '../faults.js';
import type { BrokerNode } from '../handlers/handler.js';
import type { HandlerRegistry } from '../handlers/registry.js';
import { Connection, type BrokerLogger, type RequestEvent } from './connection.js';

export interface BrokerServerOptions {
  node: BrokerNode;
  registry: HandlerRegistry;
  logger: BrokerLogger;
  maxFrameBytes: number;
  maxQueuedBytes: number;
  idleMs: number;
  onRequest?: (e: RequestEvent) => void;
  faults?: FaultSwitches;
}

/** Whether a connection whose last request carried `clientId` is cut off by the isolation switches. */
export function isolatedBy(state: Readonly<FaultState>, clientId: string | null): boolean {
  const replica = clientId !== null && clientId.startsWith(REPLICA_FETCHER_CLIENT_PREFIX);
  return replica ? state.isolatedFromBrokers : state.isolatedFromClients;
}

export class BrokerServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private nextId = 1;
  private readonly offFaults: () => void;

  constructor(private readonly opts: BrokerServerOptions) {
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.offFaults = opts.faults?.onChange((s) => this.applyFaults(s)) ?? (() => {});
  }

  /** Number of open client connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  listen(host: string, port: number): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen({ host, port }, () => {
        this.server.off('error', onError);
        this.server.on('error', (err) => this.opts.logger.warn(`listener error: ${err.message}`));
        const addr = this.server.address();
        if (addr === null || typeof addr === 'string') reject(new Error('listener has no TCP address'));
        else resolve({ host: addr.address, port: addr.port });
      });
    });
  }

  /**
   * Stops accepting, closes every connection, resolves when the listener is closed. `reset`: the sockets are
   * reset (TCP RST), as when a process dies, instead of closed.
   */
  close(reset = false): Promise<void> {
    this.offFaults();
    for (const c of this.connections) {
      if (reset && !c.socket.destroyed) c.socket.resetAndDestroy();
      else c.socket.destroy();
    }
    this.connections.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const faults = this.opts.faults;
    const conn = new Connection(socket, this.nextId++, {
      ...this.opts,
      onClose: (c) => this.connections.delete(c),
      isBlocked: faults && ((clientId) => isolatedBy(faults.current, clientId)),
    });
    this.connections.add(conn);
    if (faults?.current.paused) conn.hold(true);
  }

  private applyFaults(s: Readonly<FaultState>): void {
    for (const c of [...this.connections]) {
      // A connection that has not sent a request yet is judged at its first one.
      if (c.hasSentRequest && isolatedBy(s, c.clientId)) c.reset('cut off by an isolation fault');
      else c.hold(s.paused);
    }
  }
}
