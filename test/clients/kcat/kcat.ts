/**
 * kcat (librdkafka 2.0.2, Debian) driven by shell commands from the suite: one-shot runs (produce from stdin,
 * consume to EOF as JSON, metadata, offset queries) and long-running balanced-group consumers whose
 * assignments are read from kcat's own rebalance log on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { requireTool, runProgram, type ClientRun } from '../harness.js';

export const checkKcat = (): void => requireTool('kcat', ['-V'], 'apt-get install -y kcat');

export async function kcat(args: string[], input?: string, timeoutMs = 60_000): Promise<ClientRun> {
  return runProgram('kcat', args, { input, timeoutMs });
}

export async function kcatOk(args: string[], input?: string): Promise<ClientRun> {
  const r = await kcat(args, input);
  if (r.code !== 0) throw new Error(`kcat ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-3000)}`);
  return r;
}

export interface KcatMessage { partition: number; offset: number; key: string | null; value: string | null; headers: Record<string, string>; ts: number }

/** kcat's -J envelope as the shared message shape. */
export function parseMessages(stdout: string): KcatMessage[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => {
    const j = JSON.parse(l) as { partition: number; offset: number; key: string | null; payload: string | null; headers?: Record<string, string> | string[]; ts: number };
    // kcat 1.7 prints headers as a flat [name, value, ...] array; newer kcat as an object.
    const headers = Array.isArray(j.headers)
      ? Object.fromEntries(j.headers.flatMap((_, i, a) => (i % 2 === 0 ? [[a[i], a[i + 1]]] : [])))
      : (j.headers ?? {});
    return { partition: j.partition, offset: j.offset, key: j.key, value: j.payload, headers, ts: j.ts };
  });
}

/** Reads the whole topic from the beginning to EOF on every partition. */
export async function consumeAll(bootstrap: string, topic: string, extra: string[] = []): Promise<KcatMessage[]> {
  const r = await kcatOk(['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-J', '-X', 'fetch.message.max.bytes=2000000', ...extra]);
  return parseMessages(r.stdout);
}

/** `kcat -Q` for one partition and timestamp (-2 earliest, -1 latest): the offset it printed. */
export async function queryOffset(bootstrap: string, topic: string, partition: number, ts: number): Promise<number> {
  const r = await kcatOk(['-Q', '-b', bootstrap, '-t', `${topic}:${partition}:${ts}`]);
  const m = /\[\s*\d+\s*\]\s+offset\s+(-?\d+)/.exec(r.stdout);
  if (!m) throw new Error(`kcat -Q printed no offset:\n${r.stdout}\n${r.stderr}`);
  return Number(m[1]);
}

/** A long-running `kcat -G` balanced consumer. */
export class GroupConsumer {
  private readonly child: ChildProcess;
  private out = '';
  private err = '';
  readonly exited: Promise<number | null>;

  constructor(bootstrap: string, group: string, topic: string, exitAtEnd = false) {
    // -u: stdout to a pipe is block-buffered otherwise, and the last messages would wait for kcat's exit.
    this.child = spawn('kcat', ['-b', bootstrap, '-G', group, '-J', '-u', ...(exitAtEnd ? ['-e'] : []),
      '-X', 'auto.commit.interval.ms=100', '-X', 'session.timeout.ms=10000', '-X', 'heartbeat.interval.ms=500',
      '-X', 'auto.offset.reset=earliest', topic], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (c: Buffer) => { this.out += c.toString(); });
    this.child.stderr!.on('data', (c: Buffer) => { this.err += c.toString(); });
    this.exited = new Promise((done) => this.child.on('close', (code) => done(code)));
  }

  messages(): KcatMessage[] { return parseMessages(this.out.slice(0, this.out.lastIndexOf('\n') + 1)); }

  /** Partitions of the latest "rebalanced ... assigned:" line kcat logged, or [] after a revoke. */
  assignment(): number[] {
    const lines = this.err.split('\n').filter((l) => /rebalanced/.test(l));
    const last = lines.at(-1) ?? '';
    if (!/assigned:/.test(last)) return [];
    return [...last.split('assigned:')[1].matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  }

  /** Partitions kcat reported "Reached end of topic T [p] at offset N" for since its latest assignment. */
  endsSinceAssignment(): Map<number, number> {
    const since = this.err.slice(this.err.lastIndexOf('assigned:'));
    return new Map([...since.matchAll(/Reached end of topic \S+ \[(\d+)\] at offset (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
  }

  /** True when every partition of the current assignment was read to `high` (partition -> end offset). */
  caughtUp(high: Map<number, number>): boolean {
    const ends = this.endsSinceAssignment();
    return this.assignment().every((p) => (ends.get(p) ?? -1) >= (high.get(p) ?? 0));
  }

  log(): string { return this.err; }

  /** SIGTERM: kcat closes the consumer (final commit, LeaveGroup) and exits. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}
