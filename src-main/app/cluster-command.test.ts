// `tidepool cluster` as a user runs it: a real process (through tsx), real TCP, real kcat, real signals.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import produceApi from '../protocol/schema/00-produce.js';
import listOffsetsApi from '../protocol/schema/02-list-offsets.js';
import metadataApi from '../protocol/schema/03-metadata.js';
import createTopicsApi from '../protocol/schema/19-create-topics.js';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import { makeBatch } from '../storage/test-batches.js';

const root = resolve(import.meta.dirname, '../..');
const cli = ['--import', 'tsx', join(root, 'src-main/app/cli.ts')];
const KCAT = '/usr/bin/kcat';
const run = promisify(execFile);
const dirs: string[] = [];
const fresh = () => { const d = mkdtempSync(join(tmpdir(), 'tidepool-cli-')); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** Runs the CLI to completion; the runs of one test go in parallel (each tsx start costs ~2 s). */
function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cli, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.once('exit', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

/** Starts `tidepool cluster`, resolves with the child and its bootstrap address once printed. */
function startCluster(args: string[]): Promise<{ child: ChildProcess; bootstrap: string; out: () => string }> {
  const child = spawn(process.execPath, [...cli, 'cluster', ...args], { cwd: root });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no bootstrap line in 20 s:\n${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /bootstrap\.servers=(\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, bootstrap: m[1], out: () => out }); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code} before starting:\n${out}`)); });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

describe('tidepool cluster', () => {
  it('prints help, and refuses bad input with exit code 2 and the reason', async () => {
    const [help, main, typo, many, noFile] = await Promise.all([
      runCli(['cluster', '--help']),
      runCli(['help']),
      runCli(['cluster', '--port', '0', '--data-dir', fresh(), '--config', 'num.partitons=2']),
      runCli(['cluster', '--brokers', '10', '--data-dir', fresh()]),
      runCli(['cluster', '--config-file', '/nonexistent/server.properties']),
    ]);
    expect(help.stdout).toMatch(/--config-file F/);
    expect(main.stdout).toMatch(/cluster/);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/did you mean 'num.partitions'/);
    expect(many.status).toBe(2);
    expect(many.stderr).toMatch(/--brokers must be a whole number from 1 to 9, not "10"/);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toMatch(/cannot read --config-file/);
  });

  it('runs until SIGTERM, serves clients, and keeps data across a restart on the same data dir', async () => {
    const dataDir = fresh();
    const props = join(dataDir, 'server.properties');
    writeFileSync(props, '# a Kafka file\nnum.partitions=2\nlog.retention.hours=24\n');
    let { child, bootstrap } = await startCluster(['--port', '0', '--data-dir', join(dataDir, 'data'), '--config-file', props]);
    let client = await KafkaTestClient.connect(Number(bootstrap.split(':')[1]));
    const md = await client.send(metadataApi, 4, { topics: [{ name: 'cli-topic' }], allowAutoTopicCreation: true });
    expect(md.topics[0].partitions).toHaveLength(2); // num.partitions from the file
    const pr = await client.send(produceApi, 7, { transactionalId: null, acks: 1, timeoutMs: 1000,
      topicData: [{ name: 'cli-topic', partitionData: [{ index: 1, records: makeBatch({ records: 3 }) }] }] });
    expect(pr.responses[0].partitionResponses[0].errorCode).toBe(0);
    client.close();
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);

    ({ child, bootstrap } = await startCluster(['--port', '0', '--data-dir', join(dataDir, 'data')]));
    try {
      client = await KafkaTestClient.connect(Number(bootstrap.split(':')[1]));
      const lo = await client.send(listOffsetsApi, 1, { replicaId: -1, topics: [{ name: 'cli-topic', partitions: [{ partitionIndex: 1, timestamp: -1n }] }] });
      expect(lo.topics[0].partitions[0].offset).toBe(3n);
      client.close();
    } finally {
      child.kill('SIGINT');
      expect(await exited(child)).toBe(0);
    }
  });

  it.skipIf(!existsSync(KCAT))('serves kcat (metadata, produce, consume)', async () => {
    const { child, bootstrap } = await startCluster(['--port', '0', '--data-dir', fresh()]);
    try {
      const producer = spawn(KCAT, ['-b', bootstrap, '-P', '-t', 'kcat-cli', '-K:']);
      producer.stdin.end('k1:v1\nk2:v2\nk3:v3\n');
      expect(await exited(producer)).toBe(0);
      expect((await run(KCAT, ['-b', bootstrap, '-L', '-t', 'kcat-cli'])).stdout).toMatch(/topic "kcat-cli" with 1 partitions/);
      const { stdout } = await run(KCAT, ['-b', bootstrap, '-C', '-t', 'kcat-cli', '-o', 'beginning', '-e', '-q', '-f', '%k=%s\n']);
      expect(stdout).toBe('k1=v1\nk2=v2\nk3=v3\n');
    } finally {
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    }
  });

  it('--events prints the metadata events as they happen, one line each', async () => {
    const { child, bootstrap, out } = await startCluster(['--brokers', '2', '--port', '0', '--data-dir', fresh(), '--events']);
    try {
      const port = Number(bootstrap.split(',')[0].split(':')[1]);
      const k = await KafkaTestClient.connect(port);
      const r = await k.send(createTopicsApi, 7, {
        topics: [{ name: 'evts', numPartitions: 2, replicationFactor: 2, assignments: [], configs: [] }], timeoutMs: 1000, validateOnly: false,
      });
      expect(r.topics[0].errorCode).toBe(0);
      k.close();
      const end = Date.now() + 10_000;
      while (!/topic-created evts/.test(out()) && Date.now() < end) await new Promise((res) => setTimeout(res, 25));
      expect(out()).toMatch(/^\d\d:\d\d:\d\d\.\d{3} #\d+ broker-registered broker 1: broker 1 started$/m);
      expect(out()).toMatch(/broker-unfenced broker 2/);
      expect(out()).toMatch(/#\d+ topic-created evts \(2 partitions, RF 2\): topic evts created$/m);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
