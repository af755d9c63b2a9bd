/** Implements the `system.*` domain of the contract. */
import type { MethodHandlers, EventHandlers } from './handlers.js';
import type { MetricsSampler } from './metrics-sampler.js';

export interface SystemServiceOptions {
  version: string;
  sampler: MetricsSampler;
}

type SystemMethods = Pick<MethodHandlers, 'system.info' | 'system.ping' | 'system.metricsHistory'>;
type SystemEvents = Pick<EventHandlers, 'system.metrics'>;

export function createSystemService({ version, sampler }: SystemServiceOptions): SystemMethods & SystemEvents {
  const startedAt = Date.now();
  const hrStartNs = process.hrtime.bigint();
  return {
    'system.info': (_input, ctx) => ({
      app: 'Tidepool',
      version,
      transport: ctx.transport,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      platform: process.platform,
      arch: process.arch,
      pid: process.pid,
      startedAt,
      uptimeMs: Date.now() - startedAt,
      hrStartNs,
    }),
    'system.ping': (input) => ({ echo: input.echo, at: Date.now() }),
    'system.metricsHistory': () => sampler.samples(),
    'system.metrics': (_input, emit) => sampler.onSample(emit),
  };
}
