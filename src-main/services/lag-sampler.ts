/**
 * Samples the lag of every consumer group of every connected cluster every few seconds, from app start, so
 * the lag chart has history when it opens. Keeps a bounded history per cluster and pushes each round to the
 * `groups.lag` subscribers of that cluster. A round never overlaps the previous one, and a failing cluster
 * yields a sample carrying the error instead of stopping the sampler.
 */
import type { LagSample, LagSampleGroup } from '../contract/index.js';
import type { KafkaBackend } from '../clients/index.js';
import type { ClusterRegistry } from './cluster-registry.js';
import { ClusterSampler } from './cluster-sampler.js';
import { readGroupLag } from './groups-service.js';

export interface LagSamplerOptions {
  intervalMs?: number;
  /** Samples kept per cluster (default 720: an hour at 5 s). */
  capacity?: number;
}

export class LagSampler extends ClusterSampler<LagSample> {
  constructor(private readonly registry: ClusterRegistry, opts: LagSamplerOptions = {}) {
    super(opts.intervalMs ?? 5000, opts.capacity ?? 720);
  }

  /** After a reset or delete: sample now rather than at the next tick, so the chart shows the change. */
  sampleSoon(_clusterId: string): void {
    if (this.started) void this.tick();
  }

  protected async round(): Promise<void> {
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
