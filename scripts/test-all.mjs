#!/usr/bin/env node
// `npm test`: typecheck, build, unit/integration tests (vitest), e2e (Playwright + Chromium).
// Ends with one line `N passed, N failed` counting every check, as CI reads it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = []; // { stage, passed, failed }
mkdirSync('test-results', { recursive: true });

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function readJson(path) {
  try { return JSON.parse(readFileSync(path, 'utf8')); } catch { return null; }
}

// 0. The real-client suite's Node programs (@platformatic/kafka needs Node >= 22, which that package brings)
//    live in their own package so its Node binary never shadows the app's: install it once.
if (!existsSync('test/clients/node/node_modules')) {
  if (!run('npm', ['ci', '--prefix', 'test/clients/node', '--no-audit', '--no-fund'])) {
    console.error('could not install test/clients/node; the platformatic suite will report it');
  }
}

// 1. Typecheck: each tsconfig is one check.
for (const project of ['tsconfig.node.json', 'tsconfig.web.json']) {
  const ok = run('npx', ['tsc', '--noEmit', '-p', project]);
  results.push({ stage: `typecheck ${project}`, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

// 2. Build (the CLI tests and the e2e suite run the built app), counted as one check.
const buildOk = run('npx', ['electron-vite', 'build']);
results.push({ stage: 'build', passed: buildOk ? 1 : 0, failed: buildOk ? 0 : 1 });

// 3. Vitest: exact counts from its JSON report.
rmSync('test-results/vitest.json', { force: true });
const vitestOk = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json',
  '--outputFile.json=test-results/vitest.json']);
const v = readJson('test-results/vitest.json');
if (v) {
  results.push({ stage: 'vitest', passed: v.numPassedTests, failed: v.numFailedTests + (v.numRuntimeErrorTestSuites ?? 0) + (vitestOk || v.numFailedTests ? 0 : 1) });
  if (v.numPendingTests || v.numTodoTests) console.log(`vitest: ${v.numPendingTests + v.numTodoTests} skipped (not counted as passed)`);
} else {
  results.push({ stage: 'vitest', passed: 0, failed: 1 });
}

// 4. Playwright e2e against browser mode.
if (buildOk) {
  rmSync('test-results/pw.json', { force: true });
  const pwOk = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/pw.json' });
  const p = readJson('test-results/pw.json');
  if (p) results.push({ stage: 'e2e', passed: p.stats.expected + (p.stats.flaky ?? 0), failed: p.stats.unexpected + (pwOk || p.stats.unexpected ? 0 : 1) });
  else results.push({ stage: 'e2e', passed: 0, failed: 1 });
} else {
  results.push({ stage: 'e2e (not run: build failed)', passed: 0, failed: 1 });
}

console.log('\nSummary:');
for (const r of results) console.log(`  ${r.stage}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
