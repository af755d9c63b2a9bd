/** The theme actually shown: the stored preference, or the OS's prefers-color-scheme when following it. */
import { useSyncExternalStore } from 'react';
import { resolveTheme, usePrefsStore, type Theme } from './prefs-store.js';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(fn: () => void): () => void {
  const mq = window.matchMedia?.(QUERY);
  mq?.addEventListener('change', fn);
  return () => mq?.removeEventListener('change', fn);
}

export function getSystemTheme(): Theme {
  return window.matchMedia?.(QUERY).matches ? 'dark' : 'light';
}

export function useSystemTheme(): Theme {
  return useSyncExternalStore(subscribe, getSystemTheme, () => 'light');
}

export function useTheme(): Theme {
  const pref = usePrefsStore((s) => s.theme);
  return resolveTheme(pref, useSystemTheme());
}

/** Puts the theme on <html> (data-theme drives the CSS variables; color-scheme styles native controls). */
export function applyTheme(theme: Theme = resolveTheme(usePrefsStore.getState().theme, getSystemTheme())): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}
