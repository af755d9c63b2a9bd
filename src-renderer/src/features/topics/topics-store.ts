/**
 * Which topic the Topics section shows in detail (null = the list), the list's search text, and the last
 * topic list per cluster: shown at once when the list is opened again while a fresh one is fetched, so a
 * return to a 10,000-topic list is a render, not a Metadata round trip.
 */
import { create } from 'zustand';
import type { TopicRow } from '../../../../src-main/contract/index.js';

export interface TopicsStoreState {
  selected: string | null;
  query: string;
  lastList: Record<string, readonly TopicRow[]>;
  open(name: string | null): void;
  setQuery(q: string): void;
  remember(clusterId: string, rows: readonly TopicRow[]): void;
}

export const useTopicsStore = create<TopicsStoreState>()((set) => ({
  selected: null,
  query: '',
  open: (selected) => set({ selected }),
  setQuery: (query) => set({ query }),
  lastList: {},
  remember: (clusterId, rows) => set((s) => ({ lastList: { ...s.lastList, [clusterId]: rows } })),
}));
