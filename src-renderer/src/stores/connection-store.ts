/**
 * The state of the link to the Tidepool core (connecting / open / closed, and over which transport),
 * plus which cluster the workbench is looking at. `connectedAt` changes on every (re)connect so that
 * server-data hooks know to fetch again.
 */
import { create } from 'zustand';
import type { ConnectionState } from '../../../src-main/contract/index.js';
import type { ApiHandle } from '../api/client.js';

export interface ConnectionStoreState {
  state: ConnectionState;
  transport: ApiHandle['transport'] | null;
  /** Increments on every transition to 'open'. */
  connectedAt: number;
  activeClusterId: string | null;
  setConnection(state: ConnectionState, transport: ApiHandle['transport']): void;
  selectCluster(id: string | null): void;
}

export const useConnectionStore = create<ConnectionStoreState>()((set, get) => ({
  state: 'connecting',
  transport: null,
  connectedAt: 0,
  activeClusterId: null,
  setConnection: (state, transport) => {
    const prev = get().state;
    set({ state, transport, ...(state === 'open' && prev !== 'open' ? { connectedAt: get().connectedAt + 1 } : {}) });
  },
  selectCluster: (id) => set({ activeClusterId: id }),
}));

/** Wires the store to a transport's state; returns the unsubscribe. */
export function bindConnection(handle: ApiHandle): () => void {
  return handle.onState((s) => useConnectionStore.getState().setConnection(s, handle.transport));
}

export const STATE_LABEL: Record<ConnectionState, string> = { connecting: 'Connecting', open: 'Connected', closed: 'Disconnected' };
export const TRANSPORT_LABEL: Record<ApiHandle['transport'], string> = { ipc: 'IPC', websocket: 'WebSocket' };
