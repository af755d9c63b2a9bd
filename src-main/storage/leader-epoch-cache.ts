/**
 * Leader epoch -> start offset cache of one partition, persisted as `leader-epoch-checkpoint` in Kafka's text
 * format (version line, count line, then "epoch startOffset" lines). It answers OffsetForLeaderEpoch and
 * follows the log through truncation (from the end) and log-start moves (from the start).
 */
import { join } from 'node:path';
import { StorageError } from './errors.js';
import { readFileIfExists, writeFileAtomic } from './fs-util.js';

export const LEADER_EPOCH_FILE = 'leader-epoch-checkpoint';

export interface EpochEntry {
  epoch: number;
  startOffset: bigint;
}

export class LeaderEpochCache {
  private entries: EpochEntry[] = [];
  readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, LEADER_EPOCH_FILE);
  }

  /** Loads the checkpoint if present; a malformed file is a typed corruption error with its path. */
  static load(dir: string): LeaderEpochCache {
    const cache = new LeaderEpochCache(dir);
    const raw = readFileIfExists(cache.path);
    if (raw === undefined) return cache;
    const lines = raw.toString('utf8').split('\n').filter((l) => l.length > 0);
    const bad = (why: string) => new StorageError('TP_STORAGE_CORRUPT', `leader epoch checkpoint: ${why}`, { path: cache.path });
    if (lines[0] !== '0') throw bad(`unknown version "${lines[0]}"`);
    const count = Number(lines[1]);
    if (!Number.isInteger(count) || count !== lines.length - 2) throw bad('entry count does not match');
    for (const line of lines.slice(2)) {
      const m = /^(\d+) (\d+)$/.exec(line);
      if (!m) throw bad(`bad line "${line}"`);
      const e = { epoch: Number(m[1]), startOffset: BigInt(m[2]) };
      const last = cache.entries.at(-1);
      if (last && (e.epoch <= last.epoch || e.startOffset < last.startOffset)) throw bad('entries out of order');
      cache.entries.push(e);
    }
    return cache;
  }

  get latestEpoch(): number {
    return this.entries.at(-1)?.epoch ?? -1;
  }

  list(): readonly EpochEntry[] {
    return this.entries;
  }

  /** Records that `epoch` starts at `startOffset`, if it is newer than the latest epoch. Returns true if added. */
  assign(epoch: number, startOffset: bigint): boolean {
    if (epoch < 0 || epoch <= this.latestEpoch) return false;
    this.entries.push({ epoch, startOffset });
    this.persist();
    return true;
  }

  /**
   * OffsetForLeaderEpoch: the largest epoch <= `epoch` and its end offset (the next epoch's start offset, or
   * the log end offset for the latest epoch). Unknown (older than all) gives epoch -1, offset -1.
   */
  endOffsetFor(epoch: number, logEndOffset: bigint): { epoch: number; endOffset: bigint } {
    let i = this.entries.length - 1;
    while (i >= 0 && this.entries[i].epoch > epoch) i--;
    if (i < 0) return { epoch: -1, endOffset: -1n };
    const next = this.entries[i + 1];
    return { epoch: this.entries[i].epoch, endOffset: next ? next.startOffset : logEndOffset };
  }

  /** Drops epochs starting at or after `offset` (log truncated to `offset`). */
  truncateFromEnd(offset: bigint): void {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.startOffset < offset);
    if (this.entries.length !== before) this.persist();
  }

  /** The log now starts at `offset`: drop epochs wholly before it and move the one spanning it to `offset`. */
  truncateFromStart(offset: bigint): void {
    let i = 0;
    while (i + 1 < this.entries.length && this.entries[i + 1].startOffset <= offset) i++;
    const first = this.entries[i];
    if (!first) return;
    if (i === 0 && first.startOffset >= offset) return;
    this.entries = [{ epoch: first.epoch, startOffset: first.startOffset < offset ? offset : first.startOffset }, ...this.entries.slice(i + 1)];
    this.persist();
  }

  clear(): void {
    this.entries = [];
    this.persist();
  }

  private persist(): void {
    const body = ['0', String(this.entries.length), ...this.entries.map((e) => `${e.epoch} ${e.startOffset}`)].join('\n');
    writeFileAtomic(this.path, `${body}\n`);
  }
}
