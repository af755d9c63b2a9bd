// The suite's own error paths, without a broker: a missing client tool fails with its install command, a
// client program's failure surfaces its error line, and every client program rejects a bad scenario name
// with one JSON error line and exit code 1.
import { describe, expect, it } from 'vitest';
import { expectSuccess, oneEvent, requireTool, runProgram } from './harness.js';
import { confluentProgram, kafkaPythonProgram, kafkajsProgram, platformaticProgram, saramaProgram } from './programs.js';

describe('harness', () => {
  it('a missing tool fails with the install command', () => {
    expect(() => requireTool('tidepool-no-such-client', ['-V'], 'apt-get install -y no-such-client'))
      .toThrow(/client tool missing: `tidepool-no-such-client -V` failed .*Install it: apt-get install -y no-such-client/);
  });

  it('a tool that runs but fails also counts as missing', () => {
    expect(() => requireTool(process.execPath, ['-e', 'process.exit(3)'], 'npm ci')).toThrow(/Install it: npm ci/);
  });

  it('parses JSON lines, ignores other output, and reports a failed program with its error line', async () => {
    const script = 'console.log("noise"); console.log(JSON.stringify({event:"x",n:1})); console.log(JSON.stringify({event:"error",message:"boom"})); process.exit(1)';
    const run = await runProgram(process.execPath, ['-e', script]);
    expect(run.code).toBe(1);
    expect(oneEvent(run, 'x').n).toBe(1);
    expect(() => expectSuccess(run)).toThrow(/client failed: exit 1; errors: boom/);
    expect(() => oneEvent(run, 'missing')).toThrow(/expected one "missing" event, got 0/);
  });

  it('kills a program that outlives its time limit', async () => {
    const run = await runProgram(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 300 });
    expect(run.code).toBeNull();
    expect(() => expectSuccess(run)).toThrow(/client failed: exit null/);
  });
});

describe.each([
  ['confluent', confluentProgram], ['kafka-python', kafkaPythonProgram], ['kafkajs', kafkajsProgram],
  ['platformatic', platformaticProgram], ['sarama', saramaProgram],
])('%s client program', (_name, program) => {
  it('rejects an unknown scenario with one error line and exit 1', async () => {
    await program.check();
    const [cmd, base] = program.command();
    const run = await runProgram(cmd, [...base, '127.0.0.1:9', 'no-such-scenario']);
    expect(run.code).toBe(1);
    expect(String(oneEvent(run, 'error').message)).toMatch(/usage|unknown scenario/);
  }, 120_000);
});
