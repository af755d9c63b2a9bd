// localCluster.* through the Dispatcher (zod inputs, error serialisation): life-cycle of the whole cluster
// with a real one-broker LocalCluster registered in a real ClusterRegistry, every error path, and the event
// stream's backlog/live/restart semantics over a recording LocalClusterControl.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '../cluster/index.js';
import type { ClusterEvent, LocalClusterControl, LocalClusterStatus } from '../cluster/control.js';
import type { LocalClusterEvent, LocalClusterInfo } from '../contract/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { type ClusterControlPort, LocalClusterHost, type RunningLocalCluster } from './local-cluster-host.js';
import { MetricsSampler } from './metrics-sampler.js';
import { createServiceHandlers } from './service-handlers.js';

const ctx = { transport: 'in-process' as const };
/** Lets promise chains (backlog fetches, state notifications) run. */
const flush = () => new Promise<void>((r) => setImmediate(r));

function harness(host: LocalClusterHost, registry = new ClusterRegistry()) {
  const d = new Dispatcher(createServiceHandlers({ version: 't', sampler: new MetricsSampler(), clusters: registry, localCluster: host }));
  const call = async <T = LocalClusterInfo>(name: string, input: unknown): Promise<T> => {
    const res = await d.call(name, input, ctx);
    if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
    return res.value as T;
  };
  return { d, call, registry };
}

describe('localCluster service on a real one-broker cluster', () => {
  let dir: string;
  let host: LocalClusterHost;
  let h: ReturnType<typeof harness>;
  const started: LocalCluster[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-lc-svc-'));
    const registry = new ClusterRegistry();
    host = new LocalClusterHost({
      registry,
      start: async (brokers): Promise<RunningLocalCluster> => {
        const c = await LocalCluster.start({ dataDir: dir, brokers, port: 0 });
        started.push(c);
        return { control: c, bootstrap: c.bootstrap, stop: () => c.stop() };
      },
    });
    h = harness(host, registry);
  });
  afterAll(async () => {
    await host.stop();
    await h.registry.close();
    for (const c of started) await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a stopped cluster and refuses broker actions until started', async () => {
    expect(await h.call('localCluster.status', {})).toEqual({ state: 'stopped', running: false, run: 0, brokerCount: 0, status: null, error: null });
    await expect(h.call('localCluster.killBroker', { nodeId: 1 })).rejects.toMatchObject({ code: 'TP_UNAVAILABLE', message: /not running/ });
    await expect(h.call('localCluster.replication', {})).rejects.toMatchObject({ code: 'TP_UNAVAILABLE' });
    expect(h.registry.list()).toEqual([]);
  });

  it('starts, registers the local profile, refuses a second start, stops and unregisters', async () => {
    const info = await h.call('localCluster.start', { brokers: 1 });
    expect(info).toMatchObject({ state: 'running', running: true, run: 1, brokerCount: 1, error: null });
    const status = info.status as LocalClusterStatus;
    expect(status.brokers).toHaveLength(1);
    expect(status.brokers[0]).toMatchObject({ nodeId: 1, state: 'running', controller: true });
    expect(h.registry.list()[0]).toMatchObject({ id: LOCAL_CLUSTER_ID, bootstrap: status.bootstrap });
    await expect(h.call('localCluster.start', { brokers: 1 })).rejects.toMatchObject({ code: 'TP_CONFLICT', message: /already running/ });

    await expect(h.call('localCluster.stopBroker', { nodeId: 7 })).rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /no broker 7/ });
    await expect(h.call('localCluster.isolateBroker', { nodeId: 1, mode: 'sideways' })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(h.call('localCluster.start', { brokers: 10 })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(h.call('localCluster.startBroker', { nodeId: 1 })).rejects.toMatchObject({ code: 'TP_CONFLICT', message: /it is running/ });

    const stopped = await h.call('localCluster.stop', {});
    expect(stopped).toMatchObject({ state: 'stopped', running: false, run: 1, status: null });
    expect(h.registry.list()).toEqual([]);
    // Stopping a stopped cluster is a no-op, and it starts again (run 2) on the same data.
    expect(await h.call('localCluster.stop', {})).toMatchObject({ state: 'stopped' });
    expect(await h.call('localCluster.start', { brokers: 1 })).toMatchObject({ state: 'running', run: 2 });
    expect(h.registry.list()[0]?.id).toBe(LOCAL_CLUSTER_ID);
    await h.call('localCluster.stop', {});
  });

  it('reports a failed start (port taken) as state failed with the reason, and can start again', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as AddressInfo).port;
    let port = taken;
    const bad = harness(new LocalClusterHost({
      start: async (brokers) => {
        const c = await LocalCluster.start({ dataDir: dir, brokers, port });
        started.push(c);
        return { control: c, bootstrap: c.bootstrap, stop: () => c.stop() };
      },
    }));
    try {
      await expect(bad.call('localCluster.start', { brokers: 1 })).rejects.toMatchObject({ code: 'TP_UNAVAILABLE', message: /did not start: .*in use/ });
      const info = await bad.call('localCluster.status', {});
      expect(info).toMatchObject({ state: 'failed', running: false, brokerCount: 1, status: null });
      expect(info.error).toMatch(/already in use/);
      port = 0;
      expect(await bad.call('localCluster.start', { brokers: 1 })).toMatchObject({ state: 'running', run: 1, error: null });
      await bad.call('localCluster.stop', {});
    } finally {
      blocker.close();
    }
  });

  it('refuses start when the app run has no local cluster', async () => {
    const none = harness(new LocalClusterHost());
    await expect(none.call('localCluster.start', { brokers: 1 })).rejects.toMatchObject({ code: 'TP_UNAVAILABLE', message: /no local cluster/ });
  });
});

/** Records calls and emits events on demand: stands in for the cluster to pin the stream's semantics. */
class RecordingControl implements LocalClusterControl {
  readonly calls: string[] = [];
  private readonly log: ClusterEvent[] = [];
  private readonly listeners = new Set<(e: ClusterEvent) => void>();
  readonly brokerStates = new Map<number, LocalClusterStatus['brokers'][number]['state']>([[1, 'running'], [2, 'running'], [3, 'stopped']]);

  emit(kind: ClusterEvent['kind'], cause: string): ClusterEvent {
    const e: ClusterEvent = { seq: this.log.length + 1, time: Date.now(), kind, cause };
    this.log.push(e);
    for (const cb of this.listeners) cb(e);
    return e;
  }

  status(): LocalClusterStatus {
    return {
      clusterId: 'c', controllerId: 1, bootstrap: '127.0.0.1:1', dataDir: '/x',
      brokers: [...this.brokerStates].map(([nodeId, state]) => ({
        nodeId, host: '127.0.0.1', port: nodeId, state, fenced: false, paused: false, isolation: 'none', fetchDelayMs: 0,
        controller: nodeId === 1, leaders: 0, replicas: 0,
      })),
    };
  }
  async stopBroker(n: number) { this.calls.push(`stop ${n}`); }
  async killBroker(n: number) { this.calls.push(`kill ${n}`); }
  async startBroker(n: number) { this.calls.push(`start ${n}`); }
  async restartBroker(n: number) { this.calls.push(`restart ${n}`); }
  pauseBroker(n: number) { this.calls.push(`pause ${n}`); }
  resumeBroker(n: number) { this.calls.push(`resume ${n}`); }
  slowBroker(n: number, ms: number) { this.calls.push(`slow ${n} ${ms}`); }
  isolateBroker(n: number, mode: string) { this.calls.push(`isolate ${n} ${mode}`); }
  healBroker(n: number) { this.calls.push(`heal ${n}`); }
  replication() { return []; }
  events(sinceSeq?: number) { return this.log.filter((e) => sinceSeq === undefined || e.seq > sinceSeq); }
  onEvent(cb: (e: ClusterEvent) => void) { this.listeners.add(cb); return () => { this.listeners.delete(cb); }; }
}

describe('localCluster service: actions and the event stream', () => {
  const controls: RecordingControl[] = [];
  const host = new LocalClusterHost({
    start: async () => {
      const control = new RecordingControl();
      control.emit('broker-registered', 'broker 1 started');
      controls.push(control);
      return { control, bootstrap: '127.0.0.1:1', stop: async () => {} };
    },
  });
  const h = harness(host);
  const subs: (() => void)[] = [];
  afterEach(() => { for (const u of subs.splice(0)) u(); });

  it('passes each action through once the broker\'s state allows it', async () => {
    await h.call('localCluster.start', { brokers: 3 });
    const c = controls[0];
    await h.call('localCluster.killBroker', { nodeId: 2 });
    await h.call('localCluster.startBroker', { nodeId: 3 });
    await h.call('localCluster.restartBroker', { nodeId: 1 });
    await h.call('localCluster.stopBroker', { nodeId: 1 });
    await h.call('localCluster.pauseBroker', { nodeId: 1 });
    await h.call('localCluster.resumeBroker', { nodeId: 1 });
    await h.call('localCluster.slowBroker', { nodeId: 2, fetchDelayMs: 250 });
    await h.call('localCluster.isolateBroker', { nodeId: 2, mode: 'clients' });
    await h.call('localCluster.healBroker', { nodeId: 2 });
    expect(c.calls).toEqual(['kill 2', 'start 3', 'restart 1', 'stop 1', 'pause 1', 'resume 1', 'slow 2 250', 'isolate 2 clients', 'heal 2']);
    // Broker 3 is stopped: faults and stop do not fit; heal and un-isolate still do.
    await expect(h.call('localCluster.pauseBroker', { nodeId: 3 })).rejects.toMatchObject({ code: 'TP_CONFLICT', message: /pause broker 3: it is stopped/ });
    await expect(h.call('localCluster.stopBroker', { nodeId: 3 })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
    await expect(h.call('localCluster.killBroker', { nodeId: 3 })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
    await expect(h.call('localCluster.isolateBroker', { nodeId: 3, mode: 'all' })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
    await expect(h.call('localCluster.slowBroker', { nodeId: 3, fetchDelayMs: 5 })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
    await h.call('localCluster.isolateBroker', { nodeId: 3, mode: 'none' });
    await h.call('localCluster.healBroker', { nodeId: 3 });
    await expect(h.call('localCluster.healBroker', { nodeId: 4 })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });

  it('sends the backlog then live events, honours sinceSeq, and follows a restart', async () => {
    const c = controls[0];
    c.emit('broker-fenced', 'broker 2 killed');
    const got: LocalClusterEvent[] = [];
    subs.push(h.d.subscribe('localCluster.events', {}, (e) => got.push(e as LocalClusterEvent), ctx));
    // A live event while the backlog is being fetched comes after it, once.
    c.emit('leader-change', 'broker 2 lost');
    await flush();
    expect(got.map((e) => [e.run, e.seq, e.kind])).toEqual([[1, 1, 'broker-registered'], [1, 2, 'broker-fenced'], [1, 3, 'leader-change']]);
    c.emit('isr-shrink', 'replica 2 gone');
    expect(got.at(-1)).toMatchObject({ run: 1, seq: 4, kind: 'isr-shrink', cause: 'replica 2 gone' });
    expect(got).toHaveLength(4);

    const since: LocalClusterEvent[] = [];
    subs.push(h.d.subscribe('localCluster.events', { sinceSeq: 2, run: 1 }, (e) => since.push(e as LocalClusterEvent), ctx));
    // sinceSeq of another run: the whole backlog of this one.
    const other: LocalClusterEvent[] = [];
    subs.push(h.d.subscribe('localCluster.events', { sinceSeq: 2, run: 7 }, (e) => other.push(e as LocalClusterEvent), ctx));
    await flush();
    expect(since.map((e) => e.seq)).toEqual([3, 4]);
    expect(other.map((e) => e.seq)).toEqual([1, 2, 3, 4]);

    const states: LocalClusterInfo[] = [];
    subs.push(h.d.subscribe('localCluster.state', {}, (s) => states.push(s as LocalClusterInfo), ctx));
    await flush();
    await h.call('localCluster.stop', {});
    c.emit('isr-shrink', 'after stop: not forwarded');
    await h.call('localCluster.start', { brokers: 3 });
    controls[1].emit('isr-expand', 'caught up');
    await flush();
    await host.settled();
    expect(got.slice(4).map((e) => [e.run, e.seq, e.kind])).toEqual([[2, 1, 'broker-registered'], [2, 2, 'isr-expand']]);
    expect(states.map((s) => s.state)).toEqual(['running', 'stopping', 'stopped', 'starting', 'running']);
    expect(states.at(-1)).toMatchObject({ run: 2, running: true });
    expect(states.at(-1)?.status?.brokers).toHaveLength(3);
  });

  it('stops a subscription on unsubscribe, and refuses a bad sinceSeq', async () => {
    const got: unknown[] = [];
    const off = h.d.subscribe('localCluster.events', {}, (e) => got.push(e), ctx);
    await flush();
    const n = got.length;
    expect(n).toBe(2);
    off();
    controls[1].emit('fault', 'x');
    expect(got.length).toBe(n);
    expect(() => h.d.subscribe('localCluster.events', { sinceSeq: 'x' }, () => {}, ctx)).toThrow(/Invalid arguments/);
  });
});

describe('localCluster service over an asynchronous control (the worker-thread proxy\'s shape)', () => {
  it('buffers live events while the backlog is fetched, then sends both in order, once', async () => {
    const inner = new RecordingControl();
    inner.emit('broker-registered', 'b1');
    inner.emit('broker-registered', 'b2');
    let releaseBacklog = () => {};
    const control: ClusterControlPort = {
      ...Object.fromEntries(['stopBroker', 'killBroker', 'startBroker', 'restartBroker', 'pauseBroker', 'resumeBroker', 'slowBroker', 'isolateBroker', 'healBroker', 'replication']
        .map((m) => [m, async (...a: unknown[]) => (inner as unknown as Record<string, (...x: unknown[]) => unknown>)[m](...a)])),
      status: async () => inner.status(),
      events: (since?: number) => new Promise<ClusterEvent[]>((r) => { releaseBacklog = () => r(inner.events(since)); }),
      onEvent: (cb) => inner.onEvent(cb),
    } as ClusterControlPort;
    const h = harness(new LocalClusterHost({ start: async () => ({ control, bootstrap: 'x:1', stop: async () => {} }) }));
    await h.call('localCluster.start', { brokers: 3 });
    const got: LocalClusterEvent[] = [];
    const off = h.d.subscribe('localCluster.events', {}, (e) => got.push(e as LocalClusterEvent), ctx);
    inner.emit('leader-change', 'live during the fetch');
    await flush();
    expect(got).toEqual([]);
    releaseBacklog();
    await flush();
    expect(got.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await h.call('localCluster.status', {})).status?.brokers).toHaveLength(3);
    await h.call('localCluster.killBroker', { nodeId: 2 });
    expect(inner.calls).toEqual(['kill 2']);
    off();
  });

  it('turns the cluster\'s own errors into TidepoolErrors by their code', async () => {
    const inner = new RecordingControl();
    const fail = (code: string) => async () => { throw Object.assign(new Error(`cluster says ${code}`), { code }); };
    const control = Object.assign(Object.create(inner) as RecordingControl, {
      killBroker: fail('NO_SUCH_BROKER'), pauseBroker: fail('BAD_FAULT'), stopBroker: fail('EWEIRD'),
    });
    const h = harness(new LocalClusterHost({ start: async () => ({ control, bootstrap: 'x:1', stop: async () => {} }) }));
    await h.call('localCluster.start', { brokers: 3 });
    await expect(h.call('localCluster.killBroker', { nodeId: 1 })).rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: 'cluster says NO_SUCH_BROKER' });
    await expect(h.call('localCluster.pauseBroker', { nodeId: 1 })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
    await expect(h.call('localCluster.stopBroker', { nodeId: 1 })).rejects.toMatchObject({ code: 'TP_INTERNAL', message: 'cluster says EWEIRD' });
  });
});

describe('localCluster service when the cluster dies on its own (the worker thread crashed)', () => {
  it('reports the run as failed with the reason, drops the local profile, and can start again', async () => {
    let crash: (err: Error) => void = () => {};
    let stops = 0;
    const registry = new ClusterRegistry();
    const host = new LocalClusterHost({
      registry,
      start: async () => ({
        control: new RecordingControl(), bootstrap: '127.0.0.1:1', stop: async () => { stops++; },
        onCrash: (cb) => { crash = cb; return () => { crash = () => {}; }; },
      }),
    });
    const h = harness(host, registry);
    const states: string[] = [];
    host.onState((i) => states.push(i.state));
    await h.call('localCluster.start', { brokers: 1 });
    expect(registry.list().map((c) => c.id)).toEqual([LOCAL_CLUSTER_ID]);
    crash(new Error("the cluster's worker thread exited with code 1"));
    await host.settled();
    await flush();
    await host.settled();
    const info = await h.call('localCluster.status', {});
    expect(info).toMatchObject({ state: 'failed', running: false, status: null, error: expect.stringMatching(/stopped unexpectedly: .*exited with code 1/) });
    expect(states.at(-1)).toBe('failed');
    expect(registry.list()).toEqual([]);
    await expect(h.call('localCluster.killBroker', { nodeId: 1 })).rejects.toMatchObject({ code: 'TP_UNAVAILABLE' });
    // A dead run is not stopped again; the next start is a new run.
    expect(stops).toBe(0);
    const again = await h.call('localCluster.start', { brokers: 1 });
    expect(again).toMatchObject({ state: 'running', run: 2 });
    await h.call('localCluster.stop', {});
    expect(stops).toBe(1);
    await registry.close();
  });
});
