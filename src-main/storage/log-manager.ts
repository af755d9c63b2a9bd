/**
 * LogManager: all partition logs under one data directory (`<topic>-<partition>/`). Opens every partition at
 * start-up (a partition that fails to open is reported and kept offline while the others work), creates and
 * deletes partitions, and runs the background work: retention, flush.ms and compaction timers. close() stops
 * the timers, waits for a running compaction and closes every log cleanly (each writes its clean-shutdown marker).
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { LogConfigInput } from './config.js';
import { StorageError, ioError } from './errors.js';
import { compactLog } from './log-cleaner.js';
import { applyRetention } from './log-retention.js';
import { mkdirp } from './fs-util.js';
import { PartitionLog } from './partition-log.js';

export interface TopicPartition { topic: string; partition: number }

export interface LogManagerOptions {
  dataDir: string;
  /** Config of a topic's partitions (topic configs live above storage). */
  configFor?: (topic: string) => LogConfigInput;
  /** log.retention.check.interval.ms (Kafka: 5 min). */
  retentionCheckMs?: number;
  /** producer.id.expiration.ms (Kafka: 1 day), applied with retention. */
  producerIdExpirationMs?: number;
  /** How often flush.ms deadlines and the cleaner are checked. */
  schedulerTickMs?: number;
  now?: () => number;
  /** Background failures (retention, flush, compaction), with the partition they hit. */
  onError?: (tp: TopicPartition, err: StorageError) => void;
}

const DIR_RE = /^(.+)-(\d+)$/;
const key = (topic: string, partition: number) => `${topic}-${partition}`;

export class LogManager {
  private readonly logs = new Map<string, { tp: TopicPartition; log: PartitionLog; lastFlush: number }>();
  private readonly failed = new Map<string, { tp: TopicPartition; error: StorageError }>();
  private timers: NodeJS.Timeout[] = [];
  private cleaning: Promise<void> | undefined;
  private closed = false;
  private readonly now: () => number;

  private constructor(private readonly opts: LogManagerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Opens every partition directory under `dataDir`. */
  static open(opts: LogManagerOptions): LogManager {
    const m = new LogManager(opts);
    mkdirp(opts.dataDir);
    let names: string[];
    try {
      names = fs.readdirSync(opts.dataDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch (err) {
      throw ioError('list', opts.dataDir, err);
    }
    for (const name of names.sort()) {
      const match = DIR_RE.exec(name);
      if (!match) continue;
      const tp = { topic: match[1], partition: Number(match[2]) };
      try {
        m.add(tp, PartitionLog.open(join(opts.dataDir, name), opts.configFor?.(tp.topic) ?? {}, { now: m.now }));
      } catch (err) {
        m.failed.set(name, { tp, error: err instanceof StorageError ? err : ioError('open', join(opts.dataDir, name), err) });
      }
    }
    return m;
  }

  private add(tp: TopicPartition, log: PartitionLog): PartitionLog {
    this.logs.set(key(tp.topic, tp.partition), { tp, log, lastFlush: this.now() });
    return log;
  }

  get(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.get(key(topic, partition))?.log;
  }

  /** Opens or creates a partition's log. A partition that failed to open stays failed (its error is rethrown). */
  getOrCreate(topic: string, partition: number, config?: LogConfigInput): PartitionLog {
    if (this.closed) throw new StorageError('TP_STORAGE_CLOSED', 'log manager is closed', { path: this.opts.dataDir });
    if (!/^[A-Za-z0-9._-]+$/.test(topic) || !Number.isInteger(partition) || partition < 0) {
      throw new StorageError('TP_STORAGE_INVALID_CONFIG', `bad topic partition ${topic}-${partition}`);
    }
    const existing = this.get(topic, partition);
    if (existing) return existing;
    const bad = this.failed.get(key(topic, partition));
    if (bad) throw bad.error;
    const dir = join(this.opts.dataDir, key(topic, partition));
    return this.add({ topic, partition }, PartitionLog.open(dir, config ?? this.opts.configFor?.(topic) ?? {}, { now: this.now }));
  }

  /** Closes and removes a partition's directory (topic deletion or reassignment). */
  delete(topic: string, partition: number): void {
    const k = key(topic, partition);
    const entry = this.logs.get(k);
    this.logs.delete(k);
    this.failed.delete(k);
    try { entry?.log.close(); } catch { /* the directory goes anyway */ }
    try {
      fs.rmSync(join(this.opts.dataDir, k), { recursive: true, force: true });
    } catch (err) {
      throw ioError('delete partition', join(this.opts.dataDir, k), err);
    }
  }

  partitions(): TopicPartition[] {
    return [...this.logs.values()].map((e) => e.tp);
  }

  failedPartitions(): { topic: string; partition: number; error: StorageError }[] {
    return [...this.failed.values()].map((f) => ({ ...f.tp, error: f.error }));
  }

  /** Starts the retention, flush and cleaner timers (unref'd: they never keep the process alive). */
  start(): void {
    const tick = this.opts.schedulerTickMs ?? 1000;
    const every = (ms: number, fn: () => void) => { const t = setInterval(fn, ms); t.unref(); this.timers.push(t); };
    every(this.opts.retentionCheckMs ?? 300_000, () => this.runRetention());
    every(tick, () => { void this.runFlush(); });
    every(tick * 15, () => { void this.runCleaner(); });
  }

  runRetention(now = this.now()): number {
    let deleted = 0;
    for (const e of this.logs.values()) {
      try {
        deleted += applyRetention(e.log, now).deletedSegments;
        e.log.producerState.removeExpired(now, this.opts.producerIdExpirationMs ?? 86_400_000);
      } catch (err) {
        this.report(e.tp, err);
      }
    }
    return deleted;
  }

  /** fsyncs logs whose flush.ms deadline has passed. */
  async runFlush(now = this.now()): Promise<number> {
    const due = [...this.logs.values()].filter((e) => e.log.config.flushMs >= 0 && now - e.lastFlush >= e.log.config.flushMs && !e.log.isClosed);
    await Promise.all(due.map(async (e) => {
      e.lastFlush = now;
      try { await e.log.flush(); } catch (err) { this.report(e.tp, err); }
    }));
    return due.length;
  }

  /** Compacts compacted logs one after another; only one pass runs at a time. */
  runCleaner(now = this.now()): Promise<void> {
    this.cleaning ??= (async () => {
      for (const e of [...this.logs.values()]) {
        if (this.closed || !e.log.config.cleanupPolicy.includes('compact')) continue;
        try { await compactLog(e.log, { now }); } catch (err) { this.report(e.tp, err); }
      }
    })().finally(() => { this.cleaning = undefined; });
    return this.cleaning;
  }

  private report(tp: TopicPartition, err: unknown): void {
    const e = err instanceof StorageError ? err : ioError('background task', join(this.opts.dataDir, key(tp.topic, tp.partition)), err);
    this.opts.onError?.(tp, e);
  }

  /** Abrupt shutdown (a killed broker): timers stopped, every log abandoned unflushed, without its marker. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const e of this.logs.values()) e.log.abandon();
    this.logs.clear();
  }

  /** Clean shutdown: timers stopped, compaction finished, every log closed with its marker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.cleaning;
    let first: unknown;
    for (const e of this.logs.values()) {
      try { e.log.close(); } catch (err) { first ??= err; }
    }
    this.logs.clear();
    if (first) throw first;
  }
}
