// Smoke test with a real third-party client: kcat (librdkafka) against a broker started in this process.
// The full multi-client suite lives in test/clients/ (helper B4); this covers the core paths quickly.
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from './test-support/test-broker.js';

const KCAT = '/usr/bin/kcat';
const run = promisify(execFile);

function kcatProduce(bootstrap: string, args: string[], input: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(KCAT, ['-b', bootstrap, '-P', ...args]);
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    p.once('exit', (code) => resolve({ code, stderr }));
    p.stdin.end(input);
  });
}

describe.skipIf(!existsSync(KCAT))('kcat against the broker', () => {
  let tb: TestBroker;
  let bootstrap: string;
  beforeAll(async () => {
    tb = await startTestBroker();
    bootstrap = tb.broker.bootstrap;
  });
  afterAll(async () => tb.cleanup());

  it('kcat -L lists the broker and its topics', async () => {
    tb.broker.topics.create('listed', { partitions: 3 });
    const { stdout } = await run(KCAT, ['-b', bootstrap, '-L']);
    expect(stdout).toContain(`broker 1 at ${bootstrap} (controller)`);
    expect(stdout).toContain('topic "listed" with 3 partitions');
  });

  it.each(['none', 'gzip', 'snappy', 'lz4', 'zstd'])('produces and consumes keyed messages with compression %s', async (codec) => {
    const topic = `kc-${codec}`;
    const lines = Array.from({ length: 200 }, (_, i) => `key-${i}:value-${i}-${'x'.repeat(i % 50)}`);
    const r = await kcatProduce(bootstrap, ['-t', topic, '-K:', '-z', codec, '-X', 'topic.request.required.acks=-1'], `${lines.join('\n')}\n`);
    expect(r.code, r.stderr).toBe(0);
    const { stdout } = await run(KCAT, ['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k:%s\n']);
    expect(stdout.trimEnd().split('\n')).toEqual(lines);
  });

  it('a 900 KB message round-trips; one over max.message.bytes fails with MESSAGE_TOO_LARGE', async () => {
    tb.broker.topics.create('big');
    const big = 'b'.repeat(900 * 1024);
    const ok = await kcatProduce(bootstrap, ['-t', 'big', '-X', 'message.max.bytes=2000000'], `${big}\n`);
    expect(ok.code, ok.stderr).toBe(0);
    const { stdout } = await run(KCAT, ['-b', bootstrap, '-C', '-t', 'big', '-o', 'beginning', '-e', '-q'], { maxBuffer: 4 << 20 });
    expect(stdout.trimEnd().length).toBe(big.length);
    const tooBig = await kcatProduce(bootstrap, ['-t', 'big', '-X', 'message.max.bytes=3000000', '-X', 'compression.codec=none'], `${'c'.repeat(1_100_000)}\n`);
    expect(tooBig.stderr).toMatch(/Broker: Message size too large/); // the broker's MESSAGE_TOO_LARGE, not a client-side check
  });
});
