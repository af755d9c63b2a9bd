/** Channel names for Electron IPC (main <-> preload); dependency-free so the preload bundle stays tiny. */
export const IPC = { call: 'tidepool:call', subscribe: 'tidepool:subscribe', unsubscribe: 'tidepool:unsubscribe', event: 'tidepool:event' } as const;

/** What the preload exposes as `window.tidepool`. */
export interface PreloadBridge {
  call(method: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } }>;
  subscribe(name: string, args: unknown, onEvent: (value: unknown) => void): Promise<{ ok: boolean; id: number; error?: { code: string; message: string; details?: unknown } }>;
  unsubscribe(id: number): Promise<void>;
}
