// The app's composition root driving its local cluster through the API, with the cluster in its worker
// thread (the proxy's asynchronous control): restart it with 3 brokers, stop a broker, and watch the events
// arrive on the subscription (fenced and leader change, with cause), then the whole cluster stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalClusterEvent, LocalClusterInfo } from '../contract/index.js';
import { createCore } from './compose.js';

const ctx = { transport: 'in-process' as const };

describe('createCore: localCluster.* over the worker-hosted cluster', () => {
  const saved = process.env.TIDEPOOL_DATA_DIR;
  const dir = mkdtempSync(join(tmpdir(), 'tidepool-core-lc-'));
  process.env.TIDEPOOL_DATA_DIR = dir;
  const core = createCore({ appRoot: process.cwd(), embeddedCluster: true });
  afterAll(async () => {
    await core.close();
    if (saved === undefined) delete process.env.TIDEPOOL_DATA_DIR; else process.env.TIDEPOOL_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  const call = async <T = LocalClusterInfo>(name: string, input: unknown): Promise<T> => {
    const res = await core.dispatcher.call(name, input, ctx);
    if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
    return res.value as T;
  };
  const until = async <T>(what: string, fn: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (ok(v)) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('restarts the app\'s cluster with 3 brokers and reports a broker stop as events with cause', async () => {
    const first = await until('the embedded cluster', () => call('localCluster.status', {}), (i) => i.running);
    expect(first).toMatchObject({ run: 1, brokerCount: 1 });
    expect(first.status?.brokers).toHaveLength(1);
    expect(await call('localCluster.stop', {})).toMatchObject({ state: 'stopped' });
    expect(core.clusters.list()).toEqual([]);

    const started = await call('localCluster.start', { brokers: 3 });
    expect(started).toMatchObject({ state: 'running', run: 2, brokerCount: 3 });
    expect(started.status?.brokers.map((b) => b.state)).toEqual(['running', 'running', 'running']);
    expect(core.clusters.list()[0].bootstrap.split(',')).toHaveLength(3);

    const got: LocalClusterEvent[] = [];
    const off = core.dispatcher.subscribe('localCluster.events', {}, (e) => got.push(e as LocalClusterEvent), ctx);
    try {
      await until('the backlog', () => got.length, (n) => n >= 6);
      expect(got.every((e) => e.run === 2)).toBe(true);
      await call('localCluster.stopBroker', { nodeId: 1 });
      const fenced = await until('broker-fenced', () => got.find((e) => e.kind === 'broker-fenced' && e.brokerId === 1), (e) => e !== undefined);
      expect(fenced!.cause).toBe('broker 1 stopped');
      const move = await until('controller-move', () => got.find((e) => e.kind === 'controller-move'), (e) => e !== undefined);
      expect(move!.detail).toMatchObject({ from: 1 });
      const info = await call('localCluster.status', {});
      expect(info.status?.brokers[0]).toMatchObject({ nodeId: 1, state: 'stopped', fenced: true });
      await expect(call('localCluster.stopBroker', { nodeId: 1 })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
      await expect(call('localCluster.slowBroker', { nodeId: 9, fetchDelayMs: 5 })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
    } finally {
      off();
    }
  }, 60_000);
});
