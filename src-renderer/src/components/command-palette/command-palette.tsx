/**
 * The command palette: Ctrl+K / Cmd+K opens it anywhere, typing filters, arrow keys move, Enter runs,
 * Escape (or a click outside) closes. The commands themselves are supplied by the app.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePaletteStore } from '../../stores/palette-store.js';
import { filterCommands, type Command } from './filter-commands.js';

export function isPaletteShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

export function CommandPalette({ commands }: { commands: readonly Command[] }) {
  const { open, query, active, openPalette, closePalette, setQuery, moveActive } = usePaletteStore(useShallow((s) => s));
  const results = useMemo(() => filterCommands(commands, query), [commands, query]);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      // Capture phase, and stopped here: Monaco would otherwise start its own Ctrl+K chord.
      e.preventDefault();
      e.stopPropagation();
      if (usePaletteStore.getState().open) closePalette(); else openPalette();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [openPalette, closePalette]);

  useEffect(() => { if (open) inputRef.current?.focus(); }, [open]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  if (!open) return null;

  const runAt = (i: number) => {
    const c = results[i];
    if (!c) return;
    closePalette();
    c.run();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); moveActive(1, results.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); moveActive(-1, results.length); }
    else if (e.key === 'Enter') { e.preventDefault(); runAt(active); }
    else if (e.key === 'Escape') { e.preventDefault(); closePalette(); }
  };

  return (
    <div className="palette-backdrop" onMouseDown={closePalette}>
      <div className="palette" role="dialog" aria-label="Command palette" data-testid="command-palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={inputRef}
          className="palette-input"
          placeholder="Type a command or section…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={results[active] ? `palette-${results[active].id}` : undefined}
          data-testid="palette-input"
        />
        <ul className="palette-list" id="palette-list" role="listbox" ref={listRef}>
          {results.length === 0 && <li className="palette-empty">No matching commands</li>}
          {results.map((c, i) => (
            <li key={c.id} id={`palette-${c.id}`} role="option" aria-selected={i === active}
              className={i === active ? 'palette-item active' : 'palette-item'}
              onMouseDown={(e) => { e.preventDefault(); runAt(i); }}>
              <span className="palette-label">{c.label}</span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
              <span className="palette-group">{c.group}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
