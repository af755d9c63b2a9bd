/**
 * User preferences that survive restarts (persisted to localStorage as `tidepool.prefs`). Only the
 * theme for now: 'system' follows the OS (prefers-color-scheme); 'light'/'dark' override it.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ThemePref = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export interface PrefsState {
  theme: ThemePref;
  setTheme(theme: ThemePref): void;
  /** Flip to the opposite of what is shown now, which becomes an explicit override. */
  toggleTheme(systemTheme: Theme): void;
}

export const PREFS_STORAGE_KEY = 'tidepool.prefs';
export const PREFS_VERSION = 1;

export const usePrefsStore = create<PrefsState>()(
  persist(
    (set, get) => ({
      theme: 'system',
      setTheme: (theme) => set({ theme }),
      toggleTheme: (systemTheme) => set({ theme: resolveTheme(get().theme, systemTheme) === 'dark' ? 'light' : 'dark' }),
    }),
    {
      name: PREFS_STORAGE_KEY,
      version: PREFS_VERSION,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ theme: s.theme }),
      // Anything unreadable from an older or hand-edited entry falls back to following the OS.
      migrate: (persisted) => ({ theme: sanitizeThemePref((persisted as { theme?: unknown } | null)?.theme) }),
      merge: (persisted, current) => ({ ...current, theme: sanitizeThemePref((persisted as { theme?: unknown } | null)?.theme) }),
    },
  ),
);

export function sanitizeThemePref(v: unknown): ThemePref {
  return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
}

export function resolveTheme(pref: ThemePref, systemTheme: Theme): Theme {
  return pref === 'system' ? systemTheme : pref;
}

export const selectThemePref = (s: PrefsState) => s.theme;
