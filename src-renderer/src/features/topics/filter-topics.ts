/** The topic list's search: case-insensitive substring on the name; internal topics (__*) only when asked. */
import type { TopicRow } from '../../../../src-main/contract/index.js';

export function filterTopics(rows: readonly TopicRow[], query: string, showInternal: boolean): TopicRow[] {
  const q = query.trim().toLowerCase();
  const out: TopicRow[] = [];
  for (const r of rows) {
    if (!showInternal && r.internal) continue;
    if (q !== '' && !r.name.toLowerCase().includes(q)) continue;
    out.push(r);
  }
  return out;
}
