// The message browser with 100,000 records, measured in Chromium through the real app: `tidepool start --browser`
// (embedded cluster), 100,000 JSON records with a header produced by kafkajs into a 3-partition topic, Debian's
// Chromium driven by Playwright at 1280x800. "Load" = from clicking Load (Beginning, max results 100,000) to the
// virtualized table in the DOM with data-count=100000, plus one frame: it includes messages.browse in the core
// (Fetch of every record, sort) and the WebSocket transfer and decoding of the wire JSON, so it is an upper bound of
// the render. "Scroll" = 120 mouse-wheel steps of 1,200 px then 20 scrollTop jumps to random rows; a `longtask`
// PerformanceObserver counts tasks > 50 ms and requestAnimationFrame deltas give the frame gaps.
// Needs a build (`npx electron-vite build`). Writes bench-results/ui-messages.json. UI_MESSAGES=N changes the count.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';

const MESSAGES = Number(process.env.UI_MESSAGES ?? 100_000);
const TOPIC = 'bench-messages';
if (!existsSync('out/renderer/index.html')) { console.error('Build first: npx electron-vite build'); process.exit(1); }

const home = mkdtempSync(join(tmpdir(), 'tidepool-bench-ui-msg-'));
const child = spawn(process.execPath, ['bin/tidepool.js', 'start', '--browser', '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TIDEPOOL_HOME: home },
});
let out = '';
const ready = await new Promise<{ url: string; bootstrap: string }>((resolve, reject) => {
  const t = setTimeout(() => reject(new Error(`no URL within 30 s:\n${out}`)), 30_000);
  const on = (c: Buffer) => {
    out += c.toString();
    const u = /browser mode at (\S+)/.exec(out);
    const b = /bootstrap\.servers=(\S+)/.exec(out);
    if (u && b) { clearTimeout(t); resolve({ url: u[1]!, bootstrap: b[1]! }); }
  };
  child.stdout.on('data', on);
  child.stderr.on('data', on);
});

const round = (x: number) => Math.round(x * 10) / 10;
type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };
/** Renderer main-thread tasks of a trace: wall time (dur) and thread CPU time (tdur), in ms. */
function mainTasks(buf: Buffer): { wall: number[]; cpu: number[] } {
  const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
  return { wall: tasks.map((e) => (e.dur ?? 0) / 1000), cpu: tasks.map((e) => (e.tdur ?? 0) / 1000) };
}
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
type CpuProfile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
function topSelfTime(profile: CpuProfile): void {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const n of profile.nodes) {
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    byName.set(k, (byName.get(k) ?? 0) + (self.get(n.id) ?? 0) / 1000);
  }
  console.table([...byName].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([fn, ms]) => ({ fn, ms: round(ms) })));
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
child.once('exit', (code) => { if (code !== 0 && code !== null) console.error(`tidepool exited ${code}:\n${out.slice(-2000)}`); });
try {
  const kafka = new Kafka({ brokers: [ready.bootstrap], logLevel: logLevel.NOTHING, requestTimeout: 60_000 });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const p0 = performance.now();
  for (let i = 0; i < MESSAGES; i += 2000) {
    const n = Math.min(2000, MESSAGES - i);
    await producer.send({
      topic: TOPIC,
      messages: Array.from({ length: n }, (_, k) => ({
        key: `order-${i + k}`, partition: (i + k) % 3, headers: { source: 'bench' },
        value: JSON.stringify({ id: i + k, customer: `c-${(i + k) % 977}`, amount: ((i + k) % 1000) / 10, note: 'x'.repeat(40) }),
      })),
    });
  }
  await producer.disconnect();
  console.log(`produced ${MESSAGES} records in ${Math.round(performance.now() - p0)} ms`);

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${ready.url}#/topics`);
  await page.getByLabel('Search topics').fill(TOPIC);
  await page.getByTestId(`topic-row-${TOPIC}`).click();
  await page.getByRole('tab', { name: 'Messages' }).click();
  await page.getByTestId('message-table').waitFor({ timeout: 30_000 });
  await page.getByTestId('seek-mode').selectOption('beginning');
  await page.getByTestId('max-results').fill(String(MESSAGES));
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: { at: number; ms: number }[] };
    w.longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.longTasks.push({ at: e.startTime, ms: e.duration }); }).observe({ type: 'longtask' });
  });

  // BENCH_PROFILE=load: the same for the loads.
  const loadCdp = process.env.BENCH_PROFILE === 'load' ? await page.context().newCDPSession(page) : null;
  if (loadCdp) { await loadCdp.send('Profiler.enable'); await loadCdp.send('Profiler.start'); }
  const loads: number[] = [];
  let loadLongTasks: number[] = [];
  let loadTrace = { wall: [0], cpu: [0] };
  for (let run = 0; run < 3; run++) {
    if (run === 2) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const t = await page.evaluate((n) => new Promise<{ ms: number; start: number; end: number }>((resolve) => {
      const t0 = performance.now();
      const mo = new MutationObserver(() => {
        if (document.querySelector(`[data-testid="message-table"][data-count="${n}"]`) !== null && document.querySelector('[data-testid="load-messages"]:not([disabled])') !== null) {
          mo.disconnect();
          requestAnimationFrame(() => { const t1 = performance.now(); resolve({ ms: t1 - t0, start: t0, end: t1 }); });
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
      (document.querySelector('[data-testid="load-messages"]') as HTMLButtonElement).click();
    }), MESSAGES);
    loads.push(t.ms);
    if (run === 2) loadTrace = mainTasks(await browser.stopTracing());
    loadLongTasks = await page.evaluate((w0) => (window as unknown as { longTasks: { at: number; ms: number }[] }).longTasks
      .filter((x) => x.at >= w0.start && x.at <= w0.end).map((x) => x.ms), t);
    // Another Load of the same data: reset rows in between so each run renders 100,000 rows anew.
    if (run < 2) {
      await page.getByTestId('max-results').fill('1');
      await page.getByTestId('load-messages').click();
      await page.locator('[data-testid="message-table"][data-count="1"]').waitFor();
      await page.getByTestId('max-results').fill(String(MESSAGES));
    }
  }

  if (loadCdp) topSelfTime((await loadCdp.send('Profiler.stop') as { profile: CpuProfile }).profile);

  // Baseline: 3 s of doing nothing, to see the long tasks the shared machine causes on its own.
  const idleStart = await page.evaluate(() => performance.now());
  await page.waitForTimeout(3000);
  const idleLong = await page.evaluate((t0) => (window as unknown as { longTasks: { at: number; ms: number }[] }).longTasks
    .filter((x) => x.at >= t0).map((x) => x.ms), idleStart);

  // Scroll: wheel steps, then random jumps; long tasks and frame gaps during it.
  const box = await page.getByTestId('message-scroll').boundingBox();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  // A string, not a function: tsx would wrap a named inner function in a __name() helper the page lacks.
  await page.evaluate(`(() => {
    const w = window;
    w.frames = []; w.scrolling = true; w.scrollStart = performance.now();
    let last = performance.now();
    const tick = (now) => { w.frames.push(now - last); last = now; if (w.scrolling) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  // BENCH_PROFILE=scroll: a CPU profile of the scroll phase, top self-time functions printed (for diagnosis).
  const cdp = process.env.BENCH_PROFILE === 'scroll' ? await page.context().newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
  // A Chromium trace of the scroll: each main-thread task's wall time (dur) and its thread CPU time (tdur). On a
  // shared, overloaded machine a task can be long in wall time only because the OS ran other processes.
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  for (let i = 0; i < 120; i++) {
    await page.mouse.wheel(0, 1200);
    await page.waitForTimeout(16);
  }
  for (let i = 0; i < 20; i++) {
    await page.evaluate((f) => { const el = document.querySelector('[data-testid="message-scroll"]')!; el.scrollTop = f * el.scrollHeight; }, (i * 7919 % 100) / 100);
    await page.waitForTimeout(50);
  }
  const { wall, cpu } = mainTasks(await browser.stopTracing());
  if (cdp) topSelfTime((await cdp.send('Profiler.stop') as { profile: CpuProfile }).profile);
  const scroll = await page.evaluate(() => {
    const w = window as unknown as { frames: number[]; scrolling: boolean; scrollStart: number; longTasks: { at: number; ms: number }[] };
    w.scrolling = false;
    return { frames: w.frames.slice(1), longTasks: w.longTasks.filter((x) => x.at >= w.scrollStart).map((x) => x.ms) };
  });
  const rowsInDom = await page.getByTestId('message-row').count();

  const rows = [
    { case: `load ${MESSAGES} records (browse + transfer + render)`, runs: loads.length, medianMs: pct(loads, 0.5), maxMs: Math.max(...loads), target: 'measured (no target)' },
    { case: 'long tasks during the last load: count / longest', runs: 1, medianMs: loadLongTasks.length, maxMs: loadLongTasks.length ? Math.max(...loadLongTasks) : 0, target: 'reported' },
    { case: 'last load, longest main-thread task: wall / CPU time', runs: 1, medianMs: Math.max(...loadTrace.wall), maxMs: Math.max(...loadTrace.cpu), target: 'reported' },
    { case: 'long tasks while idle for 3 s (machine noise baseline)', runs: 1, medianMs: idleLong.length, maxMs: idleLong.length ? Math.max(...idleLong) : 0, target: '-' },
    { case: 'scroll frame gap (rAF delta), p50 / max', runs: scroll.frames.length, medianMs: pct(scroll.frames, 0.5), maxMs: Math.max(...scroll.frames), target: '-' },
    { case: 'long tasks (> 50 ms) while scrolling: count / longest', runs: 140, medianMs: scroll.longTasks.length, maxMs: scroll.longTasks.length ? Math.max(...scroll.longTasks) : 0, target: '0 over 50 ms' },
    { case: 'main-thread tasks while scrolling, wall time: count > 50 ms / longest', runs: wall.length, medianMs: wall.filter((x) => x > 50).length, maxMs: Math.max(0, ...wall), target: '0 over 50 ms' },
    { case: 'main-thread tasks while scrolling, CPU time: count > 50 ms / longest', runs: cpu.length, medianMs: cpu.filter((x) => x > 50).length, maxMs: Math.max(0, ...cpu), target: '0 over 50 ms' },
  ].map((r) => ({ ...r, medianMs: round(r.medianMs), maxMs: round(r.maxMs) }));
  console.table(rows);
  console.log(`rows in the DOM after scrolling: ${rowsInDom}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/ui-messages.json', JSON.stringify({ messages: MESSAGES, rowsInDom, rows }, null, 2));
} finally {
  await browser.close();
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(home, { recursive: true, force: true });
}
