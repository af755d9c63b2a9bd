// ClusterHost: the local cluster in a worker thread behind a by-name proxy. The first part runs a control
// double (every LocalClusterControl method, no brokers) to check what crosses the thread: arguments, results
// with bigint, errors with name/code/details, events, crashes, stop. The second part runs the real
// LocalCluster in the worker and drives it with real clients (our test client and kcat).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaTestClient } from '../../broker/test-support/kafka-test-client.js';
import apiVersionsApi from '../../protocol/schema/18-api-versions.js';
import metadataApi from '../../protocol/schema/03-metadata.js';
import type { ClusterEvent, LocalClusterControl } from '../control.js';
import { ClusterHost, ClusterHostError, type ClusterControlLike, type ClusterHostOptions, type RemoteClusterControl } from './cluster-host.js';

type Fits<A, B> = A extends B ? true : false;

const DOUBLE = new URL('./control-double-worker.test-support.ts', import.meta.url);
const hosts: ClusterHost[] = [];
const dirs: string[] = [];

async function startDouble(dataDir = 'ok', extra: Partial<ClusterHostOptions> = {}): Promise<ClusterHost> {
  const host = await ClusterHost.start({ dataDir, entry: DOUBLE, logger: { info: () => {}, warn: () => {} }, ...extra });
  hosts.push(host);
  return host;
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tidepool-host-'));
  dirs.push(d);
  return d;
}

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string; details?: unknown }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop().catch(() => {})));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ClusterHost over a control double', () => {
  it('round-trips every LocalClusterControl method with its arguments and results', async () => {
    const host = await startDouble();
    expect(host.bootstrap).toBe('127.0.0.1:1');
    expect(host.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
    expect(host.warnings).toEqual(['a warning from start']);
    expect(host.info.methods).toContain('killBroker');
    const c = host.control;
    const status = await c.status();
    expect(status.brokers).toHaveLength(3);
    expect(status.brokers[0]).toMatchObject({ nodeId: 1, controller: true, state: 'running' });
    await c.stopBroker(1);
    await c.killBroker(2);
    await c.startBroker(2);
    await c.restartBroker(3);
    await c.pauseBroker(1);
    await c.resumeBroker(1);
    await c.slowBroker(2, 250);
    await c.isolateBroker(3, 'clients');
    await c.healBroker(3);
    const rep = await c.replication('orders');
    expect(rep[0].highWatermark).toBe(2n ** 60n + 1n);
    expect(rep[0].epochHistory[0].startOffset).toBe(2n ** 53n + 3n);
    expect(rep[0].replicas[0]).toEqual({ nodeId: 1, logEndOffset: 2n ** 60n + 1n, lag: 0n, lastCaughtUpTimeMs: null, inIsr: true, outOfSyncReason: null });
    const events = await c.events(0);
    expect(events.map((e) => e.kind)).toEqual(['fault']);
    expect(await host.call('receivedCalls')).toEqual([
      { method: 'status', args: [] }, { method: 'stopBroker', args: [1] }, { method: 'killBroker', args: [2] },
      { method: 'startBroker', args: [2] }, { method: 'restartBroker', args: [3] }, { method: 'pauseBroker', args: [1] },
      { method: 'resumeBroker', args: [1] }, { method: 'slowBroker', args: [2, 250] }, { method: 'isolateBroker', args: [3, 'clients'] },
      { method: 'healBroker', args: [3] }, { method: 'replication', args: ['orders'] }, { method: 'events', args: [0] },
    ]);
  });

  it('serves code written against ClusterControlLike, as the in-process cluster does', async () => {
    const host = await startDouble();
    // The same function takes the worker's proxy and an in-process (synchronous) implementation.
    const leaders = async (c: ClusterControlLike) => (await c.status()).brokers.filter((b) => b.controller).map((b) => b.nodeId);
    expect(await leaders(host.control)).toEqual([1]);
    // Checked by the typecheck: the in-process interface and the proxy both fit ClusterControlLike.
    const fits: [Fits<LocalClusterControl, ClusterControlLike>, Fits<RemoteClusterControl, ClusterControlLike>] = [true, true];
    expect(fits).toEqual([true, true]);
  });

  it('passes methods it was never told about (generic by name)', async () => {
    const host = await startDouble();
    const remote = host.control as unknown as { electLeaders(t: string, p: number[]): Promise<unknown> };
    expect(await remote.electLeaders('orders', [0, 2])).toEqual({ topic: 'orders', partitions: [0, 2] });
  });

  it("rejects with the cluster's error: name, code, message and details, for sync and async methods", async () => {
    const host = await startDouble();
    for (const p of [host.control.killBroker(9), host.control.pauseBroker(9)]) {
      const err = await rejection(p);
      expect(err.name).toBe('ClusterError');
      expect(err.code).toBe('UNKNOWN_BROKER');
      expect(err.message).toBe('no broker 9 in this cluster');
      expect(err.details).toEqual({ nodeId: 9 });
    }
    // The cluster is still there after an error.
    expect((await host.control.status()).clusterId).toBe('double');
  });

  it('refuses unknown methods, own fields, life-cycle methods and underscore names with NO_SUCH_METHOD', async () => {
    const host = await startDouble();
    for (const name of ['noSuchMethod', 'secret', 'stop', 'onEvent', 'constructor', '__proto__']) {
      const err = await rejection(host.call(name));
      expect(err.name, name).toBe('ClusterHostError');
      expect(err.code, name).toBe('NO_SUCH_METHOD');
    }
  });

  it('rejects arguments and results that cannot cross threads, and keeps working', async () => {
    const host = await startDouble();
    const arg = await rejection(host.call('slowBroker', 1, () => 5));
    expect(arg).toBeInstanceOf(ClusterHostError);
    expect((arg as ClusterHostError).code).toBe('NOT_CLONEABLE');
    const result = await rejection(host.call('returnsAFunction'));
    expect(result.name).toBe('TypeError');
    expect(result.message).toMatch(/returnsAFunction\(\) returned a value that cannot cross threads/);
    expect((await host.control.status()).brokers).toHaveLength(3);
  });

  it('streams the cluster events to every listener, bigint intact, until unsubscribed', async () => {
    const host = await startDouble();
    const a: ClusterEvent[] = [];
    const b: ClusterEvent[] = [];
    const offA = host.control.onEvent((e) => a.push(e));
    host.onEvent((e) => b.push(e));
    await host.control.pauseBroker(2);
    await until(() => a.length === 1 && b.length === 1);
    expect(a[0]).toMatchObject({ seq: 1, kind: 'fault', cause: 'broker 2 paused', brokerId: 2, detail: { offset: 2n ** 60n } });
    offA();
    await host.control.pauseBroker(3);
    await until(() => b.length === 2);
    expect(a).toHaveLength(1);
    expect(b[1].cause).toBe('broker 3 paused');
  });

  it('forwards the log lines of the start to the logger', async () => {
    const warnings: string[] = [];
    await startDouble('ok', { logger: { info: () => {}, warn: (m) => warnings.push(m) } });
    expect(warnings).toEqual(['starting the double']);
  });

  it('reports a start failure with the cluster error, and a thread that dies while starting', async () => {
    const failed = await rejection(startDouble('start-fails'));
    expect(failed).toMatchObject({ name: 'ClusterError', code: 'PORT_IN_USE', message: 'port 1 is already in use' });
    const died = await rejection(startDouble('start-crashes'));
    expect(died).toBeInstanceOf(ClusterHostError);
    expect(died).toMatchObject({ code: 'START_FAILED', message: expect.stringMatching(/exited with code 7/) });
  });

  it('reports a missing worker entry as START_FAILED', async () => {
    const err = await rejection(ClusterHost.start({ dataDir: 'ok', entry: new URL('./no-such-worker.js', import.meta.url) }));
    expect(err).toMatchObject({ name: 'ClusterHostError', code: 'START_FAILED' });
  });

  it('turns a crash of the thread into an error for pending and later calls and the crash listeners, not a hang', async () => {
    const host = await startDouble();
    const crashes: Error[] = [];
    host.onCrash((e) => crashes.push(e));
    // Throws from a timer in the worker, well after answering: a worker's error and its messages travel on
    // different ports, so a crash right after a reply could overtake it and fail this call instead.
    await host.call('crashLater', 300);
    const inFlight = rejection(host.call('neverAnswers'));
    await until(() => crashes.length === 1);
    expect(crashes[0]).toMatchObject({ name: 'ClusterHostError', code: 'CRASHED', message: expect.stringMatching(/boom in the cluster thread/) });
    expect(host.running).toBe(false);
    const later = await rejection(host.control.status());
    expect(later).toMatchObject({ code: 'CRASHED' });
    expect(await inFlight).toMatchObject({ code: 'CRASHED' });
    await host.stop(); // nothing left to stop: resolves
  });

  it('fails calls in flight when the thread exits on its own', async () => {
    const host = await startDouble();
    const crashes: Error[] = [];
    host.onCrash((e) => crashes.push(e));
    const err = await rejection(host.call('exitThread'));
    expect(err).toMatchObject({ code: 'CRASHED', message: expect.stringMatching(/exited with code 3/) });
    expect(crashes).toHaveLength(1);
  });

  it('stops cleanly once (idempotent), then refuses calls with STOPPED', async () => {
    const host = await startDouble();
    const crashes: Error[] = [];
    host.onCrash((e) => crashes.push(e));
    const first = host.stop();
    expect(host.stop()).toBe(first);
    await first;
    expect(host.running).toBe(false);
    expect(await rejection(host.control.status())).toMatchObject({ code: 'STOPPED' });
    expect(crashes).toEqual([]); // a requested stop is not a crash
  });

  it('reports a failed stop as STOP_FAILED and a stop that hangs as STOP_TIMEOUT, ending the thread either way', async () => {
    const failing = await startDouble('stop-fails');
    expect(await rejection(failing.stop())).toMatchObject({ code: 'STOP_FAILED', message: expect.stringMatching(/flush failed/) });
    const hanging = await startDouble('stop-hangs', { stopTimeoutMs: 300 });
    expect(await rejection(hanging.stop())).toMatchObject({ code: 'STOP_TIMEOUT' });
    expect(await rejection(hanging.control.status())).toMatchObject({ code: 'STOPPED' });
  });

  it('is not mistaken for a promise when awaited', async () => {
    const host = await startDouble();
    const control: unknown = await Promise.resolve(host.control);
    expect(control).toBe(host.control);
  });
});

describe('ClusterHost with the real LocalCluster', () => {
  it('serves real clients from the worker, stops cleanly, and the next start finds the data', async () => {
    const dataDir = tempDir();
    const host = await ClusterHost.start({ dataDir, port: 0 });
    hosts.push(host);
    const port = host.brokers[0].port;
    expect(host.bootstrap).toBe(`127.0.0.1:${port}`);
    expect(host.dataDir).toBe(dataDir);
    const c = await KafkaTestClient.connect(port);
    expect((await c.send(apiVersionsApi, 3, { clientSoftwareName: 't', clientSoftwareVersion: '1' })).errorCode).toBe(0);
    const md = await c.send(metadataApi, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(md.brokers.map((b) => b.port)).toEqual([port]);
    c.close();
    if (existsSync('/usr/bin/kcat')) {
      const lines = Array.from({ length: 500 }, (_, i) => `record-${i}`);
      execFileSync('/usr/bin/kcat', ['-b', host.bootstrap, '-P', '-t', 'hosted', '-X', 'acks=1'], { input: `${lines.join('\n')}\n`, timeout: 20_000 });
      const out = execFileSync('/usr/bin/kcat', ['-b', host.bootstrap, '-C', '-t', 'hosted', '-o', 'beginning', '-e', '-q'], { timeout: 20_000 }).toString();
      expect(out.trim().split('\n')).toEqual(lines);
    }
    await host.stop();
    await expect(KafkaTestClient.connect(port)).rejects.toThrow(/ECONNREFUSED/);
    // The data dir lock is released and the data is there for the next start.
    const again = await ClusterHost.start({ dataDir, port: 0 });
    hosts.push(again);
    expect(readdirSync(dataDir)).toContain('broker-1');
    if (existsSync('/usr/bin/kcat')) {
      const out = execFileSync('/usr/bin/kcat', ['-b', again.bootstrap, '-C', '-t', 'hosted', '-o', 'beginning', '-e', '-q'], { timeout: 20_000 }).toString();
      expect(out.trim().split('\n')).toHaveLength(500);
    }
  });

  it("reports LocalCluster's start errors with their code: data dir in use, port in use", async () => {
    const dataDir = tempDir();
    const first = await ClusterHost.start({ dataDir, port: 0 });
    hosts.push(first);
    expect(await rejection(ClusterHost.start({ dataDir, port: 0 }))).toMatchObject({ name: 'ClusterError', code: 'DATA_DIR_IN_USE' });
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const taken = (blocker.address() as { port: number }).port;
      expect(await rejection(ClusterHost.start({ dataDir: tempDir(), port: taken }))).toMatchObject({ name: 'ClusterError', code: 'PORT_IN_USE' });
    } finally {
      blocker.close();
    }
  });

  it('carries a 3-broker cluster\'s control surface across the thread: status, kill/start, events, replication, errors', async () => {
    const FAST = new Map([['broker.heartbeat.interval.ms', '50'], ['broker.session.timeout.ms', '500'], ['offsets.topic.num.partitions', '3']]);
    const host = await ClusterHost.start({ dataDir: tempDir(), brokers: 3, port: 0, config: FAST, logger: { info: () => {}, warn: () => {} } });
    hosts.push(host);
    const events: ClusterEvent[] = [];
    host.control.onEvent((e) => events.push(e));
    const status = await host.control.status();
    expect(status.brokers.map((b) => [b.nodeId, b.state])).toEqual([[1, 'running'], [2, 'running'], [3, 'running']]);
    expect(host.brokers.map((b) => b.port)).toEqual(status.brokers.map((b) => b.port));
    // The start's events are in the backlog, fetched by name.
    const backlog = await host.control.events();
    expect(backlog.filter((e) => e.kind === 'broker-registered').map((e) => e.brokerId).sort()).toEqual([1, 2, 3]);

    if (existsSync('/usr/bin/kcat')) {
      execFileSync('/usr/bin/kcat', ['-b', host.bootstrap, '-P', '-t', 'across', '-X', 'acks=all'], { input: 'a\nb\nc\n', timeout: 20_000 });
      await until(async () => (await host.control.replication('across')).some((p) => p.highWatermark === 3n), 15_000);
      const [p0] = await host.control.replication('across');
      expect(typeof p0.highWatermark).toBe('bigint');
      expect(p0.replicas.length).toBeGreaterThanOrEqual(1);
    }

    await host.control.killBroker(2);
    await until(() => events.some((e) => e.kind === 'broker-fenced' && e.brokerId === 2), 15_000);
    expect((await host.control.status()).brokers[1].state).toBe('killed');
    await host.control.startBroker(2);
    await until(() => events.some((e) => e.kind === 'broker-unfenced' && e.brokerId === 2 && e.seq > events.find((f) => f.kind === 'broker-fenced')!.seq), 15_000);
    const fenced = events.find((e) => e.kind === 'broker-fenced')!;
    expect(typeof fenced.cause).toBe('string');
    expect(fenced.time).toBeGreaterThan(0);

    expect(await rejection(host.control.stopBroker(7))).toMatchObject({ name: 'ClusterError', code: 'NO_SUCH_BROKER' });
    expect(await rejection(host.control.pauseBroker(7))).toMatchObject({ name: 'ClusterError', code: 'NO_SUCH_BROKER' });
    await host.stop();
  });

  it('answers by name for methods LocalCluster does not have (yet) with NO_SUCH_METHOD', async () => {
    const host = await ClusterHost.start({ dataDir: tempDir(), port: 0 });
    hosts.push(host);
    expect(await rejection(host.call('definitelyNotAMethod'))).toMatchObject({ code: 'NO_SUCH_METHOD' });
  });
});

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
