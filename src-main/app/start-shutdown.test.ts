// `tidepool start --browser` as a user runs it (a real process through tsx): the embedded cluster runs in
// its worker thread, real clients reach it, and SIGINT or SIGTERM stops it cleanly (the partition gets its
// clean-shutdown marker, the process exits 0), so the next start needs no log recovery.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import metadataApi from '../protocol/schema/03-metadata.js';

const root = resolve(import.meta.dirname, '../..');
const cli = ['--import', 'tsx', resolve(root, 'src-main/app/cli.ts')];
const KCAT = '/usr/bin/kcat';

async function startAndStop(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'tidepool-start-'));
  const child = spawn(process.execPath, [...cli, 'start', '--browser', '--port', '0'], { cwd: root, env: { ...process.env, TIDEPOOL_HOME: home } });
  try {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const bootstrap = await new Promise<string>((ok, fail) => {
      const t = setTimeout(() => fail(new Error(`no local cluster line; stdout: ${out} stderr: ${err}`)), 25_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /Local cluster: bootstrap\.servers=(\S+)/.exec(out);
        if (m) { clearTimeout(t); ok(m[1]); }
      });
    });
    const port = Number(bootstrap.split(':')[1]);
    const topic = `shutdown-${signal.toLowerCase()}`;
    const c = await KafkaTestClient.connect(port);
    const md = await c.send(metadataApi, 4, { topics: [{ name: topic }], allowAutoTopicCreation: true });
    expect(md.topics[0].errorCode).toBe(0);
    c.close();
    if (existsSync(KCAT)) execFileSync(KCAT, ['-b', bootstrap, '-P', '-t', topic, '-X', 'acks=1'], { input: 'one\ntwo\n', timeout: 20_000 });
    const partitionDir = join(home, 'local-cluster', 'broker-1', `${topic}-0`);
    expect(existsSync(partitionDir)).toBe(true);
    expect(existsSync(join(partitionDir, 'clean-shutdown'))).toBe(false);
    const exit = new Promise<number | null>((ok) => child.on('exit', ok));
    child.kill(signal);
    expect(await exit).toBe(0);
    expect(existsSync(join(partitionDir, 'clean-shutdown'))).toBe(true);
    await expect(KafkaTestClient.connect(port)).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  }
}

describe('tidepool start: the embedded cluster off the app loop', () => {
  it('stops the worker cluster cleanly on SIGINT', () => startAndStop('SIGINT'));
  it('stops the worker cluster cleanly on SIGTERM', () => startAndStop('SIGTERM'));
});
