/**
 * The small files beside a partition's segments: `log-checkpoint` (log start offset and high watermark),
 * the `clean-shutdown` marker, `<offset>.snapshot` producer-state snapshots, and the directory listing that
 * finds segments and leftovers (temp files, half-finished compaction output).
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { StorageError, ioError } from './errors.js';
import { readFileIfExists, unlinkIfExists, writeFileAtomic } from './fs-util.js';
import { segmentFileName } from './segment.js';

export const CHECKPOINT_FILE = 'log-checkpoint';
export const CLEAN_SHUTDOWN_FILE = 'clean-shutdown';
const SNAPSHOT_SUFFIX = '.snapshot';

export interface LogCheckpoint {
  logStartOffset: bigint;
  highWatermark: bigint;
}

export function readCheckpoint(dir: string): LogCheckpoint | undefined {
  const path = join(dir, CHECKPOINT_FILE);
  const raw = readFileIfExists(path);
  if (raw === undefined) return undefined;
  try {
    const d = JSON.parse(raw.toString('utf8')) as { logStartOffset: string; highWatermark: string };
    return { logStartOffset: BigInt(d.logStartOffset), highWatermark: BigInt(d.highWatermark) };
  } catch (err) {
    throw new StorageError('TP_STORAGE_CORRUPT', 'log checkpoint is not valid', { path, cause: err });
  }
}

export function writeCheckpoint(dir: string, c: LogCheckpoint): void {
  writeFileAtomic(join(dir, CHECKPOINT_FILE), JSON.stringify({ logStartOffset: c.logStartOffset.toString(), highWatermark: c.highWatermark.toString() }));
}

export interface CleanShutdownMarker {
  activeBaseOffset: bigint;
  activeSize: number;
  logEndOffset: bigint;
}

/** Reads and removes the marker, so that a crash from now on is seen as unclean. */
export function takeCleanShutdownMarker(dir: string): CleanShutdownMarker | undefined {
  const path = join(dir, CLEAN_SHUTDOWN_FILE);
  const raw = readFileIfExists(path);
  if (raw === undefined) return undefined;
  unlinkIfExists(path);
  try {
    const d = JSON.parse(raw.toString('utf8')) as { activeBaseOffset: string; activeSize: number; logEndOffset: string };
    return { activeBaseOffset: BigInt(d.activeBaseOffset), activeSize: d.activeSize, logEndOffset: BigInt(d.logEndOffset) };
  } catch {
    return undefined; // an unreadable marker just means a full recovery
  }
}

export function writeCleanShutdownMarker(dir: string, m: CleanShutdownMarker): void {
  writeFileAtomic(join(dir, CLEAN_SHUTDOWN_FILE), JSON.stringify({
    activeBaseOffset: m.activeBaseOffset.toString(), activeSize: m.activeSize, logEndOffset: m.logEndOffset.toString(),
  }));
}

export interface DirListing {
  segmentBases: bigint[];
  snapshotOffsets: bigint[];
}

/**
 * Lists segments and snapshots, removing leftovers of interrupted work: `*.tmp` checkpoint files and
 * `*.cleaned` compaction output that was never swapped in (the original segment is still there).
 */
export function listPartitionDir(dir: string): DirListing {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    throw ioError('list', dir, err);
  }
  const segmentBases: bigint[] = [];
  const snapshotOffsets: bigint[] = [];
  for (const name of names) {
    if (name.endsWith('.tmp') || name.endsWith('.cleaned')) { unlinkIfExists(join(dir, name)); continue; }
    const m = /^(\d{20})\.(log|snapshot)$/.exec(name);
    if (!m) continue;
    if (m[2] === 'log') segmentBases.push(BigInt(m[1])); else snapshotOffsets.push(BigInt(m[1]));
  }
  const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
  return { segmentBases: segmentBases.sort(cmp), snapshotOffsets: snapshotOffsets.sort(cmp) };
}

export function snapshotPath(dir: string, offset: bigint): string {
  return join(dir, segmentFileName(offset, SNAPSHOT_SUFFIX));
}

export function writeSnapshot(dir: string, offset: bigint, body: string): void {
  writeFileAtomic(snapshotPath(dir, offset), body);
}

/** Removes snapshots past `maxOffset` (they describe a longer log than we have) and all but the newest `keep` others. */
export function pruneSnapshots(dir: string, offsets: bigint[], keep: number, maxOffset?: bigint): void {
  const sorted = [...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const valid = sorted.filter((o) => maxOffset === undefined || o <= maxOffset);
  const kept = new Set(valid.slice(-keep));
  for (const o of sorted) if (!kept.has(o)) unlinkIfExists(snapshotPath(dir, o));
}
