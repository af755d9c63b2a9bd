/**
 * One process per data dir: a `.lock` file holding the owner's pid, created exclusively. A lock whose
 * process is gone (a crash, kill -9) is taken over; a live one is a clear error, because two brokers
 * appending to the same logs would corrupt them (Kafka guards log dirs with a .lock file for the same reason).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

/** Takes the lock on `dir` (creating it); returns the release function. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new DataDirLockedError(`the data dir ${dir} is in use by another Tidepool process (pid ${owner})`);
      }
      if (owner === process.pid) throw new DataDirLockedError(`the data dir ${dir} is already open in this process`);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirLockedError(`cannot lock the data dir ${dir}`);
}
