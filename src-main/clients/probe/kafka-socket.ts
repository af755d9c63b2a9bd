/**
 * The low-level probe's connection: resolve, connect, optionally TLS, then size-prefixed Kafka requests
 * encoded by the project's own codec, one at a time. Each stage fails with a ProbeFailure naming the stage
 * and the OS/TLS error code, so the diagnosis can say which step broke and why. Used by "Test
 * connection" and by the message reader (clients/message-reader.ts), whose fetches the KafkaBackend library
 * cannot make without a consumer group.
 */
import { lookup } from 'node:dns/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { decodeResponse, encodeRequest, type Body } from '../../protocol/index.js';
import type { DiagnosisStepName } from '../../contract/index.js';
import type { HostPort } from '../profile.js';

/** A step failed; `code` is the OS, TLS or our own reason code used by explain.ts. */
export class ProbeFailure extends Error {
  override readonly name = 'ProbeFailure';
  constructor(readonly step: DiagnosisStepName, readonly code: string, message: string) {
    super(message);
  }
}

export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  keyPassphrase?: string;
  servername?: string;
  verify: boolean;
}

/** Largest response the probe accepts: a bigger size prefix means the peer is not speaking Kafka. */
const MAX_FRAME = 64 * 1024 * 1024;

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => ProbeFailure, cleanup?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => { cleanup?.(); reject(onTimeout()); }, ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e); });
  });
}

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? 'UNKNOWN';
const errMsg = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** DNS: the addresses `host` resolves to (an IP literal resolves to itself). */
export async function resolveHost(host: string, timeoutMs: number): Promise<string[]> {
  try {
    const addrs = await withTimeout(lookup(host, { all: true }), timeoutMs,
      () => new ProbeFailure('dns', 'ETIMEOUT', `resolving ${host} took longer than ${timeoutMs} ms`));
    return addrs.map((a) => a.address);
  } catch (e) {
    if (e instanceof ProbeFailure) throw e;
    throw new ProbeFailure('dns', errCode(e), `cannot resolve ${host}: ${errMsg(e)}`);
  }
}

export function tcpConnect(address: string, port: number, timeoutMs: number): Promise<Socket> {
  const socket = netConnect({ host: address, port });
  const p = new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => { socket.removeAllListeners('error'); resolve(socket); });
    socket.once('error', (e) => reject(new ProbeFailure('tcp', errCode(e), `cannot connect to ${address}:${port}: ${errMsg(e)}`)));
  });
  return withTimeout(p, timeoutMs,
    () => new ProbeFailure('tcp', 'ETIMEDOUT', `no TCP answer from ${address}:${port} within ${timeoutMs} ms`), () => socket.destroy());
}

export function tlsHandshake(socket: Socket, host: string, tls: TlsOptions, timeoutMs: number): Promise<TLSSocket> {
  const servername = tls.servername ?? (/^[\d.]+$|:/.test(host) ? undefined : host);
  let secure: TLSSocket;
  try {
    secure = tlsConnect({
    // `host` is what the certificate's names are checked against: the name the user typed.
    socket, host: tls.servername ?? host, servername, ca: tls.ca, cert: tls.cert, key: tls.key,
    passphrase: tls.keyPassphrase, rejectUnauthorized: tls.verify,
    });
  } catch (e) {
    // Unusable PEM (a bad key, a wrong key passphrase) throws before any byte is sent.
    socket.destroy();
    return Promise.reject(new ProbeFailure('tls', errCode(e), `the TLS settings cannot be used: ${errMsg(e)}`));
  }
  const p = new Promise<TLSSocket>((resolve, reject) => {
    secure.once('secureConnect', () => { secure.removeAllListeners('error'); resolve(secure); });
    secure.once('error', (e) => reject(new ProbeFailure('tls', errCode(e), `TLS handshake with ${host} failed: ${errMsg(e)}`)));
  });
  return withTimeout(p, timeoutMs,
    () => new ProbeFailure('tls', 'ETIMEDOUT', `TLS handshake with ${host} did not finish within ${timeoutMs} ms`), () => secure.destroy());
}

/** One request at a time over an open socket, framed and decoded with the project's codec. */
export class KafkaSocket {
  // Received chunks, joined only once a whole frame is in: concatenating on every chunk is quadratic for the
  // multi-megabyte Fetch responses the message reader gets.
  private chunks: Buffer[] = [];
  private have = 0;
  private waiter: { resolve: (f: Buffer) => void; reject: (e: ProbeFailure) => void; step: DiagnosisStepName } | null = null;
  private closed: string | null = null;
  private correlationId = 1;

  constructor(readonly socket: Socket, readonly target: string, private readonly timeoutMs: number, private readonly clientId = 'tidepool-probe') {
    socket.on('data', (d: Buffer) => { this.chunks.push(d); this.have += d.length; this.pump(); });
    socket.on('error', (e) => this.fail(`connection error: ${errMsg(e)}`, errCode(e)));
    socket.on('close', () => this.fail('the server closed the connection without answering', 'CLOSED'));
  }

  private fail(why: string, code: string): void {
    this.closed ??= why;
    const w = this.waiter;
    this.waiter = null;
    w?.reject(new ProbeFailure(w.step, code, `${this.target}: ${why}`));
  }

  /** All received bytes as one buffer (joins the chunks if there are several). */
  private joined(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.have)];
    return this.chunks[0]!;
  }

  private pump(): void {
    if (this.waiter === null || this.have < 4) return;
    let buf = this.chunks[0]!.length >= 4 ? this.chunks[0]! : this.joined();
    // A TLS alert or handshake record starts with 0x15/0x16 0x03: the port speaks TLS, not plain Kafka.
    if ((buf[0] === 0x15 || buf[0] === 0x16) && buf[1] === 0x03) {
      this.fail('the server answered with TLS bytes', 'TLS_EXPECTED');
      return;
    }
    const size = buf.readInt32BE(0);
    if (size < 4 || size > MAX_FRAME) {
      buf = this.joined();
      const head = buf.subarray(0, Math.min(16, buf.length)).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
      this.fail(`the answer is not a Kafka frame (size prefix ${size}, first bytes "${head}")`, 'NOT_KAFKA');
      return;
    }
    if (this.have < 4 + size) return;
    buf = this.joined();
    const frame = buf.subarray(4, 4 + size);
    const rest = buf.subarray(4 + size);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.have = rest.length;
    const w = this.waiter;
    this.waiter = null;
    w.resolve(frame);
  }

  /** Sends one request and decodes its response; decoding errors become NOT_KAFKA failures of `step`. */
  async request(step: DiagnosisStepName, apiKey: number, version: number, body: Body): Promise<Body> {
    if (this.closed !== null) throw new ProbeFailure(step, 'CLOSED', `${this.target}: ${this.closed}`);
    const correlationId = this.correlationId++;
    const frame = await withTimeout(new Promise<Buffer>((resolve, reject) => {
      this.waiter = { resolve, reject, step };
      this.socket.write(encodeRequest(apiKey, version, { correlationId, clientId: this.clientId }, body));
      this.pump();
    }), this.timeoutMs, () => {
      this.waiter = null;
      return new ProbeFailure(step, 'NO_ANSWER', `${this.target}: no answer within ${this.timeoutMs} ms`);
    });
    let decoded: { correlationId: number; body: Body };
    try {
      decoded = decodeResponse(apiKey, version, frame);
    } catch (e) {
      throw new ProbeFailure(step, 'NOT_KAFKA', `${this.target}: the answer does not decode as a Kafka response (${errMsg(e)})`);
    }
    if (decoded.correlationId !== correlationId) {
      throw new ProbeFailure(step, 'NOT_KAFKA', `${this.target}: the answer is for another request (correlation id ${decoded.correlationId}, expected ${correlationId})`);
    }
    return decoded.body;
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface OpenedSocket {
  kafka: KafkaSocket;
  addresses: string[];
  tlsProtocol?: string;
}

/** DNS, TCP and (when `tls` is set) TLS, reporting each finished stage through `onStep`. */
export async function openKafkaSocket(
  hp: HostPort, tls: TlsOptions | undefined, timeoutMs: number,
  onStep: (step: DiagnosisStepName, message: string, ms: number) => void, clientId?: string,
): Promise<OpenedSocket> {
  const target = `${hp.host}:${hp.port}`;
  let t0 = performance.now();
  const addresses = await resolveHost(hp.host, timeoutMs);
  onStep('dns', `${hp.host} resolves to ${addresses.join(', ')}`, performance.now() - t0);
  t0 = performance.now();
  // Like Node's autoSelectFamily: a name such as localhost may resolve to ::1 first while the broker
  // listens on 127.0.0.1 only, so each address is tried in turn and the last failure is reported.
  let socket: Socket | null = null;
  let lastFailure: ProbeFailure | null = null;
  for (const address of addresses) {
    try {
      socket = await tcpConnect(address, hp.port, timeoutMs);
      onStep('tcp', `connected to ${address.includes(':') ? `[${address}]` : address}:${hp.port}`, performance.now() - t0);
      break;
    } catch (e) {
      if (!(e instanceof ProbeFailure)) throw e;
      lastFailure = addresses.length > 1 ? new ProbeFailure('tcp', e.code, `${e.message} (tried ${addresses.join(', ')})`) : e;
    }
  }
  if (socket === null) throw lastFailure ?? new ProbeFailure('tcp', 'ENOTFOUND', `${hp.host} has no addresses`);
  let tlsProtocol: string | undefined;
  if (tls !== undefined) {
    t0 = performance.now();
    const secure = await tlsHandshake(socket, hp.host, tls, timeoutMs);
    tlsProtocol = secure.getProtocol() ?? undefined;
    const peer = secure.getPeerCertificate();
    const subject = peer?.subject?.CN ?? '?';
    onStep('tls', `${tlsProtocol ?? 'TLS'} with ${target}; server certificate CN=${subject}${tls.verify ? ', verified' : ' (NOT verified: verification is off)'}`, performance.now() - t0);
    socket = secure;
  }
  return { kafka: new KafkaSocket(socket, target, timeoutMs, clientId), addresses, tlsProtocol };
}
