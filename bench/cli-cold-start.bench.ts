// Cold start of the built CLI (issue 7: `tidepool cluster` <= 150 ms): spawn -> the line that says the
// cluster listens, for `tidepool cluster --port 0` (headless, in-process cluster) and `tidepool start
// --browser --port 0` (the app core, the browser server and the cluster in its worker thread), next to a
// bare `node -e` as the floor Node itself sets on this machine. Runs are interleaved (one of each per round)
// so machine load hits all three alike. Besides wall time it reads the process's CPU time (user+sys of all
// its threads, /proc/<pid>/stat, 10 ms ticks) at the moment the line appears: wall time on a shared 2-core
// machine is mostly waiting for a core, CPU time is what the start itself costs.
// Each case keeps one data dir (and TIDEPOOL_HOME) across its runs, as a user's default dir is, after one
// uncounted warm-up round (the first start on a fresh dir also writes and fsyncs the new cluster id);
// BENCH_FRESH=1 gives every run a fresh dir instead. Needs the build (`npm run build`). BENCH_RUNS sets the
// rounds (default 11).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'tidepool.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Sample { wallMs: number; cpuMs: number }

function cpuMsOf(pid: number): number {
  // Fields after the ")" of the command name: state is #3, utime #14, stime #15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

function timeUntil(args: string[], ready: RegExp, home: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, TIDEPOOL_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    const onData = (d: Buffer) => {
      out += d.toString();
      if (done || !ready.test(out)) return;
      done = true;
      const wallMs = performance.now() - t0;
      let cpuMs = Number.NaN;
      try { cpuMs = cpuMsOf(child.pid!); } catch { /* exited already */ }
      child.kill('SIGTERM');
      child.once('exit', () => resolve({ wallMs, cpuMs }));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { if (!done) reject(new Error(`${args.join(' ')} exited ${code} before ready:\n${out}`)); });
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) { console.error('out/main/cli.js is missing: run `npm run build` first'); process.exit(1); }
  const work = mkdtempSync(join(tmpdir(), 'tidepool-bench-cold-'));
  const cases: { name: string; args: (dir: string) => string[]; ready: RegExp }[] = [
    { name: 'node -e (floor)', args: () => ['-e', 'console.log("ready")'], ready: /ready/ },
    { name: 'tidepool cluster --port 0', args: (dir) => [BIN, 'cluster', '--port', '0', '--data-dir', dir], ready: /bootstrap\.servers=/ },
    { name: 'tidepool start --browser --port 0', args: () => [BIN, 'start', '--browser', '--port', '0'], ready: /Local cluster: bootstrap\.servers=/ },
  ];
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
  const fresh = process.env.BENCH_FRESH === '1';
  const kept = new Map(cases.map((c) => [c.name, mkdtempSync(join(work, 'kept-'))]));
  const loadBefore = loadavg();
  try {
    for (let i = -1; i < RUNS; i++) {
      for (const c of cases) {
        const dir = fresh ? mkdtempSync(join(work, 'run-')) : kept.get(c.name)!;
        const s = await timeUntil(c.args(join(dir, 'data')), c.ready, dir);
        if (i >= 0) samples.get(c.name)!.push(s); // round -1 warms up (and initialises the kept dirs)
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const loadAfter = loadavg();
  console.log(`Cold start, spawn -> ready line, ${RUNS} interleaved rounds, ${fresh ? 'a fresh data dir each run' : 'existing data dirs'} (load average before ${loadBefore[0].toFixed(1)}, after ${loadAfter[0].toFixed(1)})`);
  console.log('| process | wall p50 ms | wall p95 ms | wall min ms | CPU p50 ms | CPU p95 ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const result: Record<string, unknown> = { runs: RUNS, freshDataDirs: fresh, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter };
  for (const [name, s] of samples) {
    const wall = s.map((x) => x.wallMs);
    const cpu = s.map((x) => x.cpuMs).filter((x) => !Number.isNaN(x));
    console.log(`| ${name} | ${pct(wall, 50).toFixed(0)} | ${pct(wall, 95).toFixed(0)} | ${Math.min(...wall).toFixed(0)} | ${pct(cpu, 50)} | ${pct(cpu, 95)} |`);
    result[name] = { wallP50: pct(wall, 50), wallP95: pct(wall, 95), wallMin: Math.min(...wall), cpuP50: pct(cpu, 50), cpuP95: pct(cpu, 95), wall, cpu };
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/cli-cold-start.json', JSON.stringify(result, null, 2));
}

await main();
