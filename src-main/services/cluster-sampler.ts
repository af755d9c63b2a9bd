/**
 * The loop both core samplers share (lag-sampler.ts, throughput-sampler.ts): a timer from `start()` (unref'd, so
 * it never keeps the process alive), rounds that never overlap (a tick during a round joins it), `stop()` waiting
 * for the round in flight, and per cluster a bounded history plus the live listeners each recorded sample is
 * pushed to. Subclasses say only what one round reads.
 */
export abstract class ClusterSampler<S extends { clusterId: string }> {
  private readonly samples = new Map<string, S[]>();
  private readonly listeners = new Map<string, Set<(s: S) => void>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  protected constructor(private readonly intervalMs: number, private readonly capacity: number) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.tick(); }, this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops the timer and waits for a round in flight, so nothing runs after the app or test closes. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  protected get started(): boolean {
    return this.timer !== undefined;
  }

  history(clusterId: string): S[] {
    return [...(this.samples.get(clusterId) ?? [])];
  }

  onSample(clusterId: string, fn: (s: S) => void): () => void {
    const set = this.listeners.get(clusterId) ?? new Set();
    this.listeners.set(clusterId, set);
    set.add(fn);
    return () => { set.delete(fn); };
  }

  /** One round over every connected cluster; a round already running is joined, not repeated. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => { this.running = null; });
    return this.running;
  }

  protected abstract round(): Promise<void>;

  protected record(s: S): void {
    const list = this.samples.get(s.clusterId) ?? [];
    list.push(s);
    if (list.length > this.capacity) list.splice(0, list.length - this.capacity);
    this.samples.set(s.clusterId, list);
    for (const fn of this.listeners.get(s.clusterId) ?? []) fn(s);
  }
}
