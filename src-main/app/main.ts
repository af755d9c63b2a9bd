/**
 * Electron main process: one hardened window (sandbox, contextIsolation, no nodeIntegration, strict
 * CSP, navigation and new windows blocked) whose preload talks to the core over checked IPC.
 * Thin on purpose: everything testable lives in the core and runs in browser mode too.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import { serveIpc } from '../transports/ipc/ipc-main.js';
import { serveSaveExport } from '../transports/ipc/save-export.js';
import { createCore } from './compose.js';
import { SafeStorageBox } from './safe-storage-box.js';
import { appRoot, preloadPath, rendererDir } from './paths.js';

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "font-src 'self' data:", "worker-src 'self' blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const root = appRoot();
const indexUrl = pathToFileURL(`${rendererDir(root)}/index.html`).href;
const rendererBase = pathToFileURL(`${rendererDir(root)}/`).href;
const isTrustedUrl = (url: string) => url.startsWith(rendererBase);

app.enableSandbox();

void app.whenReady().then(async () => {
  // Profiles live in the user-data folder; their secrets are sealed with the OS keychain (safeStorage).
  const core = createCore({ appRoot: root, clusters: { configDir: app.getPath('userData'), secretBox: await SafeStorageBox.fromElectron() } });
  serveIpc(ipcMain, core.dispatcher, isTrustedUrl);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));

  const win = new BrowserWindow({
    width: 1400, height: 900, title: 'Tidepool', show: false,
    webPreferences: {
      preload: preloadPath(root), sandbox: true, contextIsolation: true, nodeIntegration: false,
      webSecurity: true, spellcheck: false,
    },
  });
  // The message export's save dialog, attached to the window (transports/ipc/save-export.ts writes the file).
  serveSaveExport(ipcMain, { showSaveDialog: (o) => dialog.showSaveDialog(win, o) }, isTrustedUrl);
  win.webContents.on('will-navigate', (e, url) => { if (url !== indexUrl) e.preventDefault(); });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(indexUrl);

  // Quit (last window, menu, or SIGINT/SIGTERM, which Electron turns into a quit) waits for the core to
  // close, so the embedded cluster's worker stops its brokers cleanly instead of being cut off.
  let closed = false;
  let closing: Promise<void> | undefined;
  const closeThenQuit = () => { closing ??= core.close().finally(() => { closed = true; app.quit(); }); };
  app.on('window-all-closed', closeThenQuit);
  app.on('will-quit', (e) => {
    if (closed) return;
    e.preventDefault();
    closeThenQuit();
  });
});
