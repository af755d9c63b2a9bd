/**
 * Enforces the layering in docs/architecture.md (VS Code's code-layering idea as a small test): every
 * import in src-main goes to the same or a permitted folder; pure folders touch no I/O; electron only in
 * transports/ipc and app; the renderer imports only the contract from src-main. A folder missing from
 * the table fails, so new folders must be classified.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src-main');

/** folder -> folders it may import from (itself always allowed). */
const ALLOWED: Record<string, string[]> = {
  common: [],
  contract: ['common'],
  protocol: ['common'],
  storage: ['common', 'protocol'],
  broker: ['common', 'protocol', 'storage'],
  cluster: ['common', 'protocol', 'storage', 'broker'],
  clients: ['common', 'contract', 'protocol'],
  services: ['common', 'contract', 'protocol', 'storage', 'broker', 'cluster', 'clients'],
  transports: ['common', 'contract', 'services'],
  app: ['common', 'contract', 'protocol', 'storage', 'broker', 'cluster', 'clients', 'services', 'transports'],
};
/** Folders the renderer also loads: no Node built-ins at all. */
const BROWSER_SAFE = new Set(['common', 'contract']);
/** Pure protocol: no sockets, files, processes or timers modules. */
const NO_IO = new Set(['protocol']);
const IO_MODULES = /^node:(fs|fs\/promises|net|tls|http|https|http2|dgram|child_process|cluster|worker_threads|timers)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(n) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|;)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/(?:^|;)\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

const layerOf = (file: string) => relative(MAIN, file).split(sep)[0];

describe('architecture: layers depend downward only', () => {
  const files = walk(MAIN).filter((f) => relative(MAIN, f).includes(sep));

  it('classifies every src-main folder', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !(l in ALLOWED));
    expect(unknown, 'add new folders to ALLOWED in this test and to docs/architecture.md').toEqual([]);
  });

  it('has no upward or sideways imports, and no I/O in pure layers', () => {
    const problems: string[] = [];
    for (const file of files) {
      // Tests and their support files may reach into whatever they exercise.
      if (/\.test\.tsx?$|test-helpers\.tsx?$|test-support\.tsx?$/.test(file)) continue;
      const from = layerOf(file);
      const rel = relative(ROOT, file);
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          if (!target.startsWith(MAIN + sep)) { problems.push(`${rel}: imports outside src-main (${spec})`); continue; }
          const to = layerOf(target);
          if (to !== from && !ALLOWED[from]?.includes(to)) problems.push(`${rel}: ${from} may not import ${to} (${spec})`);
        } else if (spec === 'electron' || spec.startsWith('electron/')) {
          if (!(from === 'app' || rel.startsWith(`src-main${sep}transports${sep}ipc${sep}`))) problems.push(`${rel}: electron outside transports/ipc and app`);
        } else if (BROWSER_SAFE.has(from) && (spec.startsWith('node:') || spec === 'ws')) {
          problems.push(`${rel}: ${from} is loaded by the renderer and may not import ${spec}`);
        } else if (NO_IO.has(from) && IO_MODULES.test(spec)) {
          problems.push(`${rel}: ${from} is pure and may not import ${spec}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets the renderer import only the contract from src-main', () => {
    const problems: string[] = [];
    for (const file of walk(join(ROOT, 'src-renderer', 'src'))) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        if (target.startsWith(MAIN + sep) && layerOf(target) !== 'contract') problems.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
