/** The commands the palette offers: go to each section, and theme choices. */
import type { Command } from './components/command-palette/index.js';
import { SECTIONS } from './lib/paths.js';
import { navigate } from './routes.js';
import { usePrefsStore } from './stores/prefs-store.js';
import { getSystemTheme } from './stores/use-theme.js';

export function buildCommands(): Command[] {
  const prefs = () => usePrefsStore.getState();
  return [
    ...SECTIONS.map((s): Command => ({ id: `go-${s.id}`, label: `Go to ${s.label}`, group: 'Navigate', run: () => navigate(s.id) })),
    { id: 'theme-toggle', label: 'Toggle light/dark theme', group: 'Preferences', keywords: ['appearance', 'color'],
      run: () => prefs().toggleTheme(getSystemTheme()) },
    { id: 'theme-dark', label: 'Use dark theme', group: 'Preferences', keywords: ['appearance'], run: () => prefs().setTheme('dark') },
    { id: 'theme-light', label: 'Use light theme', group: 'Preferences', keywords: ['appearance'], run: () => prefs().setTheme('light') },
    { id: 'theme-system', label: 'Follow system theme', group: 'Preferences', keywords: ['appearance', 'os', 'auto'], run: () => prefs().setTheme('system') },
    { id: 'reload-app', label: 'Reload window', group: 'Application', run: () => window.location.reload() },
  ];
}
