/**
 * Small synchronous fs helpers for the log: positional full reads/writes (looping over short transfers),
 * atomic small-file replacement for checkpoints, and errno-to-StorageError mapping at every call.
 */
import * as fs from 'node:fs';
import { ioError } from './errors.js';

/** Writes all of `buf` at `position`, looping on short writes. */
export function writeFully(fd: number, buf: Uint8Array, position: number, path: string): void {
  let done = 0;
  try {
    while (done < buf.length) {
      done += fs.writeSync(fd, buf, done, buf.length - done, position + done);
    }
  } catch (err) {
    throw ioError('write', path, err);
  }
}

/** Reads up to `length` bytes at `position`; returns fewer only at end of file. */
export function readAt(fd: number, position: number, length: number, path: string): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  try {
    while (got < length) {
      const n = fs.readSync(fd, buf, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
  } catch (err) {
    throw ioError('read', path, err);
  }
  return got === length ? buf : buf.subarray(0, got);
}

export function openRw(path: string): number {
  try {
    return fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
  } catch (err) {
    throw ioError('open', path, err);
  }
}

export function fileSize(fd: number, path: string): number {
  try {
    return fs.fstatSync(fd).size;
  } catch (err) {
    throw ioError('stat', path, err);
  }
}

export function truncateFd(fd: number, size: number, path: string): void {
  try {
    fs.ftruncateSync(fd, size);
  } catch (err) {
    throw ioError('truncate', path, err);
  }
}

export function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // closing is best effort: the fd is gone either way
  }
}

export function unlinkIfExists(path: string): void {
  try {
    fs.unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError('delete', path, err);
  }
}

export function readFileIfExists(path: string): Buffer | undefined {
  try {
    return fs.readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError('read', path, err);
  }
}

/** Replaces `path` atomically (write temp, fsync, rename) so a crash leaves the old or the new file, never half. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'w', 0o644);
    fs.writeFileSync(fd, data);
    fs.fdatasyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeQuietly(fd);
    throw ioError('write checkpoint', path, err);
  }
}

export function mkdirp(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    // Node's recursive mkdir reports ENOENT for e.g. EROFS; a plain mkdir of the last level tells the real cause.
    let real: unknown = err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      try { fs.mkdirSync(dir); return; } catch (e) { real = e; }
    }
    throw ioError('mkdir', dir, real);
  }
}
