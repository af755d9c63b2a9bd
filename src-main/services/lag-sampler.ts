/**
 * Samples the lag of every consumer group of every connected cluster every few seconds, from app start, so
 * the lag chart has history when it opens. Keeps a bounded history per cluster and pushes each round to the
 * `groups.lag` subscribers of that cluster. A round never overlaps the previous one, and a failing cluster
 * yields a sample carrying the error instead of stopping the sampler.
 */
import type { LagSample, LagSampleGroup } from '../contract/index.js';
import type { KafkaBackend } from '../clients/index.js';
import type { ClusterRegistry } from './cluster-registry.js';
import { readGroupLag } from './groups-service.js';

export interface LagSamplerOptions {
  intervalMs?: number;
  /** Samples kept per cluster (default 720: an hour at 5 s). */
  capacity?: number;
}

export class LagSampler {
  private readonly samples = new Map<string, LagSample[]>();
  private readonly listeners = new Map<string, Set<(s: LagSample) => void>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private readonly intervalMs: number;
  private readonly capacity: number;

  constructor(private readonly registry: ClusterRegistry, opts: LagSamplerOptions = {}) {
    this.intervalMs = opts.intervalMs ?? 5000;
    this.capacity = opts.capacity ?? 720;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.tick(); }, this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  history(clusterId: string): LagSample[] {
    return [...(this.samples.get(clusterId) ?? [])];
  }

  onSample(clusterId: string, fn: (s: LagSample) => void): () => void {
    const set = this.listeners.get(clusterId) ?? new Set();
    this.listeners.set(clusterId, set);
    set.add(fn);
    return () => { set.delete(fn); };
  }

  /** After a reset or delete: sample now rather than at the next tick, so the chart shows the change. */
  sampleSoon(_clusterId: string): void {
    if (this.timer) void this.tick();
  }

  /** One round over every connected cluster; a round already running is joined, not repeated. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => { this.running = null; });
    return this.running;
  }

  private async round(): Promise<void> {
    for (const c of this.registry.list()) {
      if (c.status !== 'connected') continue;
      let sample: LagSample;
      try {
        sample = { clusterId: c.id, time: Date.now(), groups: await sampleCluster(await this.registry.backend(c.id)) };
      } catch (err) {
        sample = { clusterId: c.id, time: Date.now(), groups: [], error: (err as Error).message };
      }
      this.record(sample);
    }
  }

  private record(s: LagSample): void {
    const list = this.samples.get(s.clusterId) ?? [];
    list.push(s);
    if (list.length > this.capacity) list.splice(0, list.length - this.capacity);
    this.samples.set(s.clusterId, list);
    for (const fn of this.listeners.get(s.clusterId) ?? []) fn(s);
  }
}

/** Every group's total and per-partition lag on one cluster. */
export async function sampleCluster(b: KafkaBackend): Promise<LagSampleGroup[]> {
  const out: LagSampleGroup[] = [];
  for (const g of await b.listGroups()) {
    try {
      const lag = await readGroupLag(b, g.groupId);
      out.push({
        groupId: g.groupId, state: g.state, members: g.members, totalLag: lag.totalLag,
        partitions: lag.partitions.map((p) => ({ topic: p.topic, partition: p.partition, lag: p.lag })),
      });
    } catch {
      // A group deleted between list and fetch simply drops out of this round.
    }
  }
  return out;
}
