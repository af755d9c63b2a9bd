import { describe, expect, it } from 'vitest';
import { TidepoolError } from '../common/index.js';
import { ClusterRegistry, MetricsSampler, createServiceHandlers, type ServiceHandlers } from '../services/index.js';
import { Dispatcher } from './dispatcher.js';

function makeDispatcher(overrides: Partial<ServiceHandlers> = {}) {
  const sampler = new MetricsSampler(50);
  const handlers: ServiceHandlers = {
    ...createServiceHandlers({ version: '9.9.9', sampler, clusters: new ClusterRegistry() }),
    ...overrides,
  };
  return { dispatcher: new Dispatcher(handlers), sampler };
}

const ctx = { transport: 'in-process' as const };

describe('Dispatcher', () => {
  it('answers a valid call', async () => {
    const { dispatcher } = makeDispatcher();
    const r = await dispatcher.call('system.ping', { echo: 'hi' }, ctx);
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as { echo: string }).echo).toBe('hi');
  });

  it('refuses invalid arguments with a readable message naming the field', async () => {
    const { dispatcher } = makeDispatcher();
    const r = await dispatcher.call('system.ping', { echo: 5 }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('TP_VALIDATION');
    expect(r.error.message).toMatch(/system\.ping/);
    expect(r.error.message).toMatch(/echo/);
    expect(r.error.message).toMatch(/expected string/);
  });

  it('refuses unknown keys, unknown methods, and prototype names', async () => {
    const { dispatcher } = makeDispatcher();
    const extra = await dispatcher.call('system.ping', { echo: 'x', evil: 1 }, ctx);
    expect(!extra.ok && extra.error.code).toBe('TP_VALIDATION');
    for (const name of ['nope.nothing', '__proto__', 'constructor', 'toString']) {
      const r = await dispatcher.call(name, {}, ctx);
      expect(!r.ok && r.error.code).toBe('TP_UNKNOWN_METHOD');
    }
  });

  it('tells a method from an event', async () => {
    const { dispatcher } = makeDispatcher();
    const r = await dispatcher.call('system.metrics', {}, ctx);
    expect(!r.ok && r.error.message).toMatch(/is an event/);
    expect(() => dispatcher.subscribe('system.info', {}, () => {}, ctx)).toThrow(/is a method/);
  });

  it('turns a throwing handler into a typed error and keeps serving', async () => {
    const { dispatcher } = makeDispatcher({
      'system.info': () => { throw new TidepoolError('TP_NOT_FOUND', 'gone'); },
      'clusters.list': () => { throw new Error('boom'); },
    });
    const a = await dispatcher.call('system.info', {}, ctx);
    expect(!a.ok && a.error).toEqual({ code: 'TP_NOT_FOUND', message: 'gone' });
    const b = await dispatcher.call('clusters.list', {}, ctx);
    expect(!b.ok && b.error).toEqual({ code: 'TP_INTERNAL', message: 'boom' });
    expect((await dispatcher.call('system.ping', { echo: 'still here' }, ctx)).ok).toBe(true);
  });

  it('streams metrics to a subscriber until it unsubscribes', async () => {
    const { dispatcher, sampler } = makeDispatcher();
    sampler.start();
    const got: unknown[] = [];
    const unsub = dispatcher.subscribe('system.metrics', {}, (e) => got.push(e), ctx);
    await new Promise((r) => setTimeout(r, 180));
    unsub();
    const n = got.length;
    expect(n).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 120));
    expect(got.length).toBe(n);
    sampler.stop();
    expect(got[0]).toMatchObject({ rssBytes: expect.any(Number), cpuPercent: expect.any(Number) });
  });
});
