/**
 * One client connection: frames in, responses out, strictly in request order. Requests on a connection
 * are handled one at a time (as Kafka does by muting a channel until its response is sent), so a slow
 * async handler (a long-poll Fetch) delays the requests queued behind it but never reorders them.
 *
 * Memory stays bounded: reading stops (socket.pause) while the queued request bytes or the unsent
 * response bytes exceed `maxQueuedBytes`, and resumes when they drain, so a client that never reads its
 * responses is throttled by TCP instead of growing the broker's heap. A bad size prefix, bytes that do
 * not decode, an unknown key/version, or idleness past connections.max.idle.ms close this connection only.
 *
 * Faults (broker/faults.ts, applied by the server): `hold` stops reading and answering while keeping the
 * socket open (a paused broker); what completes meanwhile is kept and sent, in order, on release.
 * `isBlocked(clientId)` is checked before each request runs (the client id of the connection's first request):
 * a blocked client's connection is reset (RST).
 */
import type { Buffer } from 'node:buffer';
import type { Socket } from 'node:net';
import type { BrokerNode, ConnectionInfo } from '../handlers/handler.js';
import type { HandlerRegistry } from '../handlers/registry.js';
import { apiName, dispatch, type Outcome } from './dispatch.js';
import { peekClientId } from './client-id.js';
import { FrameDecoder } from './frame-decoder.js';

export interface BrokerLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface RequestEvent {
  connectionId: number;
  clientId: string | null;
  apiKey: number;
  apiVersion: number;
  bytesIn: number;
  bytesOut: number;
  latencyMs: number;
  errorCode?: number;
}

export interface ConnectionOptions {
  node: BrokerNode;
  registry: HandlerRegistry;
  logger: BrokerLogger;
  maxFrameBytes: number;
  maxQueuedBytes: number;
  idleMs: number;
  onRequest?: (e: RequestEvent) => void;
  onClose?: (c: Connection) => void;
  /** Isolation: true when requests from this client id must not be served (the connection is reset). */
  isBlocked?: (clientId: string | null) => boolean;
}

/** Beyond this many queued requests reading pauses too (tiny requests can pile up under a long poll). */
const MAX_QUEUED_REQUESTS = 512;

export class Connection {
  readonly info: ConnectionInfo;
  private readonly decoder: FrameDecoder;
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private busy = false;
  private closed = false;
  private paused = false;
  /** Held by a broker pause fault: nothing is read or answered until released. */
  private held = false;
  private readonly deferred: [Outcome, Buffer, number][] = [];
  /** The client id of this connection's first request (null before it, or when it had none). */
  clientId: string | null = null;
  private clientIdRead = false;

  constructor(readonly socket: Socket, id: number, private readonly opts: ConnectionOptions) {
    this.info = {
      id, remoteAddress: socket.remoteAddress ?? '?', remotePort: socket.remotePort ?? 0,
      clientSoftwareName: null, clientSoftwareVersion: null,
    };
    this.decoder = new FrameDecoder(opts.maxFrameBytes);
    socket.setNoDelay(true);
    if (opts.idleMs > 0) socket.setTimeout(opts.idleMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('timeout', () => this.close(`idle for ${opts.idleMs} ms (connections.max.idle.ms)`, 'info'));
    socket.on('drain', () => this.updateFlow());
    socket.on('error', () => { /* reported through 'close'; a reset by the peer is routine */ });
    socket.on('close', () => this.onClosed());
  }

  get hasSentRequest(): boolean {
    return this.clientIdRead;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes the connection (logged at `level` with the reason). */
  close(reason: string, level: 'info' | 'warn' = 'warn'): void {
    if (this.closed) return;
    this.closed = true;
    this.opts.logger[level](`connection ${this.info.id} from ${this.info.remoteAddress}:${this.info.remotePort} closed: ${reason}`);
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.socket.destroy();
  }

  /** Aborts the connection with a TCP reset (what an isolated peer sees), logged at info level. */
  reset(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.opts.logger.info(`connection ${this.info.id} from ${this.info.remoteAddress}:${this.info.remotePort} reset: ${reason}`);
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.deferred.length = 0;
    this.socket.resetAndDestroy();
  }

  /** Pause fault: stop reading and answering, keep the socket. Release answers what completed, in order. */
  hold(on: boolean): void {
    if (this.closed || on === this.held) return;
    this.held = on;
    if (on) {
      this.updateFlow();
      return;
    }
    this.socket.cork();
    try {
      for (const [o, frame, started] of this.deferred.splice(0)) this.finish(o, frame, started);
    } finally {
      this.socket.uncork();
    }
    this.pump();
    this.updateFlow();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    const frames: Buffer[] = [];
    try {
      this.decoder.push(chunk, frames);
    } catch (err) {
      // Kafka drops the channel at once, complete frames before the bad prefix included; so do we.
      this.close((err as Error).message);
      return;
    }
    for (const f of frames) this.enqueue(f);
    this.pump();
    this.updateFlow();
  }

  private enqueue(frame: Buffer): void {
    this.pending.push(frame);
    this.pendingBytes += frame.length;
  }

  /**
   * Handles queued requests in order; an async handler suspends the loop until it settles. The socket is
   * corked for the loop so the responses to a burst of pipelined requests leave in one writev, not one
   * syscall (and TCP segment) each.
   */
  private pump(): void {
    this.socket.cork();
    try {
      this.pumpCorked();
    } finally {
      this.socket.uncork();
    }
  }

  private pumpCorked(): void {
    while (!this.busy && !this.closed && !this.held && this.pending.length > 0 && this.socket.writableLength <= this.opts.maxQueuedBytes) {
      const frame = this.pending.shift() as Buffer;
      this.pendingBytes -= frame.length;
      // Read once per connection: clients keep one client id per connection, and the hot path stays free of it.
      if (!this.clientIdRead) {
        this.clientId = peekClientId(frame);
        this.clientIdRead = true;
      }
      if (this.opts.isBlocked?.(this.clientId)) {
        this.reset(`client ${JSON.stringify(this.clientId)} is cut off by an isolation fault`);
        return;
      }
      const started = performance.now();
      const outcome = dispatch(frame, this.info, this.opts.node, this.opts.registry);
      if (outcome instanceof Promise) {
        this.busy = true;
        outcome.then(
          (o) => { this.busy = false; this.finish(o, frame, started); this.pump(); this.updateFlow(); },
          (err: unknown) => { this.busy = false; this.close(`request failed: ${String(err)}`); },
        );
        return;
      }
      this.finish(outcome, frame, started);
    }
  }

  private finish(o: Outcome, frame: Buffer, started: number): void {
    if (this.closed) return;
    if (this.held) {
      this.deferred.push([o, frame, started]);
      return;
    }
    if (o.kind === 'close') {
      this.close(`${o.reason} (${apiName(o.apiKey)})`);
      return;
    }
    let bytesOut = 0;
    if (o.kind === 'respond') {
      bytesOut = o.frame.length;
      this.socket.write(o.frame);
    }
    this.opts.onRequest?.({
      connectionId: this.info.id, clientId: o.clientId ?? null, apiKey: o.apiKey, apiVersion: o.apiVersion,
      bytesIn: frame.length + 4, bytesOut, latencyMs: performance.now() - started,
      errorCode: o.kind === 'respond' ? o.errorCode : undefined,
    });
  }

  /** Pauses reading while too much is queued either way; resumes once both sides drain. */
  private updateFlow(): void {
    if (this.closed) return;
    const max = this.opts.maxQueuedBytes;
    const congested = this.socket.writableLength > max || this.pendingBytes > max || this.pending.length > MAX_QUEUED_REQUESTS;
    const stop = congested || this.held;
    if (stop && !this.paused) {
      this.paused = true;
      this.socket.pause();
    } else if (!stop && this.paused) {
      this.paused = false;
      this.socket.resume();
      this.pump();
    }
  }

  private onClosed(): void {
    this.closed = true;
    this.pending.length = 0;
    this.deferred.length = 0;
    this.opts.onClose?.(this);
  }
}
