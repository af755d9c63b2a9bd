/**
 * A recording TCP proxy for golden request bytes (issue 3): sits between a real client and the broker, splits
 * the client's byte stream into size-prefixed request frames and keeps each one (without its size prefix),
 * while forwarding both directions unchanged. Without an upstream it only accepts and records, which is
 * enough to capture a client's first request(s) (ApiVersions, or Metadata for clients that never send it).
 * Fixture files: src-main/protocol/__fixtures__/NN-name/vK-<client>-request.hex (a `#` comment line saying
 * who sent it, how and when, then hex, 32 bytes per line).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { API_BY_KEY } from '../../src-main/protocol/schema/index.js';

export interface CapturedFrame { connection: number; apiKey: number; apiVersion: number; correlationId: number; bytes: Buffer }

/** Frames larger than this are not kept (a client's produce of a huge batch is not a useful fixture). */
const MAX_KEPT_FRAME = 256 * 1024;

/** Splits a Kafka byte stream into frames (size prefix removed); requests have at least 8 header bytes. */
export class FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private broken = false;

  constructor(private readonly minSize = 8) {}

  push(chunk: Buffer): Buffer[] {
    if (this.broken) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    while (this.pending.length >= 4) {
      const size = this.pending.readInt32BE(0);
      if (size < this.minSize || size > 100 * 1024 * 1024) { this.broken = true; break; } // not Kafka framing: stop recording
      if (this.pending.length < 4 + size) break;
      frames.push(Buffer.from(this.pending.subarray(4, 4 + size)));
      this.pending = this.pending.subarray(4 + size);
    }
    return frames;
  }
}

/**
 * A fault to inject: after the broker answered `count` requests of API `apiKey`, the proxy drops each such
 * response and cuts that connection instead, so the client must retry a request the broker already applied
 * (a lost acknowledgement, e.g. for the idempotent-producer test).
 */
export interface CutFault { apiKey: number; count: number }

export interface RecordProxy {
  readonly port: number;
  readonly frames: CapturedFrame[];
  /** How many responses the cut fault swallowed. */
  readonly cuts: number;
  /** Points new connections at the broker (before this, connections are accepted and only recorded). */
  setUpstream(host: string, port: number): void;
  close(): Promise<void>;
}

export async function startRecordProxy(upstream?: { host: string; port: number }, cut?: CutFault): Promise<RecordProxy> {
  const frames: CapturedFrame[] = [];
  const sockets = new Set<Socket>();
  let target = upstream;
  let connections = 0;
  let cutsLeft = cut?.count ?? 0;
  let cuts = 0;
  const server: Server = createServer((client) => {
    const id = ++connections;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const splitter = new FrameSplitter();
    let broker: Socket | undefined;
    if (target) {
      broker = createConnection(target);
      sockets.add(broker);
      broker.on('close', () => { sockets.delete(broker!); client.destroy(); });
      broker.on('error', () => client.destroy());
      client.on('close', () => broker!.destroy());
      if (cut) forwardWithCut(broker, client);
      else broker.pipe(client);
    }
    // Correlation ids of this connection's requests of the cut fault's API.
    const watched = new Set<number>();
    function forwardWithCut(from: Socket, to: Socket): void {
      const responses = new FrameSplitter(4);
      from.on('data', (chunk: Buffer) => {
        for (const r of responses.push(chunk)) {
          if (cutsLeft > 0 && watched.has(r.readInt32BE(0))) {
            cutsLeft -= 1;
            cuts += 1;
            from.destroy();
            to.destroy();
            return;
          }
          const size = Buffer.alloc(4);
          size.writeInt32BE(r.length);
          to.write(Buffer.concat([size, r]));
        }
      });
    }
    client.on('data', (chunk: Buffer) => {
      for (const f of splitter.push(chunk)) {
        if (cut && f.readInt16BE(0) === cut.apiKey) watched.add(f.readInt32BE(4));
        if (f.length <= MAX_KEPT_FRAME) {
          frames.push({ connection: id, apiKey: f.readInt16BE(0), apiVersion: f.readInt16BE(2), correlationId: f.readInt32BE(4), bytes: f });
        }
      }
      broker?.write(chunk);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
  return {
    port: address.port,
    frames,
    get cuts() { return cuts; },
    setUpstream(host, port) { target = { host, port }; },
    close: () => new Promise<void>((done) => {
      for (const s of sockets) s.destroy();
      server.close(() => done());
    }),
  };
}

/** `ApiVersions` -> `api-versions`, as the schema and handler files are named. */
export function kebabName(apiKey: number): string {
  const def = API_BY_KEY.get(apiKey);
  if (!def) throw new Error(`unknown API key ${apiKey}`);
  return def.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function fixtureDir(root: string, apiKey: number): string {
  return join(root, `${String(apiKey).padStart(2, '0')}-${kebabName(apiKey)}`);
}

export function toHex(bytes: Buffer): string {
  return (bytes.toString('hex').match(/.{1,64}/g) ?? []).join('\n') + '\n';
}

/** Hex fixture text to bytes: `#` comment lines and whitespace are ignored. */
export function fromHex(text: string): Buffer {
  const clean = text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(clean)) throw new Error('fixture is not whole bytes of hex');
  return Buffer.from(clean, 'hex');
}

/**
 * Writes the first frame of each (API key, version) as NN-name/vK-<client>-request.hex under root. Unknown
 * API keys (not in our schema registry) are skipped. Returns the written paths relative to root.
 */
export function writeFixtures(frames: CapturedFrame[], client: string, root: string, comment: string): string[] {
  const written: string[] = [];
  const done = new Set<string>();
  for (const f of frames) {
    const id = `${f.apiKey}/${f.apiVersion}`;
    if (done.has(id) || !API_BY_KEY.has(f.apiKey)) continue;
    done.add(id);
    const dir = fixtureDir(root, f.apiKey);
    mkdirSync(dir, { recursive: true });
    const name = `v${f.apiVersion}-${client}-request.hex`;
    writeFileSync(join(dir, name), `# ${comment.replaceAll('\n', ' ')}\n${toHex(f.bytes)}`);
    written.push(join(dir.slice(root.length + 1), name));
  }
  return written;
}
