/**
 * The follower's connection to a leader: one TCP socket speaking the Kafka protocol through our own codec
 * (src-main/protocol), requests pipelined and matched in order by correlation id, each with a deadline.
 * Written here rather than taken from a client library because no Node Kafka client can send a Fetch with a
 * replica id and last fetched epoch, and because the leader is our own broker, whose codec this is.
 * Failures are ReplicaClientError (connect, timeout, closed, protocol); the connection is then unusable.
 */
import type { Buffer } from 'node:buffer';
import { connect, type Socket } from 'node:net';
import { decodeResponse, encodeRequest, type ApiDef, type RequestBody, type RequestOf, type ResponseOf } from '../../protocol/index.js';
import { FrameDecoder } from '../network/frame-decoder.js';

export class ReplicaClientError extends Error {
  override readonly name = 'ReplicaClientError';
  constructor(readonly kind: 'connect' | 'timeout' | 'closed' | 'protocol', message: string) {
    super(message);
  }
}

interface Waiter {
  correlationId: number;
  resolve: (frame: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** Largest response a follower accepts (a fetch answer is bounded by replica.fetch.response.max.bytes, soft). */
const MAX_RESPONSE_BYTES = 2 ** 31 - 1;

export class ReplicaClient {
  private readonly waiters: Waiter[] = [];
  private readonly decoder = new FrameDecoder(MAX_RESPONSE_BYTES);
  private nextCorrelation = 1;
  private closedWith: Error | null = null;

  private constructor(private readonly socket: Socket, readonly clientId: string) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(new ReplicaClientError('closed', `connection to the leader failed: ${err.message}`)));
    socket.on('close', () => this.fail(new ReplicaClientError('closed', 'the leader closed the connection')));
  }

  static connect(host: string, port: number, clientId: string, timeoutMs: number): Promise<ReplicaClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host, port, noDelay: true });
      const timer = setTimeout(() => { s.destroy(); reject(new ReplicaClientError('connect', `connect to ${host}:${port} timed out`)); }, timeoutMs);
      s.once('error', (err) => { clearTimeout(timer); reject(new ReplicaClientError('connect', `connect to ${host}:${port} failed: ${err.message}`)); });
      s.once('connect', () => { clearTimeout(timer); s.removeAllListeners('error'); resolve(new ReplicaClient(s, clientId)); });
    });
  }

  get isClosed(): boolean {
    return this.closedWith !== null;
  }

  /** Sends one request; rejects with ReplicaClientError on timeout, a closed socket or an undecodable answer. */
  send<A extends ApiDef>(api: A, version: number, body: RequestOf<A>, timeoutMs: number): Promise<ResponseOf<A>> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const correlationId = this.nextCorrelation++;
    const frame = encodeRequest(api, version, { correlationId, clientId: this.clientId }, body as RequestBody<A>);
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new ReplicaClientError('timeout', `${api.name} v${version} got no answer within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ correlationId, resolve, reject, timer });
      this.socket.write(frame);
    }).then((f) => {
      try {
        return decodeResponse(api, version, f).body as ResponseOf<A>;
      } catch (err) {
        const e = new ReplicaClientError('protocol', `undecodable ${api.name} answer: ${(err as Error).message}`);
        this.fail(e);
        throw e;
      }
    });
  }

  close(): void {
    this.fail(new ReplicaClientError('closed', 'closed by the follower'));
  }

  private onData(chunk: Buffer): void {
    const frames: Buffer[] = [];
    try {
      this.decoder.push(chunk, frames);
    } catch (err) {
      this.fail(new ReplicaClientError('protocol', (err as Error).message));
      return;
    }
    for (const f of frames) {
      const w = this.waiters.shift();
      if (w === undefined) { this.fail(new ReplicaClientError('protocol', 'an answer nobody asked for')); return; }
      clearTimeout(w.timer);
      const cid = f.readInt32BE(0);
      if (cid !== w.correlationId) { w.reject(new ReplicaClientError('protocol', `correlation id ${cid}, expected ${w.correlationId}`)); this.fail(new ReplicaClientError('protocol', 'out of order')); return; }
      w.resolve(f);
    }
  }

  private fail(err: Error): void {
    if (this.closedWith) return;
    this.closedWith = err;
    this.socket.destroy();
    for (const w of this.waiters.splice(0)) { clearTimeout(w.timer); w.reject(err); }
  }
}
