/** Test helper: a fresh temporary directory per test, removed afterwards. */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'tp-storage-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
