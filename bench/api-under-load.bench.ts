// The app's API while the embedded broker is loaded: one process runs the app core (createCore with the
// embedded local cluster, as `tidepool start` does) and the browser-mode server; kcat (other processes)
// produces and consumes 100-byte records against that broker as fast as it can, and meanwhile a WsClient
// times `system.ping` round trips over the real WebSocket transport. The same pings with no load first,
// for comparison. Target (issue 7): p99 <= 50 ms under load.
// BENCH_SECONDS sets the loaded phase (default 15 s); BENCH_FETCH_DEFAULTS=1 leaves the consumer at
// librdkafka's default fetch sizes instead of 50 MB / 10 MB per partition. BENCH_BROKER picks where the
// broker runs: `worker` (default: what the app does, the cluster in a worker thread via ClusterHost),
// `inline` (a LocalCluster on the app's own event loop, as before the worker), `child` (its own process,
// bench/broker-child.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createCore } from '../src-main/app/compose.js';
import { LocalCluster } from '../src-main/cluster/index.js';
import { TOKEN_PARAM, WS_PATH } from '../src-main/contract/index.js';
import { WsClient } from '../src-main/contract/ws-client.js';
import { LOCAL_CLUSTER_ID } from '../src-main/services/index.js';
import { startBrowserServer } from '../src-main/transports/ws/browser-server.js';

const KCAT = '/usr/bin/kcat';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const IDLE_SECONDS = 4;
const BATCH_RECORDS = 500_000;
/** Pause between two pings: about 100 round trips a second, like a busy UI, not a flood. */
const PING_GAP_MS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function pingFor(client: WsClient, seconds: number): Promise<number[]> {
  const out: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    await client.call('system.ping', { echo: 'x' });
    out.push(performance.now() - t0);
    await sleep(PING_GAP_MS);
  }
  return out.sort((a, b) => a - b);
}

/** Runs kcat again and again until `stop()`; counts the records it finished. */
function loop(args: string[], perRun: number): { stop(): Promise<number> } {
  let stopped = false;
  let done = 0;
  let current: ChildProcess | undefined;
  const finished = (async () => {
    while (!stopped) {
      current = spawn(KCAT, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      const code = await new Promise<number | null>((r) => current!.once('exit', r));
      if (code === 0) done += perRun;
      else if (!stopped) throw new Error(`kcat ${args.join(' ')} exited ${code}`);
    }
  })();
  return { async stop() { stopped = true; current?.kill('SIGTERM'); await finished; return done; } };
}

async function main(): Promise<void> {
  if (!existsSync(KCAT)) { console.error(`${KCAT} is missing: install kcat to run this benchmark`); process.exit(1); }
  const work = mkdtempSync(join(tmpdir(), 'tidepool-bench-api-'));
  process.env.TIDEPOOL_HOME = join(work, 'home'); // the embedded cluster's data dir lives here
  const renderer = join(work, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>bench</title>');
  const records = join(work, 'records.txt');
  writeFileSync(records, `${'r'.repeat(100)}\n`.repeat(BATCH_RECORDS));

  const mode = process.env.BENCH_BROKER ?? 'worker';
  if (!['worker', 'inline', 'child'].includes(mode)) throw new Error(`BENCH_BROKER must be worker, inline or child, not ${mode}`);
  const inChild = mode === 'child';
  const core = createCore({ appRoot: join(import.meta.dirname, '..'), embeddedCluster: mode === 'worker', clusters: { configDir: join(work, 'home') } });
  const server = await startBrowserServer({ host: '127.0.0.1', port: 0, rendererDir: renderer, dispatcher: core.dispatcher });
  let bootstrap: string | undefined;
  let child: ChildProcess | undefined;
  let inline: LocalCluster | undefined;
  if (mode === 'inline') {
    inline = await LocalCluster.start({ dataDir: join(work, 'inline-data'), port: 0, logger: { info: () => {}, warn: (m) => console.warn(m) } });
    bootstrap = inline.bootstrap;
  }
  if (inChild) {
    mkdirSync(join(work, 'child-data'));
    child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'broker-child.ts'), join(work, 'child-data')], { stdio: ['ignore', 'pipe', 'inherit'] });
    bootstrap = await new Promise<string>((resolve) => {
      let out = '';
      child!.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /PORT (\d+)/.exec(out); if (m) resolve(`127.0.0.1:${m[1]}`); });
    });
  }
  for (let i = 0; i < 200 && bootstrap === undefined; i++) {
    bootstrap = core.clusters.list().find((c) => c.id === LOCAL_CLUSTER_ID)?.bootstrap;
    if (bootstrap === undefined) await sleep(50);
  }
  if (bootstrap === undefined) throw new Error('the embedded cluster did not register');
  const client = new WsClient({ url: `ws://127.0.0.1:${server.port}${WS_PATH}?${TOKEN_PARAM}=${server.token}`, WebSocket: WebSocket as never, reconnectMs: 0 });
  try {
    await pingFor(client, 0.5); // warm-up: connection, JIT
    const idle = await pingFor(client, IDLE_SECONDS);

    const topic = 'api-load';
    const produce = loop(['-b', bootstrap, '-P', '-t', topic, '-p', '0', '-l', records, '-X', 'acks=1', '-X', 'linger.ms=5',
      '-X', 'batch.num.messages=10000', '-X', 'queue.buffering.max.messages=2000000', '-X', 'queue.buffering.max.kbytes=2097151'], BATCH_RECORDS);
    await sleep(1500); // auto-creates the topic; the consumer starts once it exists
    const consume = loop(['-b', bootstrap, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q',
      ...(process.env.BENCH_FETCH_DEFAULTS ? [] : ['-X', 'fetch.max.bytes=52428800', '-X', 'fetch.message.max.bytes=10485760'])], 0);
    const t0 = performance.now();
    const loaded = await pingFor(client, SECONDS);
    const loadedMs = performance.now() - t0;
    const produced = await produce.stop();
    await consume.stop();

    const row = (name: string, s: number[]) =>
      `| ${name} | ${s.length} | ${pct(s, 50).toFixed(2)} | ${pct(s, 99).toFixed(2)} | ${s[s.length - 1].toFixed(2)} |`;
    console.log(`API round trip (system.ping over WebSocket) with the broker ${({ worker: 'in a worker thread (the app)', inline: "on the app's event loop", child: 'in its own process' } as Record<string, string>)[mode]} idle and loaded by kcat (${SECONDS} s)`);
    console.log('| phase | pings | p50 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(row('broker idle', idle));
    console.log(row('broker loaded (kcat produce + consume)', loaded));
    const rate = produced / ((loadedMs + 1500) / 1000);
    console.log(`machine load average (1/5/15 min): ${loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
    console.log(`load: kcat produced ${produced.toLocaleString()} records in finished runs (~${Math.round(rate).toLocaleString()} records/s, 100-byte records, acks=1), a second kcat consumed from the beginning in a loop`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/api-under-load.json', JSON.stringify({
      seconds: SECONDS, pingGapMs: PING_GAP_MS, broker: mode, loadAverage: loadavg(),
      idle: { pings: idle.length, p50: pct(idle, 50), p99: pct(idle, 99), max: idle[idle.length - 1] },
      loaded: { pings: loaded.length, p50: pct(loaded, 50), p99: pct(loaded, 99), max: loaded[loaded.length - 1] },
      producedRecords: produced,
    }, null, 2));
  } finally {
    client.close();
    await inline?.stop();
    if (child) { child.kill('SIGTERM'); await new Promise((r) => child!.once('exit', r)); }
    await server.close();
    await core.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
