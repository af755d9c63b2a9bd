import { afterEach, describe, expect, it } from 'vitest';
import { TidepoolError } from '../common/index.js';
import { startTestBroker, waitFor, type TestBroker } from '../broker/test-support/test-broker.js';
import { backoffDelay, ConnectionPool, type PoolState } from './connection-pool.js';
import { kafkajsBackend } from './kafkajs-backend.js';
import { profileInputSchema, type ConnectionProfile } from './profile.js';
import { closedPort } from './probe/test-support.js';

const prof = (id: string, bootstrap: string): ConnectionProfile => ({ id, kind: 'external', ...profileInputSchema.parse({ name: id, bootstrap: [bootstrap] }) });

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const b = { initialMs: 100, maxMs: 1000, factor: 2 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(b, n))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('ConnectionPool (kafkajs against real brokers)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });
  const broker = async (): Promise<TestBroker> => { const tb = await startTestBroker(); cleanups.push(() => tb.cleanup()); return tb; };
  const pool = (backoff = { initialMs: 50, maxMs: 200 }) => {
    const p = new ConnectionPool({ backendFactory: kafkajsBackend, backoff, backend: { connectTimeoutMs: 1000, requestTimeoutMs: 2000 } });
    cleanups.push(() => p.close());
    return p;
  };

  it('connects lazily on first use, to several clusters at once', async () => {
    const [a, b] = [await broker(), await broker()];
    const p = pool();
    const seen: string[] = [];
    p.onChange((id, s) => seen.push(`${id}:${s.status}`));
    await p.upsert(prof('a', a.broker.bootstrap));
    await p.upsert(prof('b', b.broker.bootstrap));
    expect(p.state('a').status).toBe('disconnected');
    expect(a.broker.connectionCount).toBe(0);
    const [ba, bb] = await Promise.all([p.get('a'), p.get('b')]);
    expect((await ba.describeCluster()).clusterId).toBe(a.broker.clusterId);
    expect((await bb.describeCluster()).clusterId).toBe(b.broker.clusterId);
    expect(await p.get('a')).toBe(ba); // one backend per cluster, reused
    expect(p.state('a')).toMatchObject({ status: 'connected', retries: 0, info: { brokers: [{ port: a.broker.port }] } });
    expect(seen).toEqual(['a:connecting', 'b:connecting', 'a:connected', 'b:connected']);
    await p.disconnect('a');
    expect(p.state('a').status).toBe('disconnected');
    expect(p.state('b').status).toBe('connected');
    await waitFor(() => a.broker.connectionCount === 0, 3000, 'the broker to see the disconnect');
  });

  it('reports a failed connect with a readable error and retries with backoff until the broker appears', async () => {
    const port = await closedPort();
    const p = pool();
    await p.upsert(prof('late', `127.0.0.1:${port}`));
    const states: PoolState[] = [];
    p.onChange((_id, s) => states.push(s));
    const s = await p.connect('late');
    expect(s.status).toBe('error');
    expect(s.error).toMatch(/Cannot connect to "late" \(127\.0\.0\.1:\d+\).*Test connection/);
    expect(s.retries).toBe(1);
    expect(s.nextRetryAt).toBeGreaterThan(Date.now() - 10);
    await waitFor(() => p.state('late').retries >= 2, 3000, 'a second attempt');
    // The broker comes up on that port: the next retry connects.
    const tb = await startTestBroker({ port });
    cleanups.push(() => tb.cleanup());
    await waitFor(() => p.state('late').status === 'connected', 5000, 'the reconnect');
    expect(p.state('late').retries).toBe(0);
    expect(states.some((x) => x.status === 'error' && x.retries >= 2)).toBe(true);
  });

  it('get() rejects with TP_UNAVAILABLE and disconnect() stops the retries', async () => {
    const p = pool({ initialMs: 20, maxMs: 20 });
    await p.upsert(prof('down', `127.0.0.1:${await closedPort()}`));
    const err = await p.get('down').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TidepoolError);
    expect((err as TidepoolError).code).toBe('TP_UNAVAILABLE');
    await p.disconnect('down');
    const retries = p.state('down').retries;
    await new Promise((r) => setTimeout(r, 100));
    expect(p.state('down')).toMatchObject({ status: 'disconnected', retries });
  });

  it('reconnects after reportFailure, and an updated profile reconnects to the new address', async () => {
    const [a, b] = [await broker(), await broker()];
    const p = pool();
    await p.upsert(prof('x', a.broker.bootstrap));
    await p.get('x');
    await p.reportFailure('x', new Error('all brokers gone'));
    expect(p.state('x')).toMatchObject({ status: 'error', error: 'all brokers gone', retries: 1 });
    await waitFor(() => p.state('x').status === 'connected', 3000, 'the reconnect');
    await p.upsert(prof('x', b.broker.bootstrap));
    await waitFor(() => p.state('x').status === 'connected' && p.state('x').info?.clusterId === b.broker.clusterId, 3000, 'the switch');
  });

  it('does not retry a profile the library refuses as invalid', async () => {
    const p = pool({ initialMs: 10, maxMs: 10 });
    await p.upsert(prof('v6', '[::1]:9092'));
    const s = await p.connect('v6');
    expect(s).toMatchObject({ status: 'error', retries: 0, error: expect.stringMatching(/IPv6 literal/) });
    expect(s.nextRetryAt).toBeUndefined();
    await new Promise((r) => setTimeout(r, 50));
    expect(p.state('v6').status).toBe('error');
  });

  it('names unknown ids, and refuses work after close', async () => {
    const p = pool();
    await expect(p.get('nope')).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
    await p.upsert(prof('x', '127.0.0.1:1'));
    await p.remove('x');
    expect(p.has('x')).toBe(false);
    await p.upsert(prof('y', '127.0.0.1:1'));
    await p.close();
    await expect(p.get('y')).rejects.toMatchObject({ code: 'TP_UNAVAILABLE', message: /closed/ });
  });
});

