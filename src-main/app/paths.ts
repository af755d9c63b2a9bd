/** Where the built app lives, relative to this bundle (out/main/*.js) or the source tree under tsx. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The package root: the nearest ancestor of this file holding package.json. */
export function appRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const rendererDir = (root = appRoot()) => resolve(root, 'out/renderer');
export const preloadPath = (root = appRoot()) => resolve(root, 'out/preload/preload.cjs');
export const mainBundlePath = (root = appRoot()) => resolve(root, 'out/main/main.js');

/**
 * The app's user-data folder: what Electron's app.getPath('userData') gives for "tidepool", so the
 * Electron window and browser mode share profiles and the local cluster's data. TIDEPOOL_HOME overrides it.
 */
export function userDataDir(): string {
  if (process.env.TIDEPOOL_HOME) return resolve(process.env.TIDEPOOL_HOME);
  const home = homedir();
  const base = process.platform === 'darwin' ? join(home, 'Library', 'Application Support')
    : process.platform === 'win32' ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'tidepool');
}
