/**
 * The TCP listener of one broker: accepts connections, gives each a Connection, and closes them all on
 * stop. Binding errors (EADDRINUSE, EADDRNOTAVAIL) reject `listen` with Node's error so callers can say
 * which port is taken.
 */
import { createServer, type Server, type Socket } from 'node:net';
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
}

export class BrokerServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private nextId = 1;

  constructor(private readonly opts: BrokerServerOptions) {
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
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
    for (const c of this.connections) {
      if (reset && !c.socket.destroyed) c.socket.resetAndDestroy();
      else c.socket.destroy();
    }
    this.connections.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const conn = new Connection(socket, this.nextId++, {
      ...this.opts,
      onClose: (c) => this.connections.delete(c),
    });
    this.connections.add(conn);
  }
}
