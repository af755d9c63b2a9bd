/** Command palette UI state: open or not, the filter text and the highlighted row. */
import { create } from 'zustand';

export interface PaletteState {
  open: boolean;
  query: string;
  active: number;
  openPalette(): void;
  closePalette(): void;
  setQuery(q: string): void;
  /** Moves the highlight by delta, wrapping around `count` rows. */
  moveActive(delta: number, count: number): void;
}

export const usePaletteStore = create<PaletteState>()((set, get) => ({
  open: false,
  query: '',
  active: 0,
  openPalette: () => set({ open: true, query: '', active: 0 }),
  closePalette: () => set({ open: false }),
  setQuery: (query) => set({ query, active: 0 }),
  moveActive: (delta, count) => {
    if (count <= 0) return set({ active: 0 });
    set({ active: (((get().active + delta) % count) + count) % count });
  },
}));
