/** Implements the `throughput.*` domain on the core's ThroughputSampler: the kept history and the live samples. */
import type { EventHandlers, MethodHandlers } from './handlers.js';
import type { ThroughputSampler } from './throughput-sampler.js';

export function createThroughputService(sampler: ThroughputSampler): Pick<MethodHandlers, 'throughput.history'> & Pick<EventHandlers, 'throughput.sample'> {
  return {
    'throughput.history': ({ clusterId }) => sampler.history(clusterId),
    'throughput.sample': ({ clusterId }, emit) => sampler.onSample(clusterId, emit),
  };
}
