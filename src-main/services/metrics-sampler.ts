/** Samples the core process once a second and keeps an hour of history for charts. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricsSample } from '../contract/index.js';

const HISTORY = 3600;

export class MetricsSampler {
  private readonly history: MetricsSample[] = [];
  private readonly listeners = new Set<(s: MetricsSample) => void>();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private lastCpu = process.cpuUsage();
  private lastTime = performance.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 1000) {}

  start(): void {
    if (this.timer) return;
    this.loopDelay.enable();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.loopDelay.disable();
  }

  samples(): MetricsSample[] {
    return [...this.history];
  }

  onSample(fn: (s: MetricsSample) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private sample(): void {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const elapsedUs = (now - this.lastTime) * 1000;
    this.lastCpu = process.cpuUsage();
    this.lastTime = now;
    const mem = process.memoryUsage();
    const s: MetricsSample = {
      time: Date.now(),
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      cpuPercent: elapsedUs > 0 ? Math.round(((cpu.user + cpu.system) / elapsedUs) * 1000) / 10 : 0,
      eventLoopDelayMs: Number.isFinite(this.loopDelay.max) ? Math.round(this.loopDelay.max / 1e4) / 100 : 0,
    };
    this.loopDelay.reset();
    this.history.push(s);
    if (this.history.length > HISTORY) this.history.shift();
    for (const fn of this.listeners) fn(s);
  }
}
