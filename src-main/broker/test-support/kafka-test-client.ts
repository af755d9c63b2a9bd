/**
 * A minimal Kafka client for protocol-level tests, built on the project's own codec: connects over real
 * TCP, pipelines requests, matches responses in order by correlation id, and can also send raw bytes and
 * observe the broker closing the connection. Test support only; not a product client.
 */
import { Buffer } from 'node:buffer';
import { connect, type Socket } from 'node:net';
import { decodeResponse, encodeRequest, type ApiDef, type RequestBody, type RequestOf, type ResponseOf } from '../../protocol/index.js';
import { FrameDecoder } from '../network/frame-decoder.js';

interface Waiter {
  correlationId: number;
  resolve: (frame: Buffer) => void;
  reject: (err: Error) => void;
}

export class KafkaTestClient {
  private readonly waiters: Waiter[] = [];
  private readonly decoder = new FrameDecoder(2 ** 31 - 1);
  private nextCorrelation = 1;
  private closedFlag = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket, readonly clientId: string | null) {
    this.closed = new Promise((resolve) => socket.once('close', () => {
      this.closedFlag = true;
      for (const w of this.waiters.splice(0)) w.reject(new Error('connection closed by the broker'));
      resolve();
    }));
    socket.on('error', () => { /* surfaced as 'close' */ });
    socket.on('data', (chunk: Buffer) => {
      const frames: Buffer[] = [];
      this.decoder.push(chunk, frames);
      for (const f of frames) {
        const w = this.waiters.shift();
        if (!w) throw new Error('response without a request');
        const cid = f.readInt32BE(0);
        if (cid !== w.correlationId) w.reject(new Error(`correlation id ${cid}, expected ${w.correlationId}`));
        else w.resolve(f);
      }
    });
  }

  static connect(port: number, host = '127.0.0.1', clientId: string | null = 'test-client'): Promise<KafkaTestClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ port, host }, () => { s.off('error', reject); resolve(new KafkaTestClient(s, clientId)); });
      s.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  /** Sends a request and resolves with the decoded response body. */
  async send<A extends ApiDef>(api: A, version: number, body: RequestOf<A>): Promise<ResponseOf<A>> {
    const cid = this.nextCorrelation++;
    const frame = await this.sendFrame(encodeRequest(api, version, { correlationId: cid, clientId: this.clientId }, body as RequestBody<A>), cid);
    return decodeResponse(api, version, frame).body as ResponseOf<A>;
  }

  /** Sends an encoded frame expecting a response with `correlationId`; resolves with the frame (no prefix). */
  sendFrame(frame: Uint8Array, correlationId: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.closedFlag) { reject(new Error('connection closed by the broker')); return; }
      this.waiters.push({ correlationId, resolve, reject });
      this.socket.write(frame);
    });
  }

  /** Sends a request that gets no response (acks=0). */
  sendNoResponse<A extends ApiDef>(api: A, version: number, body: RequestOf<A>): void {
    this.socket.write(encodeRequest(api, version, { correlationId: this.nextCorrelation++, clientId: this.clientId }, body as RequestBody<A>));
  }

  nextCorrelationId(): number {
    return this.nextCorrelation++;
  }

  writeRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A size-prefixed frame around `payload`. */
export function framed(payload: Uint8Array): Buffer {
  const b = Buffer.allocUnsafe(4 + payload.length);
  b.writeInt32BE(payload.length, 0);
  b.set(payload, 4);
  return b;
}
