/**
 * Browser mode: one HTTP server on 127.0.0.1 (by default) that serves the built renderer and the
 * contract over a WebSocket at /api. Opening the WebSocket needs the random per-run token that the
 * printed URL carries, and the Host/Origin must be this server's own (no cross-site or DNS-rebinding use).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { TOKEN_PARAM, WS_PATH } from '../../contract/index.js';
import type { Dispatcher } from '../dispatcher.js';
import { serveWebSocket } from './ws-endpoint.js';

export interface BrowserServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  rendererDir: string;
  dispatcher: Dispatcher;
  token?: string;
}

export interface BrowserServer {
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.ttf': 'font/ttf', '.woff': 'font/woff', '.woff2': 'font/woff2', '.map': 'application/json',
};

function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const root = resolve(opts.rendererDir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`The renderer is not built (${join(root, 'index.html')} is missing). Run \`npm run build\` first.`);
  }
  let port = opts.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${opts.host}:${port}`]);

  const serveStatic = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405).end(); return; }
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === WS_PATH) { res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only'); return; }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    const file = resolve(root, rel === '' ? 'index.html' : rel);
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    if (!existsSync(file) || !statSync(file).isFile()) { res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'); return; }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      'referrer-policy': 'no-referrer',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  const http = createServer(serveStatic);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hostOk = allowedHosts().has(req.headers.host ?? '');
    const origin = req.headers.origin;
    const originOk = origin === undefined || origin === `http://${req.headers.host}`;
    const reject = (status: string) => { socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`); };
    if (url.pathname !== WS_PATH) return reject('404 Not Found');
    if (!hostOk || !originOk) return reject('403 Forbidden');
    if (!tokenMatches(url.searchParams.get(TOKEN_PARAM), token)) return reject('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveWebSocket(ws, opts.dispatcher));
  });

  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(opts.port, opts.host, () => { http.off('error', fail); ok(); });
  });
  port = (http.address() as AddressInfo).port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`,
    host: opts.host,
    port,
    token,
    close: () => new Promise<void>((ok) => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      http.closeAllConnections();
      http.close(() => ok());
    }),
  };
}
