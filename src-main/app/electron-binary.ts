/**
 * Finds the Electron binary for `tidepool start`. Electron >= 42 downloads its binary on first
 * `require('electron')`; that attempt runs in a child process so its output and failure stay contained.
 * Where no binary can be had (no network, unsupported platform), the caller falls back to browser mode.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type ElectronLookup = { ok: true; path: string } | { ok: false; reason: string };

export function findElectronBinary(cwd: string, timeoutMs = 5 * 60_000): ElectronLookup {
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd, encoding: 'utf8', timeout: timeoutMs,
  });
  const path = (r.stdout ?? '').trim();
  if (r.status === 0 && path && existsSync(path)) return { ok: true, path };
  const why = (r.stderr ?? '').split('\n').find((l) => /Error|failed/i.test(l))?.trim() ?? `exit ${r.status}`;
  return { ok: false, reason: why };
}
