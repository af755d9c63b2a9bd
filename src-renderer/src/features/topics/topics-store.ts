/** Which topic the Topics section shows in detail (null = the list), and the list's search text. */
import { create } from 'zustand';

export interface TopicsStoreState {
  selected: string | null;
  query: string;
  open(name: string | null): void;
  setQuery(q: string): void;
}

export const useTopicsStore = create<TopicsStoreState>()((set) => ({
  selected: null,
  query: '',
  open: (selected) => set({ selected }),
  setQuery: (query) => set({ query }),
}));
