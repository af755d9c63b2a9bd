/**
 * The core's resource samples for the Overview chart: seeded from `system.metricsHistory`, then fed by
 * the live `system.metrics` stream, held in a bounded ring buffer (see chart-data.ts).
 */
import { create } from 'zustand';
import type { MetricsSample, TidepoolApi } from '../../../../src-main/contract/index.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { mergeSamples } from './chart-data.js';

export interface MetricsState {
  samples: MetricsSample[];
  error: CoreError | undefined;
  addSamples(samples: readonly MetricsSample[]): void;
  setError(err: CoreError | undefined): void;
  clear(): void;
}

export const useMetricsStore = create<MetricsState>()((set, get) => ({
  samples: [],
  error: undefined,
  addSamples: (incoming) => set({ samples: mergeSamples(get().samples, incoming) }),
  setError: (error) => set({ error }),
  clear: () => set({ samples: [], error: undefined }),
}));

/**
 * Subscribes first, then loads history, so no sample falls in the gap between the two; the merge
 * drops the overlap. Returns the unsubscribe.
 */
export function streamMetrics(api: TidepoolApi): () => void {
  const store = useMetricsStore.getState();
  let live = true;
  const unsub = api.subscribe('system.metrics', {}, (sample) => { if (live) useMetricsStore.getState().addSamples([sample]); },
    (err) => { if (live) store.setError(toCoreError(err)); });
  api.call('system.metricsHistory', {}).then(
    (history) => { if (live) { useMetricsStore.getState().addSamples(history); useMetricsStore.getState().setError(undefined); } },
    (err: unknown) => { if (live) useMetricsStore.getState().setError(toCoreError(err)); },
  );
  return () => { live = false; unsub(); };
}

export const selectSamples = (s: MetricsState) => s.samples;
