/**
 * The renderer's one door to the core. Picks the transport once at start-up: the Electron preload bridge
 * when present, otherwise the browser-mode WebSocket (token from the page URL, kept for reloads in
 * sessionStorage). Everything else in the renderer sees only TidepoolApi.
 */
import { IpcClient, TOKEN_PARAM, WS_PATH, WsClient, type ConnectionState, type PreloadBridge, type TidepoolApi } from '../../../src-main/contract/index.js';

declare global {
  interface Window { tidepool?: PreloadBridge }
}

export interface ApiHandle {
  api: TidepoolApi;
  transport: 'ipc' | 'websocket';
  onState(fn: (s: ConnectionState) => void): () => void;
}

let handle: ApiHandle | undefined;

function browserToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    sessionStorage.setItem('tidepool.token', fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem('tidepool.token');
}

export function getApiHandle(): ApiHandle {
  if (handle) return handle;
  if (window.tidepool) {
    handle = { api: new IpcClient(window.tidepool), transport: 'ipc', onState: (fn) => { fn('open'); return () => {}; } };
  } else {
    const wsUrl = new URL(WS_PATH, window.location.href);
    wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    wsUrl.search = '';
    wsUrl.searchParams.set(TOKEN_PARAM, browserToken() ?? '');
    const client = new WsClient({ url: wsUrl.href, WebSocket: window.WebSocket as never });
    handle = { api: client, transport: 'websocket', onState: (fn) => client.onState(fn) };
  }
  return handle;
}

/** For component tests: inject a fake. */
export function setApiHandle(h: ApiHandle): void {
  handle = h;
}

export const api = (): TidepoolApi => getApiHandle().api;
