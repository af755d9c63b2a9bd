/**
 * Real faults: a full disk (a 1 MiB tmpfs; needs root and mount), permission errors (chattr +i and a read-only
 * bind mount: root ignores permission bits, so chmod cannot be used honestly here) and a corrupt partition
 * among healthy ones. Where the environment cannot mount, those tests are reported as skipped, not passed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from './errors.js';
import { LogManager } from './log-manager.js';
import { PartitionLog } from './partition-log.js';
import { makeBatch } from './test-batches.js';
import { tempDir } from './test-dirs.js';

function tryRun(cmd: string, args: string[]): boolean {
  try { execFileSync(cmd, args, { stdio: 'ignore' }); return true; } catch { return false; }
}

const probe = tempDir('tp-probe-');
const canMount = tryRun('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe.dir]) && tryRun('umount', [probe.dir]);
fs.writeFileSync(join(probe.dir, 'f'), 'x');
const canChattr = tryRun('chattr', ['+i', join(probe.dir, 'f')]) && tryRun('chattr', ['-i', join(probe.dir, 'f')]);
probe.cleanup();

let dir: string;
let cleanup: () => void;
const mounts: string[] = [];
const immutable: string[] = [];
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  for (const f of immutable.splice(0)) tryRun('chattr', ['-i', f]);
  for (const m of mounts.splice(0)) tryRun('umount', [m]);
  cleanup();
});

function caught(fn: () => unknown): StorageError {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(StorageError); return e as StorageError; }
  throw new Error('expected a StorageError');
}

describe('disk full', () => {
  it.skipIf(!canMount)('gives TP_STORAGE_DISK_FULL with the path, leaves no partial batch, and recovers when space frees', () => {
    const mnt = join(dir, 'small');
    fs.mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
    mounts.push(mnt);
    fs.writeFileSync(join(mnt, 'ballast'), Buffer.alloc(256 * 1024));
    const logDir = join(mnt, 'orders-0');
    const log = PartitionLog.open(logDir);
    let err: StorageError | undefined;
    let good = 0;
    for (let i = 0; i < 100 && !err; i++) {
      try { log.append(makeBatch({ records: 4, valueSize: 16 * 1024, seed: i })); good++; } catch (e) { err = e as StorageError; }
    }
    expect(err).toBeInstanceOf(StorageError);
    expect(err?.code).toBe('TP_STORAGE_DISK_FULL');
    expect(err?.path).toBe(join(logDir, '00000000000000000000.log'));
    expect(err?.message).toMatch(/ENOSPC/);
    expect(good).toBeGreaterThan(5);
    // Nothing half-written: the file ends at the last acknowledged batch and everything reads back.
    expect(log.logEndOffset).toBe(BigInt(good * 4));
    expect(fs.statSync(join(logDir, '00000000000000000000.log')).size).toBe(log.active.size);
    expect(log.read(0n, 1 << 22).nextOffset).toBe(BigInt(good * 4));
    fs.rmSync(join(mnt, 'ballast'));
    expect(log.append(makeBatch({ records: 4, valueSize: 16 * 1024 })).baseOffset).toBe(BigInt(good * 4));
    log.close();
    const again = PartitionLog.open(logDir);
    expect(again.logEndOffset).toBe(BigInt(good * 4 + 4));
    again.close();
  });
});

describe('permissions', () => {
  it.skipIf(!canChattr)('an immutable segment file gives TP_STORAGE_PERMISSION on open, naming the file', () => {
    const log = PartitionLog.open(dir);
    log.append(makeBatch());
    log.close();
    const file = join(dir, '00000000000000000000.log');
    execFileSync('chattr', ['+i', file]);
    immutable.push(file);
    const err = caught(() => PartitionLog.open(dir));
    expect(err.code).toBe('TP_STORAGE_PERMISSION');
    expect(err.path).toBe(file);
    expect(err.message).toMatch(/EPERM/);
  });

  it.skipIf(!canMount)('a read-only data directory gives TP_STORAGE_PERMISSION (EROFS) when creating a partition', () => {
    const ro = join(dir, 'ro');
    fs.mkdirSync(ro);
    execFileSync('mount', ['--bind', '-o', 'ro', ro, ro]);
    mounts.push(ro);
    const err = caught(() => PartitionLog.open(join(ro, 't-0')));
    expect(err.code).toBe('TP_STORAGE_PERMISSION');
    expect(err.path).toBe(join(ro, 't-0'));
  });
});

describe('one bad partition among good ones', () => {
  it('keeps the others working and reports the bad one with its typed error', async () => {
    const m = LogManager.open({ dataDir: dir, configFor: () => ({ segmentBytes: 200 }) });
    for (const t of ['good', 'bad']) for (let i = 0; i < 5; i++) m.getOrCreate(t, 0).append(makeBatch({ valueSize: 60 }));
    await m.close();
    // Damage a middle segment's tail of bad-0.
    fs.appendFileSync(join(dir, 'bad-0', '00000000000000000000.log'), Buffer.alloc(9, 1));
    const again = LogManager.open({ dataDir: dir, configFor: () => ({ segmentBytes: 200 }) });
    expect(again.partitions()).toEqual([{ topic: 'good', partition: 0 }]);
    const failed = again.failedPartitions();
    expect(failed.map((f) => [f.topic, f.partition, f.error.code, f.error.path]))
      .toEqual([['bad', 0, 'TP_STORAGE_CORRUPT', join(dir, 'bad-0', '00000000000000000000.log')]]);
    expect(caught(() => again.getOrCreate('bad', 0)).code).toBe('TP_STORAGE_CORRUPT');
    expect(again.getOrCreate('good', 0).append(makeBatch()).baseOffset).toBe(5n);
    await again.close();
  });
});
