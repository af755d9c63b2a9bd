/**
 * The renderer's import rules (style-anchors §7.6), checked by import-rules.test.ts over every source
 * file: only `src-main/contract/` from the core; components, lib, stores and api never reach into
 * features; one feature uses another only through its index.ts. Paths are POSIX and relative to
 * src-renderer/src (no node:path, so this runs under the renderer's browser typings).
 */

export interface SourceFile {
  /** e.g. 'features/overview/core-card.tsx' */
  path: string;
  text: string;
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** Resolves `spec` against the file's folder; '..' above src-renderer/src stays as leading '..' parts. */
export function resolveFrom(file: string, spec: string): string[] {
  const parts = file.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(seg);
  }
  return parts;
}

const isIndex = (to: string[]) => to.length === 3 && /^index\.(js|ts)$/.test(to[2]!);

export function findViolations(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const f of files) {
    const from = f.path.split('/');
    for (const spec of importsOf(f.text)) {
      if (!spec.startsWith('.')) continue; // packages
      const to = resolveFrom(f.path, spec);
      const where = `${f.path} imports '${spec}'`;
      if (to[0] === '..') {
        // Out of src-renderer/src: only ../../src-main/contract/** is allowed.
        if (!(to[1] === '..' && to[2] === 'src-main' && to[3] === 'contract' && to.length > 4)) {
          problems.push(`${where}: the renderer may import only src-main/contract/ from the core`);
        }
        continue;
      }
      if (to[0] !== 'features') continue;
      if (from.length > 1 && ['components', 'lib', 'stores', 'api'].includes(from[0]!)) {
        problems.push(`${where}: ${from[0]}/ must not depend on features/`);
      } else if (!(from[0] === 'features' && from[1] === to[1]) && !isIndex(to)) {
        problems.push(`${where}: use features/${to[1]}/index.ts, not its internals`);
      }
    }
  }
  return problems;
}
