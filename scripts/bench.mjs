#!/usr/bin/env node
// `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose name contains the filter) in its own
// Node process, one after another so they don't compete for the 2 cores. Each bench prints its own table
// and writes bench-results/<name>.json; BENCHMARKS.md records method and results.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
mkdirSync('bench-results', { recursive: true });
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
if (files.length === 0) { console.error(`no bench matches "${filter}"`); process.exit(1); }
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync('npx', ['tsx', `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.error(`${f} failed (exit ${r.status})`); }
}
process.exit(failed ? 1 : 0);
