import { describe, expect, it } from 'vitest';
import { findViolations, importsOf, resolveFrom, type SourceFile } from './import-rules.js';

// Every renderer source file, as text (Vite's glob, so no Node APIs are needed here).
const RAW = import.meta.glob<string>(['./**/*.ts', './**/*.tsx'], { query: '?raw', import: 'default', eager: true });

describe('renderer import rules', () => {
  it('hold for every renderer source file', () => {
    const files: SourceFile[] = Object.entries(RAW).map(([p, text]) => ({ path: p.replace(/^\.\//, ''), text }));
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => f.path === 'features/overview/core-card.tsx')).toBe(true);
    expect(findViolations(files)).toEqual([]);
  });

  it('catch each kind of violation', () => {
    const found = findViolations([
      { path: 'api/x.ts', text: "import { TidepoolError } from '../../../src-main/common/errors.js';" },
      { path: 'lib/y.ts', text: "import { OverviewPage } from '../features/overview/index.js';" },
      { path: 'features/topics/z.tsx', text: "import { useMetricsStore } from '../overview/metrics-store.js';" },
      { path: 'app.tsx', text: "export { CoreCard } from './features/overview/core-card.js';" },
      { path: 'features/topics/ok.tsx', text: "import { OverviewPage } from '../overview/index.js';\nimport type { MetricsSample } from '../../../../src-main/contract/index.js';\nimport { x } from './topics-store.js';\nimport { create } from 'zustand';" },
      { path: 'routes.tsx', text: "const P = import('./features/brokers/index.js');" },
    ]);
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/^api\/x.ts .*only src-main\/contract/);
    expect(found[1]).toMatch(/lib\/ must not depend on features/);
    expect(found[2]).toMatch(/use features\/overview\/index.ts/);
    expect(found[3]).toMatch(/^app.tsx imports/);
  });

  it('reads static, re-export, side-effect and dynamic imports, and resolves them', () => {
    expect(importsOf("import a from './a.js';\nexport * from './b.js';\nimport './c.css';\nconst d = lazy(() => import('./d.js'));\nimport {\n  e,\n} from './e.js';"))
      .toEqual(['./a.js', './b.js', './c.css', './d.js', './e.js']);
    expect(resolveFrom('features/a/b.ts', '../../../../src-main/contract/index.js')).toEqual(['..', '..', 'src-main', 'contract', 'index.js']);
    expect(resolveFrom('app.tsx', './lib/paths.js')).toEqual(['lib', 'paths.js']);
  });
});
