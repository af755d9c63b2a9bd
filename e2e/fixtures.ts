/**
 * Playwright fixtures for browser mode. One `tidepool serve --port 0` per worker (the app must be built
 * first: `npm test` does it, or `npx electron-vite build`), its URL parsed from the banner, and the process
 * stopped after. Every test also gets a guard that fails it on any request leaving 127.0.0.1 and on any
 * console error or uncaught page error, unless the test explicitly allows a pattern.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base, type Page } from '@playwright/test';

export interface TidepoolServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  pid: number;
  /** Everything the server printed so far (e.g. the local cluster's bootstrap line). */
  output(): string;
  stop(): Promise<void>;
}

/** The repository root, wherever Playwright was started from. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BANNER = /browser mode at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/;

/** `args` defaults to `serve --port 0`; `['start', '--browser', '--port', '0']` also starts the embedded cluster. */
export async function startServer(args: string[] = ['serve', '--port', '0']): Promise<TidepoolServer> {
  // A throwaway user-data folder: tests never read or write the real profiles.
  const home = mkdtempSync(join(tmpdir(), 'tidepool-e2e-home-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/tidepool.js', ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TIDEPOOL_HOME: home },
  });
  let output = '';
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`tidepool serve printed no URL within 15 s:\n${output}`)); }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = BANNER.exec(output);
      if (m) { clearTimeout(timer); resolve(m); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`tidepool serve exited (${code}) before printing its URL:\n${output}`)); });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = match[1]!;
  return {
    url,
    origin: new URL(url).origin,
    port: Number(match[2]),
    token: match[3]!,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface Guard {
  /** Console errors matching this pattern do not fail the test (e.g. expected reconnect failures). */
  allowConsoleError(pattern: RegExp): void;
  foreignRequests: string[];
  consoleErrors: string[];
}

function isLocal(raw: string): boolean {
  const u = new URL(raw);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return u.hostname === '127.0.0.1';
}

export const test = base.extend<{ guard: Guard; app: Page }, { server: TidepoolServer }>({
  server: [async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  }, { scope: 'worker' }],

  guard: [async ({ context, page }, use) => {
    const allowed: RegExp[] = [];
    const guard: Guard = { allowConsoleError: (p) => allowed.push(p), foreignRequests: [], consoleErrors: [] };
    context.on('request', (req) => { if (!isLocal(req.url())) guard.foreignRequests.push(req.url()); });
    page.on('websocket', (ws) => { if (!isLocal(ws.url())) guard.foreignRequests.push(ws.url()); });
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !allowed.some((p) => p.test(msg.text()))) guard.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => guard.consoleErrors.push(`uncaught: ${err.message}`));
    await use(guard);
    expect(guard.foreignRequests, 'requests that left 127.0.0.1').toEqual([]);
    expect(guard.consoleErrors, 'console errors').toEqual([]);
  }, { auto: true }],

  /** The app opened from the server's URL, with a live connection to the core. */
  app: async ({ page, server }, use, testInfo) => {
    await page.goto(server.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
    await use(page);
    // CI keeps only the printed log: a failed test prints what the core said, so the cause is readable there.
    if (testInfo.status !== testInfo.expectedStatus) console.error(`tidepool server output (last 4000 chars):\n${server.output().slice(-4000)}`);
  },
});

export { expect };

export const SCREENSHOT_DIR = `${ROOT}test-results/screenshots`;
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}
