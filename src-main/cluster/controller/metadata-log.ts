/**
 * The cluster metadata log, in the KRaft spirit: an append-only log of metadata records kept as partition
 * `__cluster_metadata-0` under the data dir, stored by the storage layer's PartitionLog (segments,
 * crash recovery of a torn tail) with no retention, one RecordBatch per append so a decision's records
 * land together or not at all. Opening it replays every record into a MetadataImage; a record that does
 * not decode or does not fit the image stops the open with CORRUPT_METADATA (metadata is never skipped).
 * An append is first applied to a copy of the image, so records that would break an invariant are refused
 * before they reach the disk. Batch timestamps come from the injected clock; listeners hear every append
 * (with its offsets and time) so the cluster can turn changes into metadata events.
 */
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { encodeRecordBatch } from '../../protocol/records/index.js';
import { PartitionLog, scanLogBatches } from '../../storage/index.js';
import { ControllerError } from './controller-error.js';
import { applyRecord, applyRecords, emptyImage, type MetadataImage } from './metadata-image.js';
import { decodeMetadataRecord, encodeMetadataRecord, type MetadataRecord } from './metadata-records.js';

export const METADATA_PARTITION_DIR = '__cluster_metadata-0';

export interface MetadataLogOptions {
  dataDir: string;
  now?: () => number;
  /** fsync after every append (default true, as a controller must not forget a decision it announced). */
  syncEachAppend?: boolean;
}

export interface AppendedRecords {
  records: readonly MetadataRecord[];
  baseOffset: bigint;
  timestamp: bigint;
  image: MetadataImage;
}

export type AppendListener = (appended: AppendedRecords) => void;

export class MetadataLog {
  private current: MetadataImage;
  private readonly listeners = new Set<AppendListener>();

  private constructor(private readonly log: PartitionLog, private readonly now: () => number, image: MetadataImage) {
    this.current = image;
  }

  static open(opts: MetadataLogOptions): MetadataLog {
    const now = opts.now ?? Date.now;
    const log = PartitionLog.open(join(opts.dataDir, METADATA_PARTITION_DIR), {
      retentionMs: -1, retentionBytes: -1, flushMessages: opts.syncEachAppend === false ? -1 : 1,
    }, { now });
    try {
      const image = replay(log);
      // Keep "next record's offset = lastOffset + 1" true even past batches that hold no metadata (broker
      // epochs are computed from it).
      if (image.lastOffset < log.logEndOffset - 1n) image.lastOffset = log.logEndOffset - 1n;
      log.setHighWatermark(log.logEndOffset);
      return new MetadataLog(log, now, image);
    } catch (err) {
      log.close();
      throw err;
    }
  }

  /** The image after every appended record. Treat as read-only: decisions take it, never change it. */
  get image(): MetadataImage { return this.current; }
  get endOffset(): bigint { return this.log.logEndOffset; }

  /** Appends `records` as one batch; refused (nothing written) if any does not apply to the image. */
  append(records: readonly MetadataRecord[]): AppendedRecords | null {
    if (records.length === 0) return null;
    const baseOffset = this.log.logEndOffset;
    const image = applyRecords(this.current, records, baseOffset);
    const timestamp = BigInt(this.now());
    const batch = encodeRecordBatch({
      baseOffset, baseTimestamp: timestamp,
      records: records.map((r, i) => ({ offsetDelta: i, timestampDelta: 0n, key: null, value: encodeMetadataRecord(r), headers: [] })),
    });
    this.log.append(Buffer.from(batch.buffer, batch.byteOffset, batch.byteLength));
    this.log.setHighWatermark(this.log.logEndOffset);
    this.current = image;
    const appended = { records, baseOffset, timestamp, image };
    for (const l of this.listeners) l(appended);
    return appended;
  }

  /** Every record in the log with its offset and batch time, oldest first (for history views and tests). */
  readAll(): { offset: bigint; timestamp: bigint; record: MetadataRecord }[] {
    const out: { offset: bigint; timestamp: bigint; record: MetadataRecord }[] = [];
    forEachRecord(this.log, (offset, timestamp, record) => out.push({ offset, timestamp, record }));
    return out;
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.log.close();
  }
}

function replay(log: PartitionLog): MetadataImage {
  const image = emptyImage();
  forEachRecord(log, (offset, _t, record) => applyRecord(image, record, offset));
  return image;
}

function forEachRecord(log: PartitionLog, fn: (offset: bigint, timestamp: bigint, record: MetadataRecord) => void): void {
  for (const batch of scanLogBatches(log)) {
    // The metadata log is the cluster's source of truth: a batch that does not decode stops the open.
    if (batch.error) throw new ControllerError('CORRUPT_METADATA', `metadata batch at ${batch.header.baseOffset}: ${batch.error.message}`);
    for (const r of batch.records) fn(r.offset, r.timestamp, decodeMetadataRecord(r.value));
  }
}
