/**
 * Harness of the real-client integration suite: starts a real Tidepool broker as its own process
 * (`tidepool cluster --port 0 --data-dir <temp>`, run from source with tsx so no build is needed; see
 * brokerLauncher for the fallback while that command has not landed), restarts it
 * on the same port and data dir, runs client programs and parses their JSON-lines output. A separate process
 * keeps the broker's sockets and memory apart from the vitest worker and makes "restart" a real stop/start.
 * Missing client tools fail loudly with the install command (CI installs them; nothing is skipped).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLIENTS_DIR = join(ROOT, 'test/clients');

/** Broker settings every suite uses: no initial rebalance delay, so group tests do not wait 3 s per join. */
export const TEST_BROKER_CONFIG: Record<string, string> = { 'group.initial.rebalance.delay.ms': '0' };

/**
 * How this tree starts a broker: the `tidepool cluster` command once it exists (the production assembly),
 * else test/clients/broker-process.ts over src-main/broker directly, else none (the broker has not landed).
 */
export function brokerLauncher(): string[] | null {
  if (existsSync(join(ROOT, 'src-main/app/cluster-command.ts'))) return [join(ROOT, 'src-main/app/cli.ts'), 'cluster'];
  if (existsSync(join(ROOT, 'src-main/broker/index.ts'))) return [join(CLIENTS_DIR, 'broker-process.ts')];
  return null;
}

export function brokerCommandAvailable(): boolean {
  return brokerLauncher() !== null;
}

export interface Broker {
  readonly bootstrap: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the broker printed, for failure messages. */
  output(): string;
  /** Stops the broker with SIGTERM (clean shutdown) and starts it again on the same port and data dir. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface Running { child: ChildProcess; bootstrap: string; port: number; log: string[] }

function launch(dataDir: string, port: number, config: Record<string, string>): Promise<Running> {
  const args = ['--import', 'tsx', ...brokerLauncher()!, '--port', String(port), '--data-dir', dataDir];
  for (const [k, v] of Object.entries(config)) args.push('--config', `${k}=${v}`);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`broker did not print its bootstrap address within 30 s:\n${log.join('')}`)); }, 30_000);
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      const m = /(?:^|[\s=])((?:127\.0\.0\.1|localhost|\[::1\]|\d+\.\d+\.\d+\.\d+):(\d+))\b/m.exec(log.join(''));
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, bootstrap: m[1], port: Number(m[2]), log });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`broker exited (code ${code}, signal ${signal}) before serving:\n${log.join('')}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(kill); done(); });
    child.kill('SIGTERM');
  });
}

/** Starts one broker with a fresh temp data dir, on `listenPort` (default: an ephemeral port). */
export async function startBroker(config: Record<string, string> = {}, listenPort = 0): Promise<Broker> {
  if (!brokerCommandAvailable()) throw new Error('no broker in this tree yet (src-main/app/cluster-command.ts or src-main/broker/index.ts)');
  const dataDir = mkdtempSync(join(tmpdir(), 'tidepool-clients-'));
  const settings = { ...TEST_BROKER_CONFIG, ...config };
  let run = await launch(dataDir, listenPort, settings);
  return {
    get bootstrap() { return run.bootstrap; },
    get port() { return run.port; },
    dataDir,
    output: () => run.log.join(''),
    async restart() {
      await stopChild(run.child);
      run = await launch(dataDir, listenPort || run.port, settings);
    },
    async stop() {
      await stopChild(run.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port that was free a moment ago (for a broker that must listen somewhere other than it advertises). */
export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Throws a clear "install X" error when a tool is missing (never skip: CI must install every client). */
export function requireTool(command: string, args: string[], install: string, cwd = CLIENTS_DIR): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`client tool missing: \`${command} ${args.join(' ')}\` failed (${r.error?.message ?? r.stderr.trim()}). Install it: ${install}`);
  }
}

export interface ClientEvent { event: string; [field: string]: unknown }
export interface ClientRun { code: number | null; events: ClientEvent[]; stdout: string; stderr: string }

/** Runs a program to completion (bounded by timeoutMs) and parses the JSON lines it printed. */
export function runProgram(command: string, args: string[], options: { timeoutMs?: number; input?: string; env?: Record<string, string> } = {}): Promise<ClientRun> {
  const child = spawn(command, args, { cwd: CLIENTS_DIR, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.end(options.input ?? '');
  return new Promise((done, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, options.timeoutMs ?? 60_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString();
      const events = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as ClientEvent);
      done({ code, events, stdout, stderr: Buffer.concat(err).toString() });
    });
  });
}

/** The events named `name`; `one` additionally requires exactly one. */
export function eventsOf(run: ClientRun, name: string): ClientEvent[] {
  return run.events.filter((e) => e.event === name);
}

export function oneEvent(run: ClientRun, name: string): ClientEvent {
  const found = eventsOf(run, name);
  if (found.length !== 1) throw new Error(`expected one "${name}" event, got ${found.length}\n${describeRun(run)}`);
  return found[0];
}

export function describeRun(run: ClientRun): string {
  const errors = eventsOf(run, 'error').map((e) => String(e.message));
  return `exit ${run.code}; errors: ${errors.join(' | ') || 'none'}\nstderr (tail):\n${run.stderr.slice(-3000)}`;
}

/** Throws with the client's own error and stderr unless it exited 0 and printed "done". */
export function expectSuccess(run: ClientRun): ClientRun {
  if (run.code !== 0 || !run.events.some((e) => e.event === 'done')) throw new Error(`client failed: ${describeRun(run)}`);
  return run;
}

let seq = 0;
/** A topic name unique to this process and call. */
export function uniqueName(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${seq}`;
}
