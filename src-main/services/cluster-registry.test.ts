import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBroker, waitFor, type TestBroker } from '../broker/test-support/test-broker.js';
import { PassphraseSecretBox, PROFILE_FILE } from '../clients/index.js';
import type { ClusterStatusEvent } from '../contract/index.js';
import { Dispatcher } from '../transports/dispatcher.js';
import { ClusterRegistry, LOCAL_CLUSTER_ID } from './cluster-registry.js';
import { MetricsSampler } from './metrics-sampler.js';
import { createServiceHandlers } from './service-handlers.js';

const ctx = { transport: 'in-process' as const };
const SECRET = 'pa55-w0rd-never-on-disk';

describe('ClusterRegistry and the clusters.* contract', () => {
  let dir: string;
  let tb: TestBroker;
  const registries: ClusterRegistry[] = [];
  const make = (opts: ConstructorParameters<typeof ClusterRegistry>[0] = {}) => {
    const r = new ClusterRegistry({ backoff: { initialMs: 50, maxMs: 100 }, backend: { connectTimeoutMs: 1000, requestTimeoutMs: 2000 }, ...opts });
    registries.push(r);
    return r;
  };
  const dispatcher = (r: ClusterRegistry) =>
    new Dispatcher(createServiceHandlers({ version: 't', sampler: new MetricsSampler(), clusters: r }));
  const call = async (d: Dispatcher, name: string, input: unknown) => {
    const res = await d.call(name, input, ctx);
    if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
    return res.value as never;
  };

  beforeEach(async () => { dir = mkdtempSync(join(tmpdir(), 'tidepool-registry-')); tb = await startTestBroker(); });
  afterEach(async () => {
    for (const r of registries.splice(0)) await r.close();
    await tb.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the local cluster first, connects it and streams status changes', async () => {
    const r = make();
    const d = dispatcher(r);
    const events: ClusterStatusEvent[] = [];
    const unsub = d.subscribe('clusters.status', {}, (e) => events.push(e as ClusterStatusEvent), ctx);
    await call(d, 'clusters.add', { profile: { name: 'aaa external', bootstrap: ['127.0.0.1:1'] } });
    await r.registerLocal(tb.broker.bootstrap);
    const list = await call(d, 'clusters.list', {}) as { id: string; kind: string; status: string }[];
    expect(list.map((c) => c.kind)).toEqual(['local', 'external']);
    expect(list[0]).toMatchObject({ id: LOCAL_CLUSTER_ID, status: 'disconnected' });
    const s = await call(d, 'clusters.connect', { id: LOCAL_CLUSTER_ID }) as { status: string; clusterId: string; brokerCount: number };
    expect(s).toMatchObject({ status: 'connected', clusterId: tb.broker.clusterId, brokerCount: 1 });
    expect(events.map((e) => `${e.id === LOCAL_CLUSTER_ID ? 'local' : 'ext'}:${e.change}:${e.status}`)).toEqual([
      'ext:added:disconnected', 'local:added:disconnected', 'local:status:connecting', 'local:status:connected',
    ]);
    expect(await call(d, 'clusters.disconnect', { id: LOCAL_CLUSTER_ID })).toMatchObject({ status: 'disconnected' });
    unsub();
    await expect(call(d, 'clusters.remove', { id: LOCAL_CLUSTER_ID })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
    await expect(call(d, 'clusters.update', { id: LOCAL_CLUSTER_ID, profile: { name: 'x' } })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
  });

  it('tests a saved profile or an unsaved form through the contract', async () => {
    const d = dispatcher(make());
    const diag = await call(d, 'clusters.test', { profile: { name: 'f', bootstrap: [tb.broker.bootstrap] }, timeoutMs: 2000 }) as { ok: boolean };
    expect(diag.ok).toBe(true);
    const added = await call(d, 'clusters.add', { profile: { name: 'bad', bootstrap: ['kafka.invalid:9092'] } }) as { id: string };
    const bad = await call(d, 'clusters.test', { id: added.id }) as { ok: boolean; steps: { step: string; status: string }[] };
    expect(bad.ok).toBe(false);
    expect(bad.steps[0]).toMatchObject({ step: 'dns', status: 'failed' });
    await expect(call(d, 'clusters.test', {})).rejects.toMatchObject({ code: 'TP_VALIDATION', message: /either id or profile/ });
    await expect(call(d, 'clusters.test', { id: 'missing' })).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });

  it('validates profiles with field-named errors', async () => {
    const d = dispatcher(make());
    await expect(call(d, 'clusters.add', { profile: { name: 'x', bootstrap: ['no-port'] } }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /bootstrap.*host:port/s });
    await expect(call(d, 'clusters.add', { profile: { name: 'x', bootstrap: ['h:1'], tls: { key: '-----BEGIN KEY-----' } } }))
      .rejects.toMatchObject({ code: 'TP_VALIDATION', message: /certificate needs its key/ });
    await expect(call(d, 'clusters.add', { profile: { name: '', bootstrap: ['h:1'] } })).rejects.toMatchObject({ code: 'TP_VALIDATION' });
  });

  it('persists profiles with sealed secrets and keeps an omitted password on update', async () => {
    const box = new PassphraseSecretBox('desk');
    const r = make({ configDir: dir, secretBox: box });
    const d = dispatcher(r);
    const a = await call(d, 'clusters.add', { profile: { name: 'prod', bootstrap: ['k1:9093'], sasl: { mechanism: 'PLAIN', username: 'bob', password: SECRET } } }) as { id: string; sasl: unknown };
    expect(a.sasl).toEqual({ mechanism: 'PLAIN', username: 'bob' }); // never the password
    await call(d, 'clusters.update', { id: a.id, profile: { name: 'prod-2', sasl: { mechanism: 'PLAIN', username: 'bob', password: '' } } });
    expect(readFileSync(join(dir, PROFILE_FILE), 'utf8')).not.toContain(SECRET);
    const again = make({ configDir: dir, secretBox: new PassphraseSecretBox('desk') });
    await again.init();
    expect(again.list()).toMatchObject([{ id: a.id, name: 'prod-2', sasl: { username: 'bob' } }]);
    // The password survived the update: the store holds it sealed, and it opens to the original.
    const file = JSON.parse(readFileSync(join(dir, PROFILE_FILE), 'utf8')) as { profiles: { sasl: { password: { sealed: string } } }[] };
    expect(await box.open(file.profiles[0].sasl.password.sealed)).toBe(SECRET);
    await call(dispatcher(again), 'clusters.remove', { id: a.id });
    expect(JSON.parse(readFileSync(join(dir, PROFILE_FILE), 'utf8')).profiles).toEqual([]);
  });

  it('keeps every profile when several are added at once', async () => {
    const r = make({ configDir: dir, secretBox: new PassphraseSecretBox('k') });
    await Promise.all(Array.from({ length: 8 }, (_, i) => r.add({ name: `c${i}`, bootstrap: [`h${i}:1`] })));
    const again = make({ configDir: dir, secretBox: new PassphraseSecretBox('k') });
    await again.init();
    expect(again.list().map((c) => c.name)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
  });

  it('names a corrupt profile file on every call until it is fixed', async () => {
    writeFileSync(join(dir, PROFILE_FILE), '{ broken');
    const d = dispatcher(make({ configDir: dir, secretBox: new PassphraseSecretBox('k') }));
    await expect(call(d, 'clusters.list', {})).rejects.toMatchObject({ code: 'TP_STORAGE', message: expect.stringContaining(join(dir, PROFILE_FILE)) });
    await expect(call(d, 'clusters.add', { profile: { name: 'x', bootstrap: ['h:1'] } })).rejects.toMatchObject({ code: 'TP_STORAGE' });
    rmSync(join(dir, PROFILE_FILE));
    expect(await call(d, 'clusters.list', {})).toEqual([]);
  });

  it('browser mode: locked until the right passphrase, and a wrong one is named', async () => {
    await make({ configDir: dir, secretBox: new PassphraseSecretBox('open sesame') })
      .add({ name: 'saved', bootstrap: ['k:1'], sasl: { mechanism: 'SCRAM-SHA-256', username: 'u', password: SECRET } });
    const r = make({ configDir: dir });
    const d = dispatcher(r);
    expect(await call(d, 'clusters.list', {})).toEqual([]);
    await expect(call(d, 'clusters.add', { profile: { name: 'x', bootstrap: ['h:1'] } })).rejects.toMatchObject({ code: 'TP_CONFLICT', details: { reason: 'locked' } });
    await expect(call(d, 'clusters.unlock', { passphrase: 'guess' })).rejects.toMatchObject({ code: 'TP_VALIDATION', message: /passphrase is wrong/ });
    expect(await call(d, 'clusters.unlock', { passphrase: 'open sesame' })).toEqual({ unlocked: true, profiles: 1 });
    expect((await call(d, 'clusters.list', {}) as { name: string }[]).map((c) => c.name)).toEqual(['saved']);
    await expect(call(d, 'clusters.unlock', { passphrase: 'open sesame' })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
    await expect(call(dispatcher(make()), 'clusters.unlock', { passphrase: 'x' })).rejects.toMatchObject({ code: 'TP_CONFLICT' });
  });

  it('reconnects a connected profile when its address changes, and reports a dead one with its retry time', async () => {
    const r = make();
    const p = await r.add({ name: 'x', bootstrap: ['127.0.0.1:1'] });
    const failed = await r.connect(p.id);
    expect(failed).toMatchObject({ status: 'error', retries: 1 });
    expect(failed.error).toMatch(/Cannot connect to "x"/);
    expect(failed.nextRetryAt).toBeGreaterThan(0);
    await r.update(p.id, { bootstrap: [tb.broker.bootstrap] });
    await waitFor(() => r.list()[0].status === 'connected', 5000, 'reconnect to the new address');
    expect((await r.backend(p.id)).library).toBe('kafkajs 2.2.4');
    await expect(r.backend('nope')).rejects.toMatchObject({ code: 'TP_NOT_FOUND' });
  });
});
