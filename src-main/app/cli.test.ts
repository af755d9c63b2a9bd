// The `tidepool` CLI as a user runs it, in a child process (source via tsx; serving needs the built
// renderer, which `npm test` builds before vitest runs).
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const root = resolve(import.meta.dirname, '../..');
const cli = ['--import', 'tsx', resolve(root, 'src-main/app/cli.ts')];

function runSync(args: string[]) {
  return spawnSync(process.execPath, [...cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

describe('tidepool CLI', () => {
  it('prints help for the tool and each command', () => {
    const main = runSync(['--help']);
    expect(main.status).toBe(0);
    expect(main.stdout).toMatch(/start/);
    expect(main.stdout).toMatch(/serve/);
    const serve = runSync(['serve', '--help']);
    expect(serve.stdout).toMatch(/--host H/);
    expect(runSync(['help', 'start']).stdout).toMatch(/browser mode/);
  });

  it('rejects unknown commands, unknown options and bad ports with a clear message', () => {
    const a = runSync(['frobnicate']);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/unknown command "frobnicate"/);
    const b = runSync(['serve', '--colour']);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/Unknown option '--colour'/);
    const c = runSync(['serve', '--port', '99999']);
    expect(c.stderr).toMatch(/--port must be a whole number from 0 to 65535/);
  });

  it('serve prints a tokened 127.0.0.1 URL, refuses a tokenless WebSocket, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [...cli, 'serve', '--port', '0'], { cwd: root, env: { ...process.env } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const url = await new Promise<string>((ok, fail) => {
      const t = setTimeout(() => fail(new Error(`no URL printed; stderr: ${err}`)), 20_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /running in browser mode at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (m) { clearTimeout(t); ok(m[1]); }
      });
    });
    const u = new URL(url);
    const status = await new Promise<number>((ok) => {
      const ws = new WebSocket(`ws://127.0.0.1:${u.port}/api`);
      ws.on('unexpected-response', (_q, res) => ok(res.statusCode ?? 0));
      ws.on('open', () => ok(101));
      ws.on('error', () => {});
    });
    expect(status).toBe(401);
    const exit = new Promise<number | null>((ok) => child.on('exit', ok));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('serve on a taken explicit port fails with the reason', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as { port: number }).port;
    const r = spawnSync(process.execPath, [...cli, 'serve', '--port', String(port)], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    blocker.close();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
  });
});
