// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { PREFS_STORAGE_KEY, PREFS_VERSION, resolveTheme, sanitizeThemePref, usePrefsStore } from './prefs-store.js';

describe('prefs store', () => {
  beforeEach(() => {
    localStorage.clear();
    usePrefsStore.setState({ theme: 'system' });
  });

  it('follows the OS until toggled, then overrides it', () => {
    expect(resolveTheme(usePrefsStore.getState().theme, 'dark')).toBe('dark');
    usePrefsStore.getState().toggleTheme('dark');
    expect(usePrefsStore.getState().theme).toBe('light');
    usePrefsStore.getState().toggleTheme('dark');
    expect(usePrefsStore.getState().theme).toBe('dark');
    usePrefsStore.getState().setTheme('system');
    expect(resolveTheme(usePrefsStore.getState().theme, 'light')).toBe('light');
  });

  it('persists the theme with a version under tidepool.prefs', () => {
    usePrefsStore.getState().setTheme('dark');
    const stored = JSON.parse(localStorage.getItem(PREFS_STORAGE_KEY) ?? 'null');
    expect(stored).toEqual({ state: { theme: 'dark' }, version: PREFS_VERSION });
  });

  it('rehydrates a stored choice and ignores garbage', async () => {
    localStorage.setItem(PREFS_STORAGE_KEY, JSON.stringify({ state: { theme: 'light' }, version: PREFS_VERSION }));
    await usePrefsStore.persist.rehydrate();
    expect(usePrefsStore.getState().theme).toBe('light');
    localStorage.setItem(PREFS_STORAGE_KEY, JSON.stringify({ state: { theme: 'purple' }, version: PREFS_VERSION }));
    await usePrefsStore.persist.rehydrate();
    expect(usePrefsStore.getState().theme).toBe('system');
  });

  it('migrates an entry written by an older version', async () => {
    localStorage.setItem(PREFS_STORAGE_KEY, JSON.stringify({ state: { theme: 'dark', density: 'x' }, version: 0 }));
    await usePrefsStore.persist.rehydrate();
    expect(usePrefsStore.getState().theme).toBe('dark');
  });

  it('sanitizes unknown values', () => {
    expect(sanitizeThemePref(undefined)).toBe('system');
    expect(sanitizeThemePref('dark')).toBe('dark');
  });
});
