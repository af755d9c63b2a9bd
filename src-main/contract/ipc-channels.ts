/** Channel names for Electron IPC (main <-> preload); dependency-free so the preload bundle stays tiny. */
export const IPC = { call: 'tidepool:call', subscribe: 'tidepool:subscribe', unsubscribe: 'tidepool:unsubscribe', event: 'tidepool:event', saveExport: 'tidepool:save-export' } as const;

/** What the preload exposes as `window.tidepool`. */
export interface PreloadBridge {
  call(method: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } }>;
  subscribe(name: string, args: unknown, onEvent: (value: unknown) => void): Promise<{ ok: boolean; id: number; error?: { code: string; message: string; details?: unknown } }>;
  unsubscribe(id: number): Promise<void>;
  /** Electron only: shows the save dialog in main, which writes the file (browser mode downloads instead). */
  saveExport?(request: SaveExportRequest): Promise<SaveExportReply>;
}

/** A finished message export to save: the file's text in parts, and the name the dialog proposes. */
export interface SaveExportRequest {
  suggestedName: string;
  format: 'json' | 'csv';
  parts: string[];
}

export type SaveExportReply =
  | { ok: true; value: { saved: true; path: string; bytes: number } | { saved: false } }
  | { ok: false; error: { code: string; message: string; details?: unknown } };
