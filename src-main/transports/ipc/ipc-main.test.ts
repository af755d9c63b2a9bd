// Electron cannot run here, so ipcMain and WebContents are stood in for by minimal fakes with the same
// shape; the handler logic under test (sender checks, dispatch, subscriptions, cleanup) is the real one.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import { IPC } from '../../contract/index.js';
import { ClusterRegistry, MetricsSampler, createServiceHandlers } from '../../services/index.js';
import { Dispatcher } from '../dispatcher.js';
import { serveIpc } from './ipc-main.js';

class FakeContents extends EventEmitter {
  sent: unknown[][] = [];
  destroyed = false;
  send(...args: unknown[]) { this.sent.push(args); }
  isDestroyed() { return this.destroyed; }
}

function setup() {
  const handlers = new Map<string, (e: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = { handle: (ch: string, fn: (e: unknown, ...a: unknown[]) => unknown) => handlers.set(ch, fn) } as unknown as IpcMain;
  const sampler = new MetricsSampler(30);
  sampler.start();
  const dispatcher = new Dispatcher(createServiceHandlers({ version: '1', sampler, clusters: new ClusterRegistry() }));
  serveIpc(ipcMain, dispatcher, (url) => url.startsWith('file:///app/out/renderer/'));
  const contents = new FakeContents();
  const event = (url = 'file:///app/out/renderer/index.html') => ({ senderFrame: { url }, sender: contents });
  const invoke = (ch: string, e: unknown, ...args: unknown[]) => Promise.resolve(handlers.get(ch)!(e, ...args));
  return { invoke, event, contents, sampler };
}

describe('IPC transport (main side)', () => {
  it('answers calls from our renderer, bigint intact', async () => {
    const { invoke, event, sampler } = setup();
    const r = await invoke(IPC.call, event(), 'system.info', {}) as { ok: boolean; value: { transport: string; hrStartNs: bigint } };
    expect(r.ok).toBe(true);
    expect(r.value.transport).toBe('ipc');
    expect(typeof r.value.hrStartNs).toBe('bigint');
    sampler.stop();
  });

  it('refuses calls and subscriptions from any other frame', async () => {
    const { invoke, event, sampler } = setup();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', '']) {
      const r = await invoke(IPC.call, event(url), 'system.info', {}) as { ok: boolean; error: { code: string } };
      expect(r).toMatchObject({ ok: false, error: { code: 'TP_TRANSPORT' } });
      const s = await invoke(IPC.subscribe, event(url), 1, 'system.metrics', {}) as { ok: boolean };
      expect(s.ok).toBe(false);
    }
    sampler.stop();
  });

  it('validates arguments like every transport', async () => {
    const { invoke, event, sampler } = setup();
    const r = await invoke(IPC.call, event(), 'system.ping', { echo: 1 }) as { ok: boolean; error: { code: string; message: string } };
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('TP_VALIDATION');
    expect(r.error.message).toMatch(/echo/);
    sampler.stop();
  });

  it('pushes events to the window and cleans up on unsubscribe and on destroy', async () => {
    const { invoke, event, contents, sampler } = setup();
    expect(await invoke(IPC.subscribe, event(), 5, 'system.metrics', {})).toMatchObject({ ok: true });
    expect(await invoke(IPC.subscribe, event(), 6, 'system.metrics', {})).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(contents.sent.some(([ch, id]) => ch === IPC.event && id === 5)).toBe(true);
    await invoke(IPC.unsubscribe, event(), 5);
    contents.emit('destroyed');
    contents.sent = [];
    await new Promise((r) => setTimeout(r, 100));
    expect(contents.sent).toEqual([]);
    sampler.stop();
  });
});
