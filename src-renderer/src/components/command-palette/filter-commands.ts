/** Pure filtering and ranking for the command palette. */

export interface Command {
  id: string;
  label: string;
  /** Shown at the right, e.g. "Navigate" or "Preferences". */
  group: string;
  keywords?: readonly string[];
  shortcut?: string;
  run(): void;
}

/**
 * Every whitespace-separated word of the query must occur (case-insensitively) in the label, group or
 * keywords. Label prefix matches rank first, then word-start matches, then the rest, keeping input order.
 */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...commands];
  const words = q.split(/\s+/);
  const scored: { c: Command; rank: number; i: number }[] = [];
  commands.forEach((c, i) => {
    const label = c.label.toLowerCase();
    const hay = [label, c.group.toLowerCase(), ...(c.keywords ?? []).map((k) => k.toLowerCase())].join(' ');
    if (!words.every((w) => hay.includes(w))) return;
    const rank = label.startsWith(q) ? 0 : label.split(/\s+/).some((w) => w.startsWith(words[0]!)) ? 1 : 2;
    scored.push({ c, rank, i });
  });
  return scored.sort((a, b) => a.rank - b.rank || a.i - b.i).map((s) => s.c);
}
