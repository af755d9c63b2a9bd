/**
 * Lag samples of the active cluster for the groups screens: seeded from `groups.lagHistory`, then fed by the
 * live `groups.lag` subscription. Subscribes first and loads history second so no sample falls in the gap.
 */
import { create } from 'zustand';
import type { LagSample, TidepoolApi } from '../../../../src-main/contract/index.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { mergeLagSamples } from './lag-data.js';

export interface LagState {
  clusterId: string | null;
  samples: LagSample[];
  error: CoreError | undefined;
  reset(clusterId: string | null): void;
  add(clusterId: string, samples: readonly LagSample[]): void;
  setError(err: CoreError | undefined): void;
}

export const useLagStore = create<LagState>()((set, get) => ({
  clusterId: null,
  samples: [],
  error: undefined,
  reset: (clusterId) => set({ clusterId, samples: [], error: undefined }),
  add: (clusterId, incoming) => {
    // A late answer for a cluster the user already switched away from is dropped.
    if (get().clusterId !== clusterId) return;
    set({ samples: mergeLagSamples(get().samples, incoming) });
  },
  setError: (error) => set({ error }),
}));

export function streamLag(api: TidepoolApi, clusterId: string): () => void {
  const store = useLagStore.getState();
  if (store.clusterId !== clusterId) store.reset(clusterId);
  let live = true;
  const unsub = api.subscribe('groups.lag', { clusterId }, (s) => { if (live) useLagStore.getState().add(clusterId, [s]); },
    (err) => { if (live) useLagStore.getState().setError(toCoreError(err)); });
  api.call('groups.lagHistory', { clusterId }).then(
    (h) => { if (live) { useLagStore.getState().add(clusterId, h); useLagStore.getState().setError(undefined); } },
    (err: unknown) => { if (live) useLagStore.getState().setError(toCoreError(err)); },
  );
  return () => { live = false; unsub(); };
}
