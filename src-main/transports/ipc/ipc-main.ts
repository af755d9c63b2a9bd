/**
 * Electron main side of the contract: one invoke channel for calls, one for (un)subscribing, and one
 * event channel pushed to the window. Every message's sender frame must be our own renderer; anything
 * else is refused. Structured clone carries bigint and Uint8Array, so no JSON tagging is needed here.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { TidepoolError } from '../../common/index.js';
import { IPC, type Unsubscribe } from '../../contract/index.js';
import type { Dispatcher } from '../dispatcher.js';

export function serveIpc(ipcMain: IpcMain, dispatcher: Dispatcher, isTrustedUrl: (url: string) => boolean): void {
  const subsByContents = new Map<WebContents, Map<number, Unsubscribe>>();

  const checkSender = (e: IpcMainInvokeEvent) => {
    const url = e.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) throw new TidepoolError('TP_TRANSPORT', `IPC from an untrusted frame (${url}) refused.`);
  };

  ipcMain.handle(IPC.call, async (e, method: unknown, args: unknown) => {
    try { checkSender(e); } catch (err) { return { ok: false, error: TidepoolError.from(err).toJSON() }; }
    return dispatcher.call(String(method), args, { transport: 'ipc' });
  });

  ipcMain.handle(IPC.subscribe, (e, id: unknown, name: unknown, args: unknown) => {
    try {
      checkSender(e);
      if (!Number.isSafeInteger(id)) throw new TidepoolError('TP_VALIDATION', 'Subscription id must be an integer.');
      const contents = e.sender;
      let subs = subsByContents.get(contents);
      if (!subs) {
        subs = new Map();
        subsByContents.set(contents, subs);
        contents.once('destroyed', () => {
          for (const u of subsByContents.get(contents)?.values() ?? []) u();
          subsByContents.delete(contents);
        });
      }
      const emit = (value: unknown) => { if (!contents.isDestroyed()) contents.send(IPC.event, id, value); };
      subs.set(id as number, dispatcher.subscribe(String(name), args, emit, { transport: 'ipc' }));
      return { ok: true, value: null };
    } catch (err) {
      return { ok: false, error: TidepoolError.from(err).toJSON() };
    }
  });

  ipcMain.handle(IPC.unsubscribe, (e, id: unknown) => {
    const subs = subsByContents.get(e.sender);
    subs?.get(id as number)?.();
    subs?.delete(id as number);
  });
}
