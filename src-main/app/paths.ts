/** Where the built app lives, relative to this bundle (out/main/*.js) or the source tree under tsx. */
import { existsSync } from 'node:fs';
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
