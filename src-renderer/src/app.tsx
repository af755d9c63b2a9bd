/** The workbench shell: sidebar, a top bar with the palette and theme toggle, the section, the status bar. */
import { useEffect, useMemo } from 'react';
import { buildCommands } from './app-commands.js';
import { CommandPalette } from './components/command-palette/index.js';
import { ConnectionBanner } from './components/layout/connection-banner.js';
import { Icon } from './components/layout/icons.js';
import { SectionBoundary } from './components/layout/section-boundary.js';
import { Sidebar } from './components/layout/sidebar.js';
import { StatusBar } from './components/layout/status-bar.js';
import { ClusterSwitcher } from './features/clusters/index.js';
import { sectionLabel } from './lib/paths.js';
import { ROUTES, useSection } from './routes.js';
import { usePaletteStore } from './stores/palette-store.js';
import { usePrefsStore } from './stores/prefs-store.js';
import { applyTheme, useSystemTheme, useTheme } from './stores/use-theme.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const PALETTE_HINT = isMac ? '⌘K' : 'Ctrl+K';

export function App() {
  const section = useSection();
  const theme = useTheme();
  const systemTheme = useSystemTheme();
  const pref = usePrefsStore((s) => s.theme);
  const toggleTheme = usePrefsStore((s) => s.toggleTheme);
  const openPalette = usePaletteStore((s) => s.openPalette);
  const commands = useMemo(() => buildCommands(), []);
  const Page = ROUTES[section];

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => { document.title = `${sectionLabel(section)} · Tidepool`; }, [section]);

  return (
    <div className="shell">
      <Sidebar current={section} clusterSwitcher={<ClusterSwitcher />} />
      <div className="main">
        <header className="top-bar">
          <h1 data-testid="section-title">{sectionLabel(section)}</h1>
          <span className="spacer" />
          <button type="button" className="palette-trigger" onClick={openPalette} data-testid="palette-trigger">
            <Icon name="search" size={14} /><span>Commands</span><kbd>{PALETTE_HINT}</kbd>
          </button>
          <button type="button" className="btn btn-icon" onClick={() => toggleTheme(systemTheme)} data-testid="theme-toggle"
            title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
            <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
          </button>
        </header>
        <ConnectionBanner />
        <main className="content" data-testid={`section-${section}`}>
          <SectionBoundary key={section} name={sectionLabel(section)}><Page /></SectionBoundary>
        </main>
      </div>
      <StatusBar right={<>
        <span className="status-item" data-testid="theme-status">Theme: {theme}{pref === 'system' ? ' (system)' : ''}</span>
        <span className="status-item">{PALETTE_HINT} Commands</span>
      </>} />
      <CommandPalette commands={commands} />
    </div>
  );
}
