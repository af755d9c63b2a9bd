/**
 * Preload (sandboxed, built as CommonJS): exposes exactly one object, `window.tidepool`, with call,
 * subscribe and saveExport (main's save dialog). No Node API reaches the renderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type SaveExportRequest } from '../../contract/ipc-channels.js';

type Listener = (value: unknown) => void;
const listeners = new Map<number, Listener>();
let nextId = 1;

ipcRenderer.on(IPC.event, (_e, id: number, value: unknown) => listeners.get(id)?.(value));

contextBridge.exposeInMainWorld('tidepool', {
  call: (method: string, args: unknown) => ipcRenderer.invoke(IPC.call, method, args),
  subscribe: async (name: string, args: unknown, onEvent: Listener) => {
    const id = nextId++;
    listeners.set(id, onEvent);
    const r = await ipcRenderer.invoke(IPC.subscribe, id, name, args);
    if (!r.ok) listeners.delete(id);
    return { ...r, id };
  },
  unsubscribe: (id: number) => {
    listeners.delete(id);
    return ipcRenderer.invoke(IPC.unsubscribe, id);
  },
  saveExport: (request: SaveExportRequest) => ipcRenderer.invoke(IPC.saveExport, request),
});
