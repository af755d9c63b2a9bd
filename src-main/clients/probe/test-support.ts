/**
 * Test support for the probe: tiny real TCP/TLS servers (a fake Kafka built with the project's codec, a
 * server that answers garbage, a TLS server with a self-signed certificate made by openssl) and a port with
 * nothing listening. Not a mock of the pool: each is a socket the probe really talks to.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { decodeRequest, encodeResponse } from '../../protocol/index.js';

export interface Running {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<Running> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        port,
        close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
      });
    });
  });
}

/** A port on 127.0.0.1 that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<number> {
  const r = await listen(createServer());
  await r.close();
  return r.port;
}

/** Answers every connection with an HTTP error, as a web service on the wrong port would. */
export function garbageServer(): Promise<Running> {
  return listen(createServer((s) => {
    s.on('error', () => undefined);
    s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  }));
}

/** Accepts connections and never says a word. */
export function silentServer(): Promise<Running> {
  return listen(createServer((s) => { s.on('error', () => undefined); }));
}

export interface FakeKafkaOptions {
  /** Brokers the Metadata response advertises; a function gets the server's own port. */
  advertised: (port: number) => { nodeId: number; host: string; port: number }[];
  /** When set, SaslHandshake answers with these mechanisms and refuses any other. */
  saslMechanisms?: string[];
  /** The one user SaslAuthenticate accepts (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 as listed in saslMechanisms). */
  saslUser?: { username: string; password: string };
  /** Close the connection on Metadata (a listener that wants SASL first). */
  closeOnMetadata?: boolean;
}

/** A minimal "Kafka": ApiVersions, Metadata and SaslHandshake encoded by the project's codec. */
export async function fakeKafka(opts: FakeKafkaOptions): Promise<Running> {
  let port = 0;
  const server = createServer((s) => {
    s.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    let mechanism = '';
    let scram: ScramServer | null = null;
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const frame = buf.subarray(4, 4 + buf.readInt32BE(0));
        buf = buf.subarray(4 + frame.length);
        const { header } = decodeRequest(frame);
        const v = header.apiVersion;
        const cid = header.correlationId;
        if (header.apiKey === 18) {
          s.write(encodeResponse(18, v, cid, { errorCode: 0, apiKeys: [
            { apiKey: 3, minVersion: 0, maxVersion: 12 }, { apiKey: 17, minVersion: 0, maxVersion: 1 },
            { apiKey: 18, minVersion: 0, maxVersion: 3 }, { apiKey: 36, minVersion: 0, maxVersion: 2 },
          ], throttleTimeMs: 0 }));
        } else if (header.apiKey === 3) {
          if (opts.closeOnMetadata) { s.destroy(); return; }
          s.write(encodeResponse(3, v, cid, {
            throttleTimeMs: 0, brokers: opts.advertised(port).map((b) => ({ ...b, rack: null })),
            clusterId: 'fake-cluster', controllerId: 1, topics: [],
          }));
        } else if (header.apiKey === 17) {
          const mechs = opts.saslMechanisms ?? [];
          const asked = decodeRequest(frame).body.mechanism as string;
          const ok = mechs.includes(asked);
          if (ok) mechanism = asked;
          s.write(encodeResponse(17, v, cid, { errorCode: ok ? 0 : 33, mechanisms: mechs }));
        } else if (header.apiKey === 36 && opts.saslUser !== undefined) {
          const bytes = Buffer.from(decodeRequest(frame).body.authBytes as Uint8Array);
          let reply: Buffer | null;
          if (mechanism === 'PLAIN') {
            const [, user, pass] = bytes.toString('utf8').split('\u0000');
            reply = user === opts.saslUser.username && pass === opts.saslUser.password ? Buffer.alloc(0) : null;
          } else {
            scram ??= new ScramServer(mechanism === 'SCRAM-SHA-512' ? 'sha512' : 'sha256', opts.saslUser);
            reply = scram.step(bytes.toString('utf8'));
          }
          s.write(encodeResponse(36, v, cid, reply === null
            ? { errorCode: 58, errorMessage: `Authentication failed: Invalid username or password (${mechanism})`, authBytes: new Uint8Array(0), sessionLifetimeMs: 0n }
            : { errorCode: 0, errorMessage: null, authBytes: reply, sessionLifetimeMs: 0n }));
        } else {
          s.destroy();
        }
      }
    });
  });
  const r = await listen(server);
  port = r.port;
  return r;
}

export interface SelfSigned {
  cert: string;
  key: string;
}

/** A self-signed certificate for `cn` (with a matching subjectAltName), made by the openssl CLI. */
export function selfSignedCert(cn = 'localhost'): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'tidepool-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn},IP:127.0.0.1`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A TLS server with `cert` that closes each connection right after the handshake. */
export function tlsServer(cert: SelfSigned): Promise<Running> {
  return listen(createTlsServer({ cert: cert.cert, key: cert.key }, (s) => { s.on('error', () => undefined); s.end(); }) as unknown as Server);
}

/** The server half of SCRAM (RFC 5802), enough to check the probe's client against. */
class ScramServer {
  private first = '';
  private serverFirst = '';
  private salted: Buffer | null = null;

  constructor(private readonly hash: 'sha256' | 'sha512', private readonly user: { username: string; password: string }) {}

  step(msg: string): Buffer | null {
    const attrs = new Map(msg.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
    if (this.serverFirst === '') {
      this.first = msg.slice(3);
      if (attrs.get('n') !== this.user.username) return null;
      const salt = randomBytes(16);
      this.salted = pbkdf2Sync(this.user.password, salt, 4096, this.hash === 'sha256' ? 32 : 64, this.hash);
      this.serverFirst = `r=${attrs.get('r')}srv${randomBytes(8).toString('hex')},s=${salt.toString('base64')},i=4096`;
      return Buffer.from(this.serverFirst);
    }
    const salted = this.salted!;
    const hmac = (k: Buffer, d: string) => createHmac(this.hash, k).update(d).digest();
    const withoutProof = msg.slice(0, msg.lastIndexOf(',p='));
    const auth = `${this.first},${this.serverFirst},${withoutProof}`;
    const storedKey = createHash(this.hash).update(hmac(salted, 'Client Key')).digest();
    const sig = hmac(storedKey, auth);
    const proof = Buffer.from(attrs.get('p') ?? '', 'base64');
    if (proof.length !== sig.length) return null;
    const clientKey = Buffer.from(proof.map((b, i) => b ^ sig[i]));
    if (!createHash(this.hash).update(clientKey).digest().equals(storedKey)) return null;
    return Buffer.from(`v=${hmac(hmac(salted, 'Server Key'), auth).toString('base64')}`);
  }
}

/** Terminates TLS with `cert` and pipes each connection to 127.0.0.1:`target()` (a plaintext broker). */
export function tlsProxy(cert: SelfSigned, target: () => number): Promise<Running> {
  return listen(createTlsServer({ cert: cert.cert, key: cert.key }, (s) => {
    const up = netConnect({ host: '127.0.0.1', port: target() });
    s.on('error', () => up.destroy());
    up.on('error', () => s.destroy());
    s.pipe(up).pipe(s);
  }) as unknown as Server);
}
