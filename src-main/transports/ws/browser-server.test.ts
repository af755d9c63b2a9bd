// Browser-mode server over real TCP: static files, the token and host/origin guards, and the contract
// through the shared WsClient (the same client the renderer uses), with the `ws` package as WebSocket.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TidepoolError } from '../../common/index.js';
import { WsClient } from '../../contract/index.js';
import { ClusterRegistry, MetricsSampler, createServiceHandlers } from '../../services/index.js';
import { Dispatcher } from '../dispatcher.js';
import { startBrowserServer, type BrowserServer } from './browser-server.js';

let server: BrowserServer;
let sampler: MetricsSampler;
const dir = mkdtempSync(join(tmpdir(), 'tp-renderer-'));

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(join(dir, '..', 'secret-outside.txt'), 'nope');
  sampler = new MetricsSampler(50);
  sampler.start();
  const dispatcher = new Dispatcher(createServiceHandlers({ version: '1.2.3', sampler, clusters: new ClusterRegistry() }));
  server = await startBrowserServer({ host: '127.0.0.1', port: 0, rendererDir: dir, dispatcher });
});
afterAll(async () => { await server.close(); sampler.stop(); });

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((ok) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => { ws.close(); ok('open'); });
    ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
    ws.on('error', () => ok(0));
  });
}

const wsBase = () => `ws://127.0.0.1:${server.port}/api`;

describe('browser-mode server', () => {
  it('binds to 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer and refuses paths outside it', async () => {
    expect((await get('/')).status).toBe(200);
    const js = await get('/assets/a.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect((await get('/nothing.js')).status).toBe(404);
    expect((await get('/../secret-outside.txt')).status).not.toBe(200);
    expect((await get('/%2e%2e/secret-outside.txt')).status).not.toBe(200);
    expect((await get('/api')).status).toBe(426);
  });

  it('refuses a WebSocket without the right token, from another origin, or for another host', async () => {
    expect(await wsStatus(wsBase())).toBe(401);
    expect(await wsStatus(`${wsBase()}?token=wrong`)).toBe(401);
    expect(await wsStatus(`${wsBase()}?token=${server.token}x`)).toBe(401);
    expect(await wsStatus(`${wsBase()}?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await wsStatus(`${wsBase()}?token=${server.token}`, { Host: 'evil.example:80', Origin: 'http://evil.example:80' })).toBe(403);
    expect(await wsStatus(`ws://127.0.0.1:${server.port}/other?token=${server.token}`)).toBe(404);
    expect(await wsStatus(`${wsBase()}?token=${server.token}`)).toBe('open');
  });

  it('serves the contract through WsClient, bigint intact, errors typed', async () => {
    const client = new WsClient({ url: `${wsBase()}?token=${server.token}`, WebSocket: WebSocket as never, reconnectMs: 0 });
    const info = await client.call('system.info', {});
    expect(info.version).toBe('1.2.3');
    expect(info.transport).toBe('websocket');
    expect(typeof info.hrStartNs).toBe('bigint');
    const err = await client.call('system.ping', { echo: 5 as unknown as string }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TidepoolError);
    expect((err as TidepoolError).code).toBe('TP_VALIDATION');
    expect((err as TidepoolError).message).toMatch(/echo/);
    expect((await client.call('system.ping', { echo: 'after error' })).echo).toBe('after error');
    client.close();
  });

  it('survives garbage frames on a connection and keeps answering on it', async () => {
    const ws = new WebSocket(`${wsBase()}?token=${server.token}`);
    await new Promise((r) => ws.on('open', r));
    const replies: string[] = [];
    ws.on('message', (m) => replies.push(String(m)));
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'call', method: 'system.ping' }));
    ws.send(Buffer.from([1, 2, 3]));
    ws.send(JSON.stringify({ t: 'call', id: 7, method: 'system.ping', args: { echo: 'ok' } }));
    await new Promise((r) => setTimeout(r, 200));
    expect(replies.filter((r) => r.includes('protocol-error'))).toHaveLength(3);
    expect(replies.some((r) => r.includes('"id":7') && r.includes('"ok":true'))).toBe(true);
    ws.close();
  });

  it('streams subscription events and stops them on unsubscribe', async () => {
    const client = new WsClient({ url: `${wsBase()}?token=${server.token}`, WebSocket: WebSocket as never, reconnectMs: 0 });
    const got: number[] = [];
    const unsub = client.subscribe('system.metrics', {}, (s) => got.push(s.rssBytes));
    await new Promise((r) => setTimeout(r, 250));
    unsub();
    const n = got.length;
    expect(n).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 150));
    expect(got.length).toBe(n);
    client.close();
  });

  it('rejects pending calls with TP_TRANSPORT when the connection drops', async () => {
    const client = new WsClient({ url: `${wsBase()}?token=bad`, WebSocket: WebSocket as never, reconnectMs: 0 });
    const err = await client.call('system.info', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TidepoolError);
    expect(client.state).toBe('closed');
  });
});
